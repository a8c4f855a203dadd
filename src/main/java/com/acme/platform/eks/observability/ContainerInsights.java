package com.acme.platform.eks.observability;

import com.acme.platform.eks.platform.ClusterHandle;
import com.acme.platform.eks.platform.ManagedAddon;
import com.acme.platform.eks.platform.PlatformContext;
import com.acme.platform.eks.platform.PodIdentityRole;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Container Insights through the EKS add-on, with its own Pod Identity role: docs/internals.md#container-insights. */
public final class ContainerInsights extends ComponentResource {
    public static final String ADDON = "amazon-cloudwatch-observability";
    static final String NAMESPACE = "amazon-cloudwatch";
    static final String SERVICE_ACCOUNT = "cloudwatch-agent";
    static final String POLICY = "CloudWatchAgentServerPolicy";

    public record Args(PlatformContext platform, ClusterHandle cluster) { }

    private final Output<String> addonArn;

    public ContainerInsights(String name, Args args, ComponentResourceOptions options) {
        super("eks-platform:observability:ContainerInsights", name, options);
        var agent = new PodIdentityRole(new PodIdentityRole.Spec(name + "-agent", NAMESPACE, SERVICE_ACCOUNT,
                List.of(), List.of(args.platform().account().managedPolicy(POLICY))), args.platform(),
                args.cluster(), this);
        // The association exists before the agent's first pod, so it never starts with the node role's identity.
        var needs = new ArrayList<Resource>(args.cluster().systemServices());
        needs.add(agent.association());
        this.addonArn = ManagedAddon.create(name, args.cluster(), ADDON, Map.of(), this, needs).arn();
        registerOutputs(Map.of("addonArn", addonArn));
    }

    public Output<String> addonArn() {
        return addonArn;
    }
}
