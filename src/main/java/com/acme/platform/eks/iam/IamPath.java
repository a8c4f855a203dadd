package com.acme.platform.eks.iam;

/**
 * The IAM path of every role and customer-managed policy the platform stacks create. The deploy roles' IAM rights
 * are scoped to it, so a deploy (which runs whatever is merged) can manage the platform's own roles but cannot
 * rewrite the trust or the permissions of any other role in the account.
 */
public final class IamPath {
    private IamPath() { }

    public static final String PLATFORM = "/eks-platform/";
}
