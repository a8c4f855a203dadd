package com.acme.platform.eks.config;

import java.util.Map;

/** Reads and checks one stack's config, every problem at once, before anything is registered. */
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
    enum Tier implements ConfigEnum {
        PRODUCTION, DEVELOPMENT
    }

    record Rebuild(@Key(value = "plannedRebuild", dflt = "false", doc = "`true` allows a change of the VPC CIDR, cluster"
            + " name, domain, private zone or subnet layout of a created stack, which rebuilds it"
            + " ([docs/day-2.md](docs/day-2.md))") boolean plannedRebuild) { }

    record Bootstrap(@Key(value = "deliveryBootstrap", dflt = "false", scope = ConfigKey.Scope.ALL, doc = "`true` only"
            + " in the bootstrap stacks: build the GitHub OIDC provider and deploy roles instead of the platform")
                     boolean deliveryBootstrap) { }

    public static StackConfig load(String project, String stack, ConfigSource source) {
        var v = new ConfigValues(project, stack, source);
        boolean delivery = v.bind(Bootstrap.class).deliveryBootstrap();
        v.checkKeys(delivery);
        var common = v.bind(Common.class);
        boolean production = common.environment() == Tier.PRODUCTION;
        // sections with problems bind too (a key with a problem at its default) and are checked across, then refused
        var config = delivery ? new StackConfig(project, stack, production, common.region(), common.tags(),
                common.protect(), null, null, null, null, null, null, null, null, null,
                v.bind(GithubDeliveryConfig.class), false, v.warnings)
                : new StackConfig(project, stack, production, common.region(), common.tags(), common.protect(),
                v.bind(NetworkConfig.class), v.bind(ClusterConfig.class), v.bind(KarpenterConfig.class),
                v.bind(EdgeConfig.class), v.bind(AppConfig.class), v.bind(MetricsServerConfig.class),
                v.bind(ArgoCdConfig.class), v.bind(ReleaseCheckConfig.class), v.bind(ObservabilityConfig.class), null,
                v.bind(Rebuild.class).plannedRebuild(), v.warnings);
        StackRules.check(v, config);
        if (!v.problems.isEmpty()) {
            throw new ConfigException(stack, v.problems, v.warnings);
        }
        return config;
    }
}
