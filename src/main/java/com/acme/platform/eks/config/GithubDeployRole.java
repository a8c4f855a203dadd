package com.acme.platform.eks.config;

/** The deploy roles a bootstrap stack can build, only its account's: docs/internals.md#github-deploy-roles. */
public enum GithubDeployRole implements ConfigEnum {
    /** Read-only, trusts {@code pull_request}: pull request previews. */
    PREVIEW,
    /** Deploy, trusts {@code ref:refs/heads/main}: the dev deploy and dev drift check. */
    DEPLOY_DEV,
    /** Read-only, trusts {@code environment:<production>-preview}: the prod preview before approval, prod drift. */
    PRODUCTION_PREVIEW,
    /** Deploy, trusts {@code environment:<production>}: the approved prod deploy. */
    DEPLOY_PROD;

    /** Also the part of the role name after {@code <project>-github-}. */
    @Override
    public String configValue() {
        return name().toLowerCase().replace('_', '-');
    }
}
