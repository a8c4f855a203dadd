package com.acme.platform.eks.config;

import static com.acme.platform.eks.config.ConfigKeys.*;

/**
 * Reads one stack's config by the declarations of {@link ConfigKeys}: every section checks itself, {@link StackRules}
 * checks across sections and the production promises. Every problem is reported at once, before anything is
 * registered, the same under {@code render} and {@code pulumi up}.
 */
public final class StackConfigLoader {
    private StackConfigLoader() { }

    public static StackConfig load(String project, String stack, ConfigSource source) {
        var v = new ConfigValues(project, source);
        boolean bootstrap = v.bool(DELIVERY_BOOTSTRAP);
        v.checkKeys(bootstrap);
        for (var key : java.util.List.of(REGION, ENVIRONMENT)) {
            if (!v.isSet(key)) {
                v.problem(key, null, "is required: " + key.description() + (key == REGION ? ", e.g. eu-west-1"
                        : ", production or development"));
            }
        }
        String region = v.string(REGION);
        String partition = region == null ? null : ConfigKeys.REGIONS_BY_PARTITION.entrySet().stream()
                .filter(e -> e.getValue().contains(region)).map(java.util.Map.Entry::getKey).findFirst().orElse(null);
        var tags = v.map(TAGS);
        boolean protect = v.bool(PROTECT);
        boolean production = "production".equals(v.string(ENVIRONMENT));

        StackConfig config;
        if (bootstrap) {
            var github = GithubDeliveryConfig.read(v);
            config = github == null ? null : new StackConfig(project, stack, production, region, tags, protect, null,
                    null, null, null, null, null, null, null, null, github, false, v.warnings);
        } else {
            var network = NetworkConfig.read(v, region);
            var cluster = ClusterConfig.read(v, project, stack, partition);
            var karpenter = KarpenterConfig.read(v);
            var edge = EdgeConfig.read(v);
            var app = AppConfig.read(v);
            var metricsServer = MetricsServerConfig.read(v);
            var argoCd = ArgoCdConfig.read(v);
            var releaseCheck = ReleaseCheckConfig.read(v);
            var observability = ObservabilityConfig.read(v);
            if (edge != null && app != null && argoCd != null) {
                StackRules.hostsServedByTheEdge(v, edge, app, argoCd);
            }
            config = network == null || cluster == null || karpenter == null || edge == null || app == null
                    || metricsServer == null || argoCd == null || releaseCheck == null || observability == null ? null
                    : new StackConfig(project, stack, production, region, tags, protect, network, cluster, karpenter,
                    edge, app, metricsServer, argoCd, releaseCheck, observability, null, v.bool(PLANNED_REBUILD),
                    v.warnings);
        }
        if (production) {
            StackRules.productionPromises(v, project, bootstrap);
        }
        if (!v.problems.isEmpty() || config == null || v.faulty(REGION, ENVIRONMENT, TAGS, PROTECT)) {
            throw new ConfigException(stack, v.problems, v.warnings);
        }
        return config;
    }
}
