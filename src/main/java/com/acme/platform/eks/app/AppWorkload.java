package com.acme.platform.eks.app;

import com.acme.platform.eks.config.AppConfig;
import com.acme.platform.eks.edge.AlbIngress;
import com.acme.platform.eks.network.Network;
import com.acme.platform.eks.platform.ClusterHandle;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.apps.v1.Deployment;
import com.pulumi.kubernetes.autoscaling.v2.HorizontalPodAutoscaler;
import com.pulumi.kubernetes.autoscaling.v2.HorizontalPodAutoscalerArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.CrossVersionObjectReferenceArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.HPAScalingPolicyArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.HPAScalingRulesArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.HorizontalPodAutoscalerBehaviorArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.HorizontalPodAutoscalerSpecArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.MetricSpecArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.MetricTargetArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.ResourceMetricSourceArgs;
import com.pulumi.kubernetes.core.v1.Service;
import com.pulumi.kubernetes.core.v1.ServiceAccount;
import com.pulumi.kubernetes.core.v1.ServiceAccountArgs;
import com.pulumi.kubernetes.core.v1.ServiceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServicePortArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServiceSpecArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.networking.v1.Ingress;
import com.pulumi.kubernetes.networking.v1.IngressArgs;
import com.pulumi.kubernetes.networking.v1.NetworkPolicy;
import com.pulumi.kubernetes.networking.v1.NetworkPolicyArgs;
import com.pulumi.kubernetes.networking.v1.inputs.HTTPIngressPathArgs;
import com.pulumi.kubernetes.networking.v1.inputs.HTTPIngressRuleValueArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IPBlockArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressBackendArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressServiceBackendArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressSpecArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressTLSArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyIngressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPeerArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPortArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicySpecArgs;
import com.pulumi.kubernetes.networking.v1.inputs.ServiceBackendPortArgs;
import com.pulumi.kubernetes.policy.v1.PodDisruptionBudget;
import com.pulumi.kubernetes.policy.v1.PodDisruptionBudgetArgs;
import com.pulumi.kubernetes.policy.v1.inputs.PodDisruptionBudgetSpecArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The team's backend service, run as the EKS Best Practices Guide runs one: docs/internals.md#the-apps-components. */
public final class AppWorkload extends ComponentResource {

    /** {@code ingress} empty without an edge; the rest: docs/internals.md#the-apps-components. */
    public record Args(ClusterHandle cluster, AppConfig config, AppNamespace namespace, Optional<AlbIngress> ingress,
                       Network.Outputs network, List<Resource> nodeCapacity) {
        public Args {
            nodeCapacity = List.copyOf(nodeCapacity);
        }

        Output<List<String>> albSubnetCidrs() {
            return config.exposure() == AppConfig.Exposure.PUBLIC ? network.publicSubnetCidrs()
                    : network.privateSubnetCidrs();
        }
    }

    private final Output<String> namespaceName;
    private final Map<String, String> selectorLabels;
    private Optional<Output<String>> loadBalancerHostname = Optional.empty();

    public AppWorkload(String name, Args args, ComponentResourceOptions options) {
        super("eks-platform:app:AppWorkload", name, options);
        var cfg = args.config();
        var provider = args.cluster().kubernetesProvider();
        var onCluster = CustomResourceOptions.builder().parent(this).provider(provider).build();
        this.namespaceName = args.namespace().name();
        this.selectorLabels = AppNamespace.selectorLabels(cfg);
        var labels = AppNamespace.labels(cfg);

        var serviceAccount = new ServiceAccount(name + "-service-account", ServiceAccountArgs.builder()
                .metadata(metadata(cfg.name(), labels))
                // The app does not call the Kubernetes API: no token in its pods.
                .automountServiceAccountToken(false)
                .build(), onCluster);
        // Waits for Karpenter and the pod webhook; a hand-over retains what serves (docs/workload.md).
        var handedOver = CustomResourceOptions.builder().parent(this).provider(provider)
                .retainOnDelete(cfg.handOver()).build();
        var deploymentNeeds = new ArrayList<Resource>(args.nodeCapacity());
        args.ingress().ifPresent(alb -> deploymentNeeds.addAll(alb.dependsOn()));
        // Only what runs the image carries its version (when the tag makes a valid label value).
        var versioned = new TreeMap<String, String>(labels);
        cfg.versionLabel().ifPresent(version -> versioned.put("app.kubernetes.io/version", version));
        var deployment = new Deployment(name + "-deployment", AppPod.deployment(cfg, versioned,
                metadata(cfg.name(), versioned), serviceAccount, args.namespace().secretEnv()),
                CustomResourceOptions.builder().parent(this).provider(provider)
                        .dependsOn(deploymentNeeds).retainOnDelete(cfg.handOver()).build());
        var service = new Service(name + "-service", ServiceArgs.builder()
                .metadata(metadata(cfg.name(), labels))
                .spec(ServiceSpecArgs.builder()
                        .type("ClusterIP")
                        .selector(selectorLabels)
                        .ports(ServicePortArgs.builder().name("http").protocol("TCP").port(80)
                                .targetPort("http").build())
                        .build())
                .build(), handedOver);
        args.ingress().ifPresent(alb -> ingress(name, args, alb, labels, service));
        autoscaler(name, cfg, labels, deployment, onCluster);
        new PodDisruptionBudget(name + "-pdb", PodDisruptionBudgetArgs.builder()
                .metadata(metadata(cfg.name(), labels))
                .spec(PodDisruptionBudgetSpecArgs.builder()
                        // One pod at a time may be evicted (node drains, Karpenter consolidation).
                        .maxUnavailable(1)
                        .selector(LabelSelectorArgs.builder().matchLabels(selectorLabels).build())
                        // A crash-looping pod must not block a drain.
                        .unhealthyPodEvictionPolicy("AlwaysAllow")
                        .build())
                .build(), onCluster);
        networkPolicies(name, cfg, labels, args.albSubnetCidrs(), onCluster);
        registerOutputs(Map.of());
    }

    private ObjectMetaArgs metadata(String objectName, Map<String, String> labels) {
        return ObjectMetaArgs.builder().name(objectName).namespace(namespaceName).labels(labels).build();
    }

    private void ingress(String name, Args args, AlbIngress alb, Map<String, String> labels, Service service) {
        var cfg = args.config();
        var annotations = alb.certificateArn().applyValue(arn -> {
            var all = new LinkedHashMap<>(AlbIngress.annotations(
                    cfg.exposure() == AppConfig.Exposure.PUBLIC ? "internet-facing" : "internal", arn,
                    cfg.probes().readinessPath(), AlbIngress.APP_GROUP));
            all.put("alb.ingress.kubernetes.io/healthcheck-port", "traffic-port");
            all.put("alb.ingress.kubernetes.io/success-codes", "200");
            // ALB draining inside the pod's grace period (docs/internals.md#the-apps-pod-spec).
            all.put("alb.ingress.kubernetes.io/target-group-attributes",
                    "deregistration_delay.timeout_seconds=" + AppPod.TERMINATION_GRACE_PERIOD_SECONDS);
            // external-dns publishes the rule host; naming it here as well makes the intent explicit.
            all.put("external-dns.alpha.kubernetes.io/hostname", cfg.hostName());
            return (Map<String, String>) all;
        });

        var ingress = new Ingress(name + "-ingress", IngressArgs.builder()
                .metadata(ObjectMetaArgs.builder()
                        .name(cfg.name())
                        .namespace(namespaceName)
                        .labels(labels)
                        .annotations(annotations)
                        .build())
                .spec(IngressSpecArgs.builder()
                        .ingressClassName(alb.className())
                        .tls(IngressTLSArgs.builder().hosts(cfg.hostName()).build())
                        .rules(IngressRuleArgs.builder()
                                .host(cfg.hostName())
                                .http(HTTPIngressRuleValueArgs.builder()
                                        .paths(HTTPIngressPathArgs.builder()
                                                .path("/")
                                                .pathType("Prefix")
                                                .backend(IngressBackendArgs.builder()
                                                        .service(IngressServiceBackendArgs.builder()
                                                                .name(service.metadata()
                                                                        .applyValue(m -> m.name().orElseThrow()))
                                                                .port(ServiceBackendPortArgs.builder().name("http")
                                                                        .build())
                                                                .build())
                                                        .build())
                                                .build())
                                        .build())
                                .build())
                        .build())
                .build(), CustomResourceOptions.builder().parent(this).provider(args.cluster().kubernetesProvider())
                .dependsOn(alb.dependsOn()).retainOnDelete(cfg.handOver()).build());
        // Known once the controller has created the ALB: pulumi-kubernetes waits for an Ingress to get an address.
        this.loadBalancerHostname = Optional.of(ingress.status().applyValue(status -> status
                .flatMap(st -> st.loadBalancer())
                .flatMap(lb -> lb.ingress().stream().findFirst())
                .flatMap(i -> i.hostname())
                .orElse("")));
    }

    private void autoscaler(String name, AppConfig cfg, Map<String, String> labels, Deployment deployment,
                            CustomResourceOptions onCluster) {
        var metrics = new ArrayList<MetricSpecArgs>();
        metrics.add(utilization("cpu", cfg.targetCpuUtilization()));
        if (cfg.targetMemoryUtilization() > 0) {
            metrics.add(utilization("memory", cfg.targetMemoryUtilization()));
        }
        new HorizontalPodAutoscaler(name + "-hpa", HorizontalPodAutoscalerArgs.builder()
                .metadata(metadata(cfg.name(), labels))
                .spec(HorizontalPodAutoscalerSpecArgs.builder()
                        .scaleTargetRef(CrossVersionObjectReferenceArgs.builder()
                                .apiVersion("apps/v1")
                                .kind("Deployment")
                                .name(deployment.metadata().applyValue(m -> m.name().orElseThrow()))
                                .build())
                        .minReplicas(cfg.minReplicas())
                        .maxReplicas(cfg.maxReplicas())
                        .metrics(metrics)
                        .behavior(HorizontalPodAutoscalerBehaviorArgs.builder()
                                // Scale in slowly (no flapping after a burst), at most one pod a minute.
                                .scaleDown(HPAScalingRulesArgs.builder()
                                        .stabilizationWindowSeconds(cfg.scaleDownStabilizationSeconds())
                                        .policies(HPAScalingPolicyArgs.builder().type("Pods").value(1)
                                                .periodSeconds(60).build())
                                        .build())
                                .build())
                        .build())
                .build(), onCluster);
    }

    private static MetricSpecArgs utilization(String resource, int percent) {
        return MetricSpecArgs.builder()
                .type("Resource")
                .resource(ResourceMetricSourceArgs.builder()
                        .name(resource)
                        .target(MetricTargetArgs.builder().type("Utilization").averageUtilization(percent).build())
                        .build())
                .build();
    }

    private void networkPolicies(String name, AppConfig cfg, Map<String, String> labels,
                                 Output<List<String>> albSubnetCidrs,
                                 CustomResourceOptions onCluster) {
        // Everything in the namespace is closed to inbound traffic unless a policy opens it.
        new NetworkPolicy(name + "-default-deny", NetworkPolicyArgs.builder()
                .metadata(metadata("default-deny-ingress", labels))
                .spec(NetworkPolicySpecArgs.builder()
                        .podSelector(LabelSelectorArgs.builder().build())
                        .policyTypes("Ingress")
                        .build())
                .build(), onCluster);
        // The app's port from the ALB's subnets only (docs/internals.md#the-apps-networkpolicy).
        new NetworkPolicy(name + "-allow-http", NetworkPolicyArgs.builder()
                .metadata(metadata(cfg.name() + "-allow-http", labels))
                .spec(NetworkPolicySpecArgs.builder()
                        .podSelector(LabelSelectorArgs.builder().matchLabels(selectorLabels).build())
                        .policyTypes("Ingress")
                        .ingress(NetworkPolicyIngressRuleArgs.builder()
                                .from(albSubnetCidrs.applyValue(cidrs -> cidrs.stream()
                                        .map(cidr -> NetworkPolicyPeerArgs.builder()
                                                .ipBlock(IPBlockArgs.builder().cidr(cidr).build()).build())
                                        .toList()))
                                .ports(NetworkPolicyPortArgs.builder().protocol("TCP").port(cfg.containerPort())
                                        .build())
                                .build())
                        .build())
                .build(), onCluster);
    }

    /** The hostname of the app's ALB from the Ingress's status; empty without an Ingress. */
    public Optional<Output<String>> loadBalancerHostname() {
        return loadBalancerHostname;
    }

    /** The value of the controller's {@code ingress.k8s.aws/stack} tag on the app's ALB: namespace/ingress name. */
    public static String ingressStack(AppConfig cfg) {
        return cfg.namespace() + "/" + cfg.name();
    }
}
