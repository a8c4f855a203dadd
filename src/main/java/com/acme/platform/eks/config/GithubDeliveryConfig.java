package com.acme.platform.eks.config;

import java.util.*;

/** What the delivery bootstrap stack knows of GitHub: docs/internals.md#config-records. */
public record GithubDeliveryConfig(
        @Key(value = "githubRepository", shown = "(required when bootstrapping)", scope = ConfigKey.Scope.BOOTSTRAP,
                req = "is required when deliveryBootstrap is true: the owner/repo whose workflows may assume the roles,"
                        + " e.g. acme/eks-platform", format = Formats.REPOSITORY, doc = "`owner/repo` whose workflows"
                + " may assume the roles") String owner,
        String repository,
        @Key(value = "githubProductionEnvironment", dflt = "production", scope = ConfigKey.Scope.BOOTSTRAP,
                regex = "[A-Za-z0-9._-]{1,247}", msg = "must be 1-247 letters, digits, '.', '_' or '-' (it becomes part"
                + " of an exact-match OIDC subject claim)", doc = "GitHub environment of the prod deploy;"
                + " `<name>-preview` is the one of the prod preview and drift check") String productionEnvironment,
        @Key(value = "githubDeployRoles", dflt = "[preview, deploy-dev, production-preview, deploy-prod]",
                scope = ConfigKey.Scope.BOOTSTRAP, doc = "the roles this account's bootstrap stack builds (a production"
                + " account's never `deploy-dev`)") Set<GithubDeployRole> roles,
        @Key("domain") Optional<String> publicZoneDomain,
        @Key(value = "publicZoneDelegations", shown = "{}", scope = ConfigKey.Scope.BOOTSTRAP,
                format = Formats.DELEGATIONS, doc = "bootstrap stack only: NS records in its `domain` zone delegating"
                + " subdomains, `subdomain: ns1,ns2,...` (`bootstrap-prod`: dev's subdomain to `bootstrap-dev`'s"
                + " `publicZoneNameServers`)") Map<String, List<String>> publicZoneDelegations)
        implements ConfigValues.Checked {

    public GithubDeliveryConfig {
        if (repository == null && owner != null) { // bound from the one key owner/repo
            repository = owner.substring(owner.indexOf('/') + 1);
            owner = owner.substring(0, owner.indexOf('/'));
        }
    }

    @Override
    public void check(ConfigValues v) {
        publicZoneDelegations.keySet().forEach(subdomain -> {
            if (publicZoneDomain.isEmpty()) {
                v.problem("publicZoneDelegations", null, "needs domain, the zone the delegation records go into");
            } else if (!subdomain.endsWith("." + publicZoneDomain.get())) {
                v.problem("publicZoneDelegations", subdomain, "is not a DNS name under " + publicZoneDomain.get());
            }
        });
    }

    public boolean builds(GithubDeployRole role) {
        return roles.contains(role);
    }

    /** {@code owner/repo}, as it appears in the OIDC subject claim. */
    public String fullName() {
        return owner + "/" + repository;
    }

    /** The reviewer-free, main-only environment of the prod preview and drift check: read-only, no approval. */
    public String productionPreviewEnvironment() {
        return productionEnvironment + "-preview";
    }
}
