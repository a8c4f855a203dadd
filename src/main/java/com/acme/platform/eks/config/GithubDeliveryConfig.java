package com.acme.platform.eks.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.EnumSet;
import java.util.Set;

/**
 * What the delivery bootstrap stack needs to know about GitHub: which repository's workflows may assume the deploy
 * roles, and the environments whose OIDC subject claims the prod roles trust.
 *
 * @param owner                 repository owner (user or organization) as GitHub spells it: IAM compares the
 *                              subject claim case-sensitively
 * @param repository            repository name, as GitHub spells it
 * @param productionEnvironment the environment with required reviewers that gates the prod deploy
 * @param roles                 the deploy roles this account's bootstrap stack builds (at least one)
 */
public record GithubDeliveryConfig(String owner, String repository, String productionEnvironment,
                                   Set<GithubDeployRole> roles, Optional<String> publicZoneDomain,
                                   Map<String, List<String>> publicZoneDelegations) {

    public GithubDeliveryConfig {
        roles = Set.copyOf(roles);
        publicZoneDelegations = Map.copyOf(publicZoneDelegations);
    }

    /** GitHub: owners are 1-39 letters, digits or single inner hyphens; repositories 1-100 of [A-Za-z0-9._-]. */
    static final ConfigKey.Rule REPOSITORY_RULE = (value, problem) -> {
        String repository = (String) value;
        String[] parts = repository.split("/", -1);
        if (parts.length != 2) {
            problem.accept(repository, "must be owner/repo (exactly one '/'), e.g. acme/eks-platform");
            return;
        }
        if (parts[0].length() > 39 || !parts[0].matches("[A-Za-z0-9](-?[A-Za-z0-9])*")) {
            problem.accept(repository, "has an invalid owner '" + parts[0] + "': GitHub user and organization names"
                    + " are 1-39 letters, digits or single hyphens, not starting or ending with a hyphen");
        }
        if (!parts[1].matches("[A-Za-z0-9._-]{1,100}") || parts[1].equals(".") || parts[1].equals("..")) {
            problem.accept(repository, "has an invalid repository name '" + parts[1] + "': 1-100 letters, digits,"
                    + " '.', '_' or '-', not '.' or '..'");
        }
    };

    /** The bootstrap stack's section, checked; null when a key of it has a problem. */
    static GithubDeliveryConfig read(ConfigValues v) {
        if (!v.isSet(ConfigKeys.GITHUB_REPOSITORY)) {
            v.problem(ConfigKeys.GITHUB_REPOSITORY, null, "is required when deliveryBootstrap is true: the owner/repo"
                    + " whose workflows may assume the roles, e.g. acme/eks-platform");
        }
        String repository = v.string(ConfigKeys.GITHUB_REPOSITORY);
        String environment = v.string(ConfigKeys.GITHUB_PRODUCTION_ENVIRONMENT);
        var roles = EnumSet.noneOf(GithubDeployRole.class);
        v.strings(ConfigKeys.GITHUB_DEPLOY_ROLES).forEach(role -> roles.add(GithubDeployRole.of(role)));
        // The account's public zone (domain), built here so that it can be delegated before the first platform up,
        // and the subdomains delegated from it (dev's, whose zone is in dev's account).
        String domain = v.string(ConfigKeys.DOMAIN);
        var delegations = new java.util.TreeMap<String, List<String>>();
        v.map(ConfigKeys.PUBLIC_ZONE_DELEGATIONS).forEach((subdomain, servers) -> {
            if (domain == null) {
                v.problem(ConfigKeys.PUBLIC_ZONE_DELEGATIONS, null, "needs " + ConfigKeys.DOMAIN.name()
                        + ", the zone the delegation records go into");
            } else if (!subdomain.endsWith("." + domain)) {
                v.problem(ConfigKeys.PUBLIC_ZONE_DELEGATIONS, subdomain, "is not a DNS name under " + domain);
            }
            delegations.put(subdomain, List.of(servers.split(",")).stream().map(String::trim).toList());
        });
        if (repository == null || v.faulty(ConfigKeys.GITHUB_PRODUCTION_ENVIRONMENT, ConfigKeys.GITHUB_DEPLOY_ROLES,
                ConfigKeys.DOMAIN, ConfigKeys.PUBLIC_ZONE_DELEGATIONS)) {
            return null;
        }
        return new GithubDeliveryConfig(repository.substring(0, repository.indexOf('/')),
                repository.substring(repository.indexOf('/') + 1), environment, roles, Optional.ofNullable(domain),
                delegations);
    }

    public boolean builds(GithubDeployRole role) {
        return roles.contains(role);
    }

    /** {@code owner/repo}, as it appears in the OIDC subject claim. */
    public String fullName() {
        return owner + "/" + repository;
    }

    /**
     * The environment without reviewers (main branch only) of the prod preview shown before the approval and of the
     * scheduled prod drift check: read-only access to prod that needs no approval.
     */
    public String productionPreviewEnvironment() {
        return productionEnvironment + "-preview";
    }
}
