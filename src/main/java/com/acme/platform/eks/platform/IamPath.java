package com.acme.platform.eks.platform;

/** The IAM path of the platform's roles and policies: docs/internals.md#the-deploy-roles-iam. */
public final class IamPath {
    private IamPath() { }

    public static final String PLATFORM = "/eks-platform/";
    /** The delivery's own policies, out of the deploy roles' reach (docs/internals.md#the-deploy-roles-iam). */
    public static final String DELIVERY = "/eks-platform-delivery/";
    /** The name of the permissions boundary every platform role carries (docs/delivery.md). */
    public static final String PERMISSIONS_BOUNDARY = "eks-platform-permissions-boundary";

    /** The ARN of a customer-managed policy under {@link #DELIVERY}: fixed by account, partition and name. */
    public static String deliveryPolicyArn(String partition, String account, String name) {
        return "arn:" + partition + ":iam::" + account + ":policy" + DELIVERY + name;
    }

    /** Derived, not configured: the bootstrap stack creates it, platform stacks name it. */
    public static String permissionsBoundaryArn(String partition, String account) {
        return deliveryPolicyArn(partition, account, PERMISSIONS_BOUNDARY);
    }
}
