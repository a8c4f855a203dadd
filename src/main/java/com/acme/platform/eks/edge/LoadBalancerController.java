package com.acme.platform.eks.edge;

import com.acme.platform.eks.platform.BundledText;
import com.acme.platform.eks.platform.RestrictedSecurityContext;
import com.acme.platform.eks.platform.ClusterHandle;
import com.acme.platform.eks.platform.HelmRelease;
import com.acme.platform.eks.platform.PlatformContext;
import com.acme.platform.eks.platform.SystemNodes;
import com.acme.platform.eks.platform.KubernetesCustomResource;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.networking.v1.IngressClass;
import com.pulumi.kubernetes.networking.v1.IngressClassArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressClassParametersReferenceArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressClassSpecArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The ALB controller and IngressClass alb: docs/internals.md#aws-load-balancer-controller-webhooks. */
public final class LoadBalancerController extends ComponentResource {

    public static final HelmRelease.Chart CHART = new HelmRelease.Chart("aws-load-balancer-controller", "3.5.0",
            "https://aws.github.io/eks-charts");
    public static final String NAMESPACE = "kube-system";
    public static final String SERVICE_ACCOUNT = "aws-load-balancer-controller";
    public static final String INGRESS_CLASS = "alb";
    static final String POLICY_RESOURCE = "/iam/aws-load-balancer-controller-policy.json";

    public record Args(PlatformContext platform, ClusterHandle cluster, Output<String> vpcId, int replicas) { }

    private final Release release;
    private final Output<String> ingressClassName;
    private final IngressClass ingressClass;

    public LoadBalancerController(String name, Args args, ComponentResourceOptions options) {
        super("eks-platform:edge:LoadBalancerController", name, options);

        Output<Map<String, Object>> values = Output.tuple(args.cluster().name(), args.vpcId()).applyValue(t -> {
            var v = new LinkedHashMap<String, Object>();
            v.put("clusterName", t.t1);
            // Given explicitly: with IMDS hop limit 1 on the nodes the controller cannot look them up itself.
            v.put("region", args.platform().region());
            v.put("vpcId", t.t2);
            v.put("replicaCount", args.replicas());
            v.put("serviceAccount", Map.of("create", true, "name", SERVICE_ACCOUNT));
            v.put("nodeSelector", SystemNodes.nodeSelector());
            v.put("tolerations", SystemNodes.tolerations());
            // No affinity value: it would replace the chart's default anti-affinity that spreads the replicas.
            v.put("podDisruptionBudget", Map.of("maxUnavailable", 1));
            // Pods are targets directly (VPC CNI gives them VPC addresses): no NodePort hop, no kube-proxy SNAT.
            v.put("defaultTargetType", "ip");
            // The IngressClass and its parameters are created below, after the chart's CRDs and webhook exist.
            v.put("ingressClass", INGRESS_CLASS);
            v.put("createIngressClassResource", false);
            v.put("ingressClassParams", Map.of("create", false));
            // Service creates must not fail while no replica is up (docs/internals.md#aws-load-balancer-controller-webhooks).
            v.put("serviceMutatorWebhookConfig", Map.of("failurePolicy", "Ignore"));
            // No app pod without its ALB readiness gate (the chart's 3.5.0 default is Ignore).
            v.put("podMutatorWebhookConfig", Map.of("failurePolicy", "Fail"));
            // Guaranteed memory: a BestEffort pod is the first evicted when a small system node runs short.
            v.put("resources", RestrictedSecurityContext.resources("100m", "256Mi"));
            // The chart sets neither dropped capabilities nor a seccomp profile.
            v.put("securityContext", RestrictedSecurityContext.container());
            v.put("podSecurityContext", RestrictedSecurityContext.pod());
            return v;
        });

        this.release = HelmRelease.of(name + "-release", this, args.cluster(), CHART.name(), CHART, NAMESPACE)
                .values(values).onSystemNodes().maxHistory(5)
                .podIdentity(args.platform(), name + "-pod-identity", SERVICE_ACCOUNT, List.of(Output.of(policy())))
                .create();

        // After the release: its CRD and webhook (docs/internals.md#aws-load-balancer-controller-webhooks).
        var afterRelease = CustomResourceOptions.builder().parent(this).provider(args.cluster().kubernetesProvider())
                .dependsOn(release).build();
        var params = new KubernetesCustomResource(name + "-ingress-class-params", "elbv2.k8s.aws/v1beta1",
                "IngressClassParams", Map.of("name", INGRESS_CLASS),
                // No scheme: it overrides Ingresses' (docs/internals.md#aws-load-balancer-controller-webhooks).
                Output.of(Map.of("ipAddressType", "ipv4")), afterRelease);
        this.ingressClass = new IngressClass(name + "-ingress-class", IngressClassArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(INGRESS_CLASS).build())
                .spec(IngressClassSpecArgs.builder()
                        .controller("ingress.k8s.aws/alb")
                        .parameters(IngressClassParametersReferenceArgs.builder()
                                .apiGroup("elbv2.k8s.aws")
                                .kind("IngressClassParams")
                                .name(INGRESS_CLASS)
                                .build())
                        .build())
                .build(), CustomResourceOptions.builder().parent(this).provider(args.cluster().kubernetesProvider())
                .dependsOn(release, params).build());
        this.ingressClassName = ingressClass.metadata().applyValue(m -> m.name().orElse(INGRESS_CLASS));

        registerOutputs(Map.of("ingressClassName", ingressClassName));
    }

    /** The upstream controller policy, as the project keeps it. */
    public static String policy() {
        return BundledText.read(POLICY_RESOURCE);
    }

    /** Ingresses of this class depend on it (and on the release, whose webhook validates them). */
    public IngressClass ingressClass() {
        return ingressClass;
    }

    /** The release an Ingress depends on: docs/internals.md#aws-load-balancer-controller-webhooks. */
    public Release release() {
        return release;
    }

    /** The IngressClass name applications put in {@code spec.ingressClassName}; resolves once the class exists. */
    public Output<String> ingressClassName() {
        return ingressClassName;
    }
}
