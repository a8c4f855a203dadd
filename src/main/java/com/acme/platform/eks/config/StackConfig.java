package com.acme.platform.eks.config;

import java.util.*;

/** One stack's validated config, a platform or a bootstrap stack, never both: docs/internals.md#config-records. */
public record StackConfig(String project, String stack, boolean production, String region, Map<String, String> tags,
                          boolean protect, NetworkConfig network, ClusterConfig cluster, KarpenterConfig karpenter,
                          EdgeConfig edge, AppConfig app, MetricsServerConfig metricsServer, ArgoCdConfig argoCd,
                          ReleaseCheckConfig releaseCheck, ObservabilityConfig observability,
                          GithubDeliveryConfig githubDelivery, boolean plannedRebuild, List<String> warnings) {

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
        all.putAll(Map.of("project", project, "stack", stack, "managed-by", "pulumi"));
        return all;
    }
}
