package com.acme.platform.eks.addons;

import com.acme.platform.eks.platform.RestrictedSecurityContext;
import com.acme.platform.eks.platform.SystemNodes;
import com.acme.platform.eks.config.MetricsServerConfig;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.List;
import java.util.Map;

/**
 * metrics-server: the resource metrics API ({@code metrics.k8s.io}) the HorizontalPodAutoscaler reads CPU and
 * memory from. It runs on the system nodes; with more than one replica a PodDisruptionBudget and a spread over
 * hosts keep the API (and so autoscaling) up through a node drain.
 */
public final class MetricsServer extends ComponentResource {

    /** @param systemServices the system nodes and cluster DNS, which the pods need before the release is ready */
    public record Args(MetricsServerConfig config, Provider kubernetesProvider, List<Resource> systemServices) { }

    public static final String CHART = "metrics-server";
    public static final String CHART_VERSION = "3.13.1";
    public static final String CHART_REPOSITORY = "https://kubernetes-sigs.github.io/metrics-server/";

    private final Release release;

    public MetricsServer(String name, Args args, ComponentResourceOptions options) {
        super("eks-platform:addons:MetricsServer", name, options);
        int replicas = args.config().replicas();
        var values = new java.util.LinkedHashMap<String, Object>();
        values.put("replicas", replicas);
        values.put("nodeSelector", SystemNodes.nodeSelector());
        values.put("tolerations", SystemNodes.tolerations());
        values.put("topologySpreadConstraints", List.of(Map.of(
                "maxSkew", 1,
                "topologyKey", "kubernetes.io/hostname",
                "whenUnsatisfiable", "ScheduleAnyway",
                "labelSelector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", "metrics-server")))));
        if (replicas > 1) {
            values.put("podDisruptionBudget", Map.of("enabled", true, "maxUnavailable", 1));
        }
        // Sized per the upstream recommendation for clusters up to ~100 nodes; memory limit = request.
        values.put("resources", RestrictedSecurityContext.resources("100m", "200Mi"));
        values.put("securityContext", RestrictedSecurityContext.container());
        values.put("podSecurityContext", RestrictedSecurityContext.pod());

        this.release = new Release(name, ReleaseArgs.builder()
                .name("metrics-server")
                .namespace("kube-system")
                .chart(CHART)
                .version(CHART_VERSION)
                .repositoryOpts(RepositoryOptsArgs.builder().repo(CHART_REPOSITORY).build())
                .values(values)
                .atomic(true)
                .cleanupOnFail(true)
                .timeout(600)
                .build(), CustomResourceOptions.builder().parent(this).provider(args.kubernetesProvider())
                .dependsOn(args.systemServices()).build());

        registerOutputs(Map.of());
    }

    /** HPAs work once this release is ready. */
    public Release release() {
        return release;
    }
}
