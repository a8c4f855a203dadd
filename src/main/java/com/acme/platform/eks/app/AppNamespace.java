package com.acme.platform.eks.app;

import com.acme.platform.eks.config.AppConfig;
import com.acme.platform.eks.config.SecretText;
import com.acme.platform.eks.platform.ClusterHandle;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The app's namespace and secret environment, whoever delivers: docs/internals.md#the-apps-components. */
public final class AppNamespace extends ComponentResource {

    /** {@code readinessGate}: the app has an Ingress, so the ALB controller injects its readiness gate. */
    public record Args(ClusterHandle cluster, AppConfig config, boolean readinessGate) { }

    private final Output<String> name;
    private final Optional<Secret> secretEnv;

    public AppNamespace(String name, Args args, ComponentResourceOptions options) {
        super("eks-platform:app:AppNamespace", name, options);
        var cfg = args.config();
        var onCluster = CustomResourceOptions.builder().parent(this).provider(args.cluster().kubernetesProvider())
                .build();
        var labels = labels(cfg);
        // Restricted: the API server rejects any pod here that could run as root or escalate, whoever creates it.
        var namespaceLabels = new TreeMap<String, String>(labels);
        namespaceLabels.putAll(podSecurityLabels());
        // Only with an Ingress: the label sends every pod creation through the webhook (docs/workload.md).
        if (args.readinessGate()) {
            namespaceLabels.put("elbv2.k8s.aws/pod-readiness-gate-inject", "enabled");
        }
        var namespace = new Namespace(name + "-namespace", NamespaceArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(cfg.namespace()).labels(namespaceLabels).build())
                .build(), onCluster);
        this.name = namespace.metadata().applyValue(m -> m.name().orElseThrow());
        this.secretEnv = cfg.secretEnv().isEmpty() ? Optional.empty()
                : Optional.of(secretEnv(name, cfg, labels, onCluster));
        registerOutputs(Map.of("namespace", this.name));
    }

    /** The labels of every object of the app: {@link #selectorLabels} and what describes it. */
    public static Map<String, String> labels(AppConfig cfg) {
        var labels = new TreeMap<String, String>(selectorLabels(cfg));
        labels.put("app.kubernetes.io/component", "backend");
        labels.put("app.kubernetes.io/part-of", cfg.name());
        labels.put("app.kubernetes.io/managed-by", "pulumi");
        return labels;
    }

    /** Labels that select the app's pods. */
    public static Map<String, String> selectorLabels(AppConfig cfg) {
        return Map.of("app.kubernetes.io/name", cfg.name(), "app.kubernetes.io/instance", cfg.name());
    }

    /** The Pod Security Standards labels of the app's namespace. */
    public static Map<String, String> podSecurityLabels() {
        return Map.of(
                "pod-security.kubernetes.io/enforce", "restricted",
                "pod-security.kubernetes.io/enforce-version", "latest",
                "pod-security.kubernetes.io/warn", "restricted",
                "pod-security.kubernetes.io/warn-version", "latest",
                "pod-security.kubernetes.io/audit", "restricted",
                "pod-security.kubernetes.io/audit-version", "latest");
    }

    /** Auto-named and immutable when Pulumi delivers, {@code <appName>-env} for Argo CD (docs/internals.md#the-apps-secret). */
    private Secret secretEnv(String name, AppConfig cfg, Map<String, String> labels, CustomResourceOptions onCluster) {
        boolean pulumiDelivers = cfg.deliveredBy() == AppConfig.Delivery.PULUMI;
        var metadata = ObjectMetaArgs.builder().namespace(name()).labels(labels);
        if (!pulumiDelivers) {
            metadata.name(cfg.name() + "-env");
        }
        var secret = SecretArgs.builder()
                .metadata(metadata.build())
                .type("Opaque")
                // The values stay Pulumi secrets all the way into the state; offline they are placeholders.
                .stringData(Output.ofSecret(secretValues(cfg.secretEnv())));
        if (pulumiDelivers) {
            secret.immutable(true);
        }
        return new Secret(name + "-secret-env", secret.build(), onCluster);
    }

    private static Map<String, String> secretValues(Map<String, SecretText> secrets) {
        var values = new TreeMap<String, String>();
        secrets.forEach((key, value) -> values.put(key, value.reveal()));
        return values;
    }

    /** The namespace's name (known once the Namespace exists: objects that reference it wait for it). */
    public Output<String> name() {
        return name;
    }

    /** The Secret of the app's secret environment, when it has one. */
    public Optional<Secret> secretEnv() {
        return secretEnv;
    }
}
