package com.acme.platform.eks.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * @param publicZoneDomain      the public hosted zone the bootstrap stack creates, so that its delegation can be
 *                              done before the first platform {@code up}; empty: none
 * @param publicZoneDelegations NS records in that zone delegating subdomains (subdomain to name servers)
 */
public record GithubDeliveryConfig(String owner, String repository, String productionEnvironment,
                                   Set<GithubDeployRole> roles, Optional<String> publicZoneDomain,
                                   Map<String, List<String>> publicZoneDelegations) {

    public GithubDeliveryConfig {
        roles = Set.copyOf(roles);
        publicZoneDelegations = Map.copyOf(publicZoneDelegations);
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
