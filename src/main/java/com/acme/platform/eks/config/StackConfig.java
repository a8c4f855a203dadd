package com.acme.platform.eks.config;

import java.util.Map;
import java.util.TreeMap;

/**
 * The whole, validated configuration of one stack. Built only by {@link StackConfigLoader}; components
 * receive the section they need.
 *
 * @param protect whether stateful and hard-to-recreate resources (VPC, cluster, keys, zones) get Pulumi's
 *                {@code protect} option
 */
public record StackConfig(
        String project,
        String stack,
        String region,
        Map<String, String> tags,
        boolean protect,
        NetworkConfig network,
        ClusterConfig cluster,
        AppConfig app,
        MetricsServerConfig metricsServer,
        ArgoCdConfig argoCd) {

    public StackConfig {
        tags = Map.copyOf(tags);
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
