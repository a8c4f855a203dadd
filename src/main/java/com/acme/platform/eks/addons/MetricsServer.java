package com.acme.platform.eks.addons;

import com.acme.platform.eks.platform.RestrictedSecurityContext;
import com.acme.platform.eks.platform.ClusterHandle;
import com.acme.platform.eks.platform.HelmRelease;
import com.acme.platform.eks.platform.SystemNodes;
import com.acme.platform.eks.config.MetricsServerConfig;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;

import java.util.List;
import java.util.Map;

/** metrics-server, the metrics.k8s.io API the HPA reads: docs/internals.md#metrics-server. */
public final class MetricsServer extends ComponentResource {

    public record Args(ClusterHandle cluster, MetricsServerConfig config) { }

    public static final HelmRelease.Chart CHART = new HelmRelease.Chart("metrics-server", "3.13.1",
            "https://kubernetes-sigs.github.io/metrics-server/");

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

        this.release = HelmRelease.of(name, this, args.cluster(), "metrics-server", CHART, "kube-system")
                .values(values).onSystemNodes().timeoutSeconds(600)
                .create();

        registerOutputs(Map.of());
    }

    /** HPAs work once this release is ready. */
    public Release release() {
        return release;
    }
}
