package com.acme.platform.eks.config;

import java.util.Map;

/**
 * Reads one stack's config into its section records by their {@link Key} declarations: every section checks itself,
 * {@link StackRules} checks across sections and the production promises. Every problem is reported at once, before
 * anything is registered, the same under {@code render} and {@code pulumi up}.
 */
public final class StackConfigLoader {
    private StackConfigLoader() { }

    /** The keys every stack reads. */
    record Common(
            @Key(value = "aws:region", doc = "region of every resource", shown = "(required)",
                    scope = ConfigKey.Scope.ALL, req = "is required: region of every resource, e.g. eu-west-1",
                    format = Formats.REGION) String region,
            @Key(value = "environment", doc = TIER, shown = "(required)", scope = ConfigKey.Scope.ALL,
                    req = "is required: " + TIER + ", production or development") Tier environment,
            @Key(value = "tags", doc = "extra tags on every taggable AWS resource (besides project, stack, managed-by),"
                    + " at most " + ConfigKeys.Facts.MAX_TAGS, shown = "{}", scope = ConfigKey.Scope.ALL,
                    format = Formats.TAGS) Map<String, String> tags,
            @Key(value = "protect", dflt = "false", scope = ConfigKey.Scope.ALL, doc = "Pulumi `protect` on the VPC,"
                    + " cluster, KMS keys, hosted zones, deploy roles and the stack's resource group (which a destroy"
                    + " meets first, so a protected stack's destroy deletes nothing)") boolean protect) { }

    static final String TIER = "the stack's tier: a production stack must keep every production promise"
            + " (docs/configuration.md, Production promises), bootstrap stacks included";

    /** The tier a stack declares. */
    enum Tier {
        PRODUCTION, DEVELOPMENT;

        public String configValue() {
            return name().toLowerCase();
        }
    }

    record Rebuild(@Key(value = "plannedRebuild", dflt = "false", doc = "`true` allows a change of the VPC CIDR, cluster"
            + " name, domain, private zone or subnet layout of a created stack, which rebuilds it"
            + " ([docs/day-2.md](docs/day-2.md))") boolean plannedRebuild) { }

    record Bootstrap(@Key(value = "deliveryBootstrap", dflt = "false", scope = ConfigKey.Scope.ALL, doc = "`true` only"
            + " in the bootstrap stacks: build the GitHub OIDC provider and deploy roles instead of the platform")
                     boolean deliveryBootstrap) { }

    public static StackConfig load(String project, String stack, ConfigSource source) {
        var v = new ConfigValues(project, stack, source);
        var bootstrap = v.bind(Bootstrap.class);
        boolean delivery = bootstrap != null && bootstrap.deliveryBootstrap();
        v.checkKeys(delivery);
        var common = v.bind(Common.class);
        StackConfig config = null;
        if (delivery) {
            var github = v.bind(GithubDeliveryConfig.class);
            if (common != null && github != null && common.environment() == Tier.PRODUCTION) {
                StackRules.bootstrapPromises(v, github);
            }
            if (common != null && github != null) {
                config = new StackConfig(project, stack, common.environment() == Tier.PRODUCTION, common.region(),
                        common.tags(), common.protect(), null, null, null, null, null, null, null, null, null, github,
                        false, v.warnings);
            }
        } else {
            var network = v.bind(NetworkConfig.class);
            var cluster = v.bind(ClusterConfig.class);
            var karpenter = v.bind(KarpenterConfig.class);
            var edge = v.bind(EdgeConfig.class);
            var app = v.bind(AppConfig.class);
            var metricsServer = v.bind(MetricsServerConfig.class);
            var argoCd = v.bind(ArgoCdConfig.class);
            var releaseCheck = v.bind(ReleaseCheckConfig.class);
            var observability = v.bind(ObservabilityConfig.class);
            var rebuild = v.bind(Rebuild.class);
            StackRules.acrossSections(v, common, network, cluster, edge, app, argoCd);
            if (common != null && common.environment() == Tier.PRODUCTION) {
                StackRules.productionPromises(v, project, common, network, cluster, karpenter, edge, app,
                        metricsServer, argoCd);
            }
            if (common != null && network != null && cluster != null && karpenter != null && edge != null
                    && app != null && metricsServer != null && argoCd != null && releaseCheck != null
                    && observability != null && rebuild != null) {
                config = new StackConfig(project, stack, common.environment() == Tier.PRODUCTION, common.region(),
                        common.tags(), common.protect(), network, cluster, karpenter, edge, app, metricsServer, argoCd,
                        releaseCheck, observability, null, rebuild.plannedRebuild(), v.warnings);
            }
        }
        if (!v.problems.isEmpty() || config == null) {
            throw new ConfigException(stack, v.problems, v.warnings);
        }
        return config;
    }
}
