package com.acme.platform.eks.platform;

/**
 * The IAM path of every role and customer-managed policy the platform stacks create. The deploy roles' IAM rights
 * are scoped to it, so a deploy (which runs whatever is merged) can manage the platform's own roles but cannot
 * rewrite the trust or the permissions of any other role in the account.
 */
public final class IamPath {
    private IamPath() { }

    public static final String PLATFORM = "/eks-platform/";
    /**
     * The path of the delivery's own customer-managed policies (the permissions boundary, the read-only policies of
     * the preview roles), built by the bootstrap stack. Not under {@link #PLATFORM}: the deploy roles may change
     * policies there, and these must stay out of their reach.
     */
    public static final String DELIVERY = "/eks-platform-delivery/";
    /** The name of the permissions boundary every platform role carries (docs/delivery.md). */
    public static final String PERMISSIONS_BOUNDARY = "eks-platform-permissions-boundary";

    /** The ARN of a customer-managed policy under {@link #DELIVERY}: fixed by account, partition and name. */
    public static String deliveryPolicyArn(String partition, String account, String name) {
        return "arn:" + partition + ":iam::" + account + ":policy" + DELIVERY + name;
    }

    /**
     * The ARN of the permissions boundary. The bootstrap stack of the account creates it and the platform stacks
     * only name it, so it is derived rather than configured: both sides compute the same ARN.
     */
    public static String permissionsBoundaryArn(String partition, String account) {
        return deliveryPolicyArn(partition, account, PERMISSIONS_BOUNDARY);
    }
}
