package com.acme.platform.eks.app;

import com.acme.platform.eks.platform.RestrictedSecurityContext;
import com.acme.platform.eks.platform.ClusterHandle;
import com.acme.platform.eks.platform.HelmRelease;
import com.acme.platform.eks.platform.SystemNodes;
import com.acme.platform.eks.config.AppConfig;
import com.acme.platform.eks.edge.AlbIngress;
import com.acme.platform.eks.config.ArgoCdConfig;
import com.acme.platform.eks.platform.KubernetesCustomResource;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Argo CD on the system nodes behind an internal ALB, and the app's Application: docs/internals.md#argo-cd. */
public final class ArgoCd extends ComponentResource {

    /** {@code ingress}: empty without an edge (no UI Ingress); docs/internals.md#argo-cd. */
    public record Args(ClusterHandle cluster, ArgoCdConfig config, AppConfig app, Output<String> appNamespace,
                       Optional<AlbIngress> ingress) { }

    public static final HelmRelease.Chart CHART = new HelmRelease.Chart("argo-cd", "10.1.1",
            "https://argoproj.github.io/argo-helm");
    public static final String NAMESPACE = "argocd";

    private final Release release;
    private final Optional<KubernetesCustomResource> application;

    public ArgoCd(String name, Args args, ComponentResourceOptions options) {
        super("eks-platform:app:ArgoCd", name, options);
        var cfg = args.config();
        var onCluster = CustomResourceOptions.builder().parent(this).provider(args.cluster().kubernetesProvider()).build();

        // Baseline enforced, restricted warned: docs/internals.md#argo-cd.
        var namespace = new Namespace(name + "-namespace", NamespaceArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(NAMESPACE).labels(Map.of(
                        "pod-security.kubernetes.io/enforce", "baseline",
                        "pod-security.kubernetes.io/warn", "restricted",
                        "pod-security.kubernetes.io/audit", "restricted",
                        "app.kubernetes.io/name", "argocd",
                        "app.kubernetes.io/managed-by", "pulumi")).build())
                .build(), onCluster);

        this.release = HelmRelease.of(name, this, args.cluster(), "argocd", CHART, NAMESPACE)
                .namespace(namespace.metadata().applyValue(m -> m.name().orElseThrow()))
                .values(args.ingress().map(alb -> alb.certificateArn().applyValue(arn -> values(cfg, alb.className(), arn)))
                        .orElse(Output.of(values(cfg, null, null))))
                .after(args.ingress().map(AlbIngress::dependsOn).orElse(List.of()))
                .onSystemNodes().timeoutSeconds(900)
                .create();

        if (args.app().deliveredBy() == AppConfig.Delivery.ARGOCD) {
            var app = args.app();
            this.application = Optional.of(new KubernetesCustomResource(name + "-application",
                    "argoproj.io/v1alpha1", "Application",
                    Map.of("name", app.name(), "namespace", NAMESPACE,
                            // Deleting the Application deletes what it deployed, not just the Argo CD record.
                            "finalizers", List.of("resources-finalizer.argocd.argoproj.io")),
                    args.appNamespace().applyValue(appNamespace -> application(cfg, appNamespace)),
                    CustomResourceOptions.builder().parent(this).provider(args.cluster().kubernetesProvider())
                            .dependsOn(release).build()));
        } else {
            this.application = Optional.empty();
        }
        registerOutputs(Map.of());
    }

    static Map<String, Object> values(ArgoCdConfig cfg, String ingressClassName, String certificateArn) {
        String host = cfg.hostName().orElseThrow();
        // The UI is internal only: an internal ALB, a name in the private zone.
        var annotations = new LinkedHashMap<String, Object>(AlbIngress.annotations("internal", certificateArn,
                "/healthz", AlbIngress.ARGOCD_GROUP));
        annotations.put("alb.ingress.kubernetes.io/backend-protocol", "HTTP");
        annotations.put("external-dns.alpha.kubernetes.io/hostname", host);

        var values = new LinkedHashMap<String, Object>();
        values.put("global", Map.of(
                "securityContext", RestrictedSecurityContext.pod(),
                "domain", host,
                "nodeSelector", SystemNodes.nodeSelector(),
                "tolerations", SystemNodes.tolerations()));
        // TLS ends at the ALB; the ALB-to-pod hop stays inside the VPC.
        values.put("configs", Map.of("params", Map.of("server.insecure", true)));
        // No SSO is configured yet: Dex would only be an unused pod with a token.
        values.put("dex", Map.of("enabled", false));
        // The chart sets no requests or limits: docs/internals.md#argo-cd.
        values.put("controller", component(RestrictedSecurityContext.resources("100m", "512Mi")));
        for (String component : List.of("redis", "applicationSet", "notifications")) {
            values.put(component, component(RestrictedSecurityContext.resources("100m", "128Mi")));
        }
        // The Job that writes redis's password before the chart's pods start.
        values.put("redisSecretInit", component(RestrictedSecurityContext.resources("10m", "64Mi")));
        var repoServer = new LinkedHashMap<>(component(RestrictedSecurityContext.resources("100m", "256Mi")));
        repoServer.put("replicas", cfg.replicas());
        values.put("repoServer", repoServer);
        var server = new LinkedHashMap<>(component(RestrictedSecurityContext.resources("50m", "128Mi")));
        server.put("replicas", cfg.replicas());
        if (certificateArn == null) {
            // No edge in this stack: the UI is reached with kubectl port-forward only.
            server.put("ingress", Map.of("enabled", false));
            values.put("server", server);
            return values;
        }
        server.putAll(Map.of(
                "ingress", Map.of(
                        "enabled", true,
                        "controller", "generic",
                        "ingressClassName", ingressClassName,
                        "hostname", host,
                        "path", "/",
                        "pathType", "Prefix",
                        "annotations", annotations)));
        values.put("server", server);
        return values;
    }

    /** One Argo CD component's values: its resources and the restricted container security context. */
    private static Map<String, Object> component(Map<String, Object> resources) {
        return Map.of("resources", resources, "containerSecurityContext", RestrictedSecurityContext.container());
    }

    static Map<String, Object> application(ArgoCdConfig cfg, String appNamespace) {
        var spec = new LinkedHashMap<String, Object>();
        spec.put("project", "default");
        spec.put("source", Map.of(
                "repoURL", cfg.repoUrl().orElseThrow(),
                "path", cfg.path(),
                "targetRevision", cfg.targetRevision()));
        spec.put("destination", Map.of(
                "server", "https://kubernetes.default.svc",
                "namespace", appNamespace));
        spec.put("syncPolicy", Map.of(
                "automated", Map.of("prune", true, "selfHeal", true),
                // The namespace belongs to the platform (Pod Security labels); Argo CD must not create its own.
                "syncOptions", List.of("CreateNamespace=false", "ServerSideApply=true")));
        return spec;
    }

    public Release release() {
        return release;
    }

    /** The Argo CD Application of the app, when Argo CD delivers it. */
    public Optional<KubernetesCustomResource> application() {
        return application;
    }
}
