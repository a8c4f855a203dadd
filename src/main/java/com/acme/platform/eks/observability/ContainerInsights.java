package com.acme.platform.eks.observability;

import com.acme.platform.eks.platform.PodIdentityRole;
import com.acme.platform.eks.platform.AwsAccount;
import com.pulumi.aws.eks.Addon;
import com.pulumi.aws.eks.AddonArgs;
import com.pulumi.aws.eks.EksFunctions;
import com.pulumi.aws.eks.inputs.GetAddonVersionArgs;
import com.pulumi.aws.eks.outputs.GetAddonVersionResult;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CloudWatch Container Insights through the EKS managed add-on {@value #ADDON}: the CloudWatch agent and Fluent Bit
 * on every node, with the agent's AWS rights from its own Pod Identity role ({@value #POLICY}), not from the node
 * role. Pod Identity needs add-on v3.1.0 or newer (CloudWatch user guide, "Quick start with the Amazon CloudWatch
 * Observability EKS add-on"); the agent's service account is {@value #SERVICE_ACCOUNT} in {@value #NAMESPACE}
 * (EKS user guide, amazon-cloudwatch-observability).
 */
public final class ContainerInsights extends ComponentResource {
    public static final String ADDON = "amazon-cloudwatch-observability";
    static final String NAMESPACE = "amazon-cloudwatch";
    static final String SERVICE_ACCOUNT = "cloudwatch-agent";
    static final String POLICY = "CloudWatchAgentServerPolicy";

    /**
     * @param addonVersion the pinned add-on version; empty: EKS's default for the Kubernetes version, asked on every
     *                     run like the cluster's other unpinned add-ons
     * @param dependsOn    what the add-on's pods need first (the system nodes and CoreDNS)
     */
    public record Args(Output<String> clusterName, String kubernetesVersion, Optional<String> addonVersion,
                       AwsAccount account, List<Resource> dependsOn) {
        public Args {
            dependsOn = List.copyOf(dependsOn);
        }
    }

    private final Output<String> addonArn;

    public ContainerInsights(String name, Args args, ComponentResourceOptions options) {
        super("eks-platform:observability:ContainerInsights", name, options);
        var agent = new PodIdentityRole(new PodIdentityRole.Spec(name + "-agent", args.clusterName(), NAMESPACE,
                SERVICE_ACCOUNT, List.of(), List.of(args.account().managedPolicy(POLICY)),
                args.account().permissionsBoundary()), this);
        var addonArgs = AddonArgs.builder()
                .clusterName(args.clusterName())
                .addonName(ADDON)
                .resolveConflictsOnCreate("OVERWRITE")
                .resolveConflictsOnUpdate("PRESERVE")
                .addonVersion(args.addonVersion().map(Output::of).orElseGet(() -> EksFunctions.getAddonVersion(
                                GetAddonVersionArgs.builder()
                                        .addonName(ADDON)
                                        .kubernetesVersion(args.kubernetesVersion())
                                        .mostRecent(false)
                                        .build(), InvokeOptions.builder().parent(this).build())
                        .applyValue(GetAddonVersionResult::version)));
        // The association exists before the agent's first pod, so it never starts with the node role's identity.
        var needs = new ArrayList<Resource>(args.dependsOn());
        needs.add(agent.association());
        var addon = new Addon(name, addonArgs.build(),
                CustomResourceOptions.builder().parent(this).dependsOn(needs).build());
        this.addonArn = addon.arn();
        registerOutputs(Map.of("addonArn", addonArn));
    }

    public Output<String> addonArn() {
        return addonArn;
    }
}
