package com.acme.platform.eks.delivery;

import com.acme.platform.eks.platform.IamPath;
import com.acme.platform.eks.platform.PolicyDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The policy documents of the deploy roles and of the permissions boundary every platform role carries. */
final class DeployRolePolicies {
    private DeployRolePolicies() { }

    /** Reads support no resource scoping for most of these actions (Describe*, List*), and a refresh reads them all. */
    static String readPolicy(List<String> actions) {
        return PolicyDocument.of(List.of(ordered(
                "Sid", "ReadWhatTheProgramReads", "Effect", "Allow",
                "Action", actions,
                "Resource", "*")));
    }

    static String managedPolicy(String partition, String policyName) {
        return "arn:" + partition + ":iam::aws:policy/" + policyName;
    }

    /** Only GitHub's tokens for STS with exactly this subject: StringEquals, never StringLike, on both claims. */
    static String trustPolicy(String providerArn, String subject) {
        return PolicyDocument.of(List.of(ordered(
                "Effect", "Allow",
                "Principal", ordered("Federated", providerArn),
                "Action", "sts:AssumeRoleWithWebIdentity",
                "Condition", ordered("StringEquals", ordered(
                        GithubDeployRoles.TOKEN_ISSUER + ":aud", GithubDeployRoles.AUDIENCE,
                        GithubDeployRoles.TOKEN_ISSUER + ":sub", subject)))));
    }

    /** The only AWS managed policies the deploy roles may attach (docs/internals.md#the-deploy-roles-iam). */
    static final List<String> PLATFORM_MANAGED_POLICIES = List.of(
            "AmazonEKSClusterPolicy",
            "AmazonEKSWorkerNodePolicy",
            "AmazonEKS_CNI_Policy",
            "AmazonEC2ContainerRegistryPullOnly",
            "AmazonSSMManagedInstanceCore",
            "service-role/AmazonEBSCSIDriverPolicy",
            "CloudWatchAgentServerPolicy");

    /** The IAM a platform stack's {@code pulumi up} needs, on the narrowest ARNs (docs/internals.md#the-deploy-roles-iam). */
    static String deployIamPolicy(String partition, String account, String deliveryRolePrefix) {
        String iam = "arn:" + partition + ":iam::" + account + ":";
        String platformRoles = iam + "role" + IamPath.PLATFORM + "*";
        var withTheBoundary = Map.of("iam:PermissionsBoundary", IamPath.permissionsBoundaryArn(partition, account));
        var attachable = new ArrayList<String>();
        PLATFORM_MANAGED_POLICIES.forEach(policy -> attachable.add(managedPolicy(partition, policy)));
        attachable.add(iam + "policy" + IamPath.PLATFORM + "*");
        return PolicyDocument.of(List.of(
                ordered("Sid", "RolesOfTheStack", "Effect", "Allow",
                        "Action", List.of("iam:DeleteRole", "iam:GetRole", "iam:UpdateRole",
                                "iam:UpdateRoleDescription",
                                // No boundary condition possible here; safe (docs/internals.md#the-deploy-roles-iam).
                                "iam:UpdateAssumeRolePolicy",
                                "iam:TagRole", "iam:UntagRole", "iam:ListRoleTags", "iam:GetRolePolicy",
                                "iam:ListRolePolicies", "iam:ListAttachedRolePolicies",
                                "iam:ListInstanceProfilesForRole",
                                // EKS, Pod Identity and flow logs are handed the stack's roles.
                                "iam:PassRole"),
                        "Resource", platformRoles),
                // Karpenter's Spot service-linked role: created via PowerUserAccess, read and tagged by the provider.
                ordered("Sid", "TheEc2SpotServiceLinkedRole", "Effect", "Allow",
                        "Action", List.of("iam:GetRole", "iam:TagRole", "iam:UntagRole", "iam:ListRoleTags"),
                        "Resource", iam + "role/aws-service-role/spot.amazonaws.com/AWSServiceRoleForEC2Spot"),
                // Granting works only on a role with the boundary (docs/internals.md#the-deploy-roles-iam).
                ordered("Sid", "GrantOnlyWithinTheBoundary", "Effect", "Allow",
                        "Action", List.of("iam:CreateRole", "iam:PutRolePolicy", "iam:DeleteRolePolicy",
                                "iam:PutRolePermissionsBoundary"),
                        "Resource", platformRoles,
                        "Condition", ordered("StringEquals", withTheBoundary)),
                // Conditioned on the policy's ARN, else AdministratorAccess could be attached.
                ordered("Sid", "AttachOnlyThePlatformsPolicies", "Effect", "Allow",
                        "Action", List.of("iam:AttachRolePolicy", "iam:DetachRolePolicy"),
                        "Resource", platformRoles,
                        "Condition", ordered("ArnLike", ordered("iam:PolicyARN", attachable),
                                "StringEquals", withTheBoundary)),
                ordered("Sid", "ManagedPoliciesOfTheStack", "Effect", "Allow",
                        "Action", List.of("iam:CreatePolicy", "iam:DeletePolicy", "iam:GetPolicy",
                                "iam:GetPolicyVersion", "iam:ListPolicyVersions", "iam:CreatePolicyVersion",
                                "iam:DeletePolicyVersion", "iam:SetDefaultPolicyVersion", "iam:TagPolicy",
                                "iam:UntagPolicy", "iam:ListPolicyTags", "iam:ListEntitiesForPolicy"),
                        "Resource", iam + "policy" + IamPath.PLATFORM + "*"),
                ordered("Sid", "ReadAwsManagedPolicies", "Effect", "Allow",
                        "Action", List.of("iam:GetPolicy", "iam:GetPolicyVersion", "iam:ListPolicyVersions"),
                        "Resource", "arn:" + partition + ":iam::aws:policy/*"),
                ordered("Sid", "ListIam", "Effect", "Allow",
                        "Action", List.of("iam:ListRoles", "iam:ListPolicies"),
                        "Resource", "*"),
                // A workflow must not widen its own access (docs/internals.md#the-deploy-roles-iam).
                ordered("Sid", "NotTheDeliveryItself", "Effect", "Deny",
                        "NotAction", List.of("iam:Get*", "iam:List*"),
                        "Resource", List.of(iam + "role/" + deliveryRolePrefix + "*",
                                iam + "policy" + IamPath.DELIVERY + "*",
                                iam + "oidc-provider/" + GithubDeployRoles.TOKEN_ISSUER)),
                // No role loses, swaps or goes without the boundary, whatever another policy allows.
                ordered("Sid", "TheBoundaryStays", "Effect", "Deny",
                        "Action", "iam:DeleteRolePermissionsBoundary",
                        "Resource", "*"),
                ordered("Sid", "NoRoleWithoutTheBoundary", "Effect", "Deny",
                        "Action", List.of("iam:CreateRole", "iam:PutRolePermissionsBoundary"),
                        "Resource", "*",
                        "Condition", ordered("StringNotEquals", withTheBoundary))));
    }

    /** The IAM actions the platform's own roles use; a test keeps it equal to the renders' grants. */
    static final List<String> BOUNDARY_IAM_ACTIONS = List.of(
            "iam:AddRoleToInstanceProfile", "iam:CreateInstanceProfile", "iam:DeleteInstanceProfile",
            "iam:GetInstanceProfile", "iam:RemoveRoleFromInstanceProfile", "iam:TagInstanceProfile",
            "iam:ListInstanceProfiles", "iam:CreateServiceLinkedRole", "iam:GetServerCertificate",
            "iam:ListServerCertificates", "iam:PassRole");

    /** Every platform role's permissions boundary: docs/internals.md#the-deploy-roles-iam. */
    static String permissionsBoundaryPolicy(String partition, String account) {
        String iam = "arn:" + partition + ":iam::" + account + ":";
        return PolicyDocument.of(List.of(
                ordered("Sid", "EveryServiceButIdentityAndAccount", "Effect", "Allow",
                        "NotAction", List.of("iam:*", "sts:*", "organizations:*", "account:*"),
                        "Resource", "*"),
                ordered("Sid", "InstanceProfiles", "Effect", "Allow",
                        "Action", BOUNDARY_IAM_ACTIONS.stream().filter(a -> a.contains("InstanceProfile")
                                && !a.equals("iam:ListInstanceProfiles")).toList(),
                        "Resource", iam + "instance-profile/*"),
                ordered("Sid", "PassOnlyThePlatformsRoles", "Effect", "Allow",
                        "Action", "iam:PassRole",
                        "Resource", iam + "role" + IamPath.PLATFORM + "*"),
                ordered("Sid", "UnscopedIamOfTheControllers", "Effect", "Allow",
                        "Action", List.of("iam:ListInstanceProfiles", "iam:CreateServiceLinkedRole",
                                "iam:GetServerCertificate", "iam:ListServerCertificates"),
                        "Resource", "*")));
    }

    /** The pairs in IAM's reading order, for the source only: CanonicalJson sorts the keys. */
    static Map<String, Object> ordered(Object... keysAndValues) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
