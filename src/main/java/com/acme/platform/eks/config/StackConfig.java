package com.acme.platform.eks.config;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole, validated configuration of one stack. Built only by {@link StackConfigLoader}; components
 * receive the section they need.
 *
 * <p>A stack is either a platform stack (dev, prod: {@code network} and {@code cluster} are set) or the delivery
 * bootstrap stack ({@code eks-platform:deliveryBootstrap: true}: only {@code githubDelivery} is set), never both.
 *
 * @param protect        whether stateful and hard-to-recreate resources (VPC, cluster, keys, zones, the deploy
 *                       roles) get Pulumi's {@code protect} option
 * @param production     {@code environment: production}: the stack keeps every production promise (StackRules)
 * @param githubDelivery null in a platform stack; in the bootstrap stack, what its GitHub deploy roles trust
 * @param plannedRebuild the stack file allows a change of what a created stack cannot change in place (docs/day-2.md)
 * @param warnings       keys of other namespaces that nothing reads
 */
public record StackConfig(
        String project,
        String stack,
        boolean production,
        String region,
        Map<String, String> tags,
        boolean protect,
        NetworkConfig network,
        ClusterConfig cluster,
        KarpenterConfig karpenter,
        EdgeConfig edge,
        AppConfig app,
        MetricsServerConfig metricsServer,
        ArgoCdConfig argoCd,
        ReleaseCheckConfig releaseCheck,
        ObservabilityConfig observability,
        GithubDeliveryConfig githubDelivery,
        boolean plannedRebuild,
        List<String> warnings) {

    public StackConfig {
        tags = Map.copyOf(tags);
        warnings = List.copyOf(warnings);
        boolean platform = network != null && cluster != null && karpenter != null && edge != null
                && app != null && metricsServer != null && argoCd != null;
        boolean bootstrap = githubDelivery != null && network == null && cluster == null && karpenter == null
                && edge == null && app == null && metricsServer == null && argoCd == null;
        if (platform == bootstrap) {
            throw new IllegalArgumentException("a stack config is either a platform stack (network and cluster) or"
                    + " the delivery bootstrap stack (githubDelivery only)");
        }
    }

    /** Whether this is the delivery bootstrap stack, which builds the GitHub deploy roles and no platform. */
    public boolean deliveryBootstrap() {
        return githubDelivery != null;
    }

    /** The tags every taggable AWS resource carries (through the provider's default tags). */
    public Map<String, String> commonTags() {
        var all = new TreeMap<String, String>(tags);
        all.put("project", project);
        all.put("stack", stack);
        all.put("managed-by", "pulumi");
        return all;
    }
}
