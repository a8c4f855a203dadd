package com.acme.platform.eks.config;

/**
 * The GitHub deploy roles a delivery bootstrap stack can build. Dev and prod live in separate AWS accounts, and
 * each account gets only the roles of its stacks: a dev deploy role trusting {@code main} in prod's account would let
 * any merged change reach prod without the approval.
 */
public enum GithubDeployRole {
    /** Read-only, trusts {@code pull_request}: pull request previews. */
    PREVIEW,
    /** Deploy, trusts {@code ref:refs/heads/main}: the dev deploy and dev drift check. */
    DEPLOY_DEV,
    /** Read-only, trusts {@code environment:<production>-preview}: the prod preview before approval, prod drift. */
    PRODUCTION_PREVIEW,
    /** Deploy, trusts {@code environment:<production>}: the approved prod deploy. */
    DEPLOY_PROD;

    /** Also the part of the role name after {@code <project>-github-}. */
    public String configValue() {
        return name().toLowerCase().replace('_', '-');
    }
}
