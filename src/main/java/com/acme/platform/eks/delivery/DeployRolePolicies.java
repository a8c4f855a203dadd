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

    /**
     * Only GitHub's tokens, only for STS, only with exactly this subject: StringEquals (never StringLike) on both
     * claims, so no other repository, branch, pull request event or environment matches.
     */
    static String trustPolicy(String providerArn, String subject) {
        return PolicyDocument.of(List.of(ordered(
                "Effect", "Allow",
                "Principal", ordered("Federated", providerArn),
                "Action", "sts:AssumeRoleWithWebIdentity",
                "Condition", ordered("StringEquals", ordered(
                        GithubDeployRoles.TOKEN_ISSUER + ":aud", GithubDeployRoles.AUDIENCE,
                        GithubDeployRoles.TOKEN_ISSUER + ":sub", subject)))));
    }

    /**
     * The AWS managed policies the platform stacks attach to their roles (cluster role, system and Karpenter node
     * roles, the EBS CSI driver's Pod Identity role), as paths after {@code policy/}. The deploy roles may attach
     * and detach these and nothing else of AWS's: without the list, a merged change could attach
     * AdministratorAccess to a role of the stack and hand it to a pod or an instance. DeployRolesTest keeps the
     * list equal to what the dev and prod renders attach: a new managed policy in a component fails the test until
     * it is added here (and the bootstrap stack re-applied).
     */
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
                                // Takes no iam:PermissionsBoundary condition (the key is not in its request
                                // context: Service Authorization Reference, IAM). Safe: every role it can reach
                                // carries the boundary, which the deploy roles can neither remove nor swap.
                                "iam:UpdateAssumeRolePolicy",
                                "iam:TagRole", "iam:UntagRole", "iam:ListRoleTags", "iam:GetRolePolicy",
                                "iam:ListRolePolicies", "iam:ListAttachedRolePolicies",
                                "iam:ListInstanceProfilesForRole",
                                // EKS (cluster and node roles), Pod Identity associations and flow logs are handed
                                // roles the stack created.
                                "iam:PassRole"),
                        "Resource", platformRoles),
                // The account's EC2 Spot service-linked role (Karpenter's spot capacity): created through
                // PowerUserAccess's iam:CreateServiceLinkedRole, then read and tagged by the provider.
                ordered("Sid", "TheEc2SpotServiceLinkedRole", "Effect", "Allow",
                        "Action", List.of("iam:GetRole", "iam:TagRole", "iam:UntagRole", "iam:ListRoleTags"),
                        "Resource", iam + "role/aws-service-role/spot.amazonaws.com/AWSServiceRoleForEC2Spot"),
                // Whatever grants a role permissions works only on a role that carries the platform's boundary:
                // a role created here, or given an inline policy, can never exceed the boundary, however broad
                // its own policies (iam:PutRolePolicy cannot be conditioned on the policy's content).
                ordered("Sid", "GrantOnlyWithinTheBoundary", "Effect", "Allow",
                        "Action", List.of("iam:CreateRole", "iam:PutRolePolicy", "iam:DeleteRolePolicy",
                                "iam:PutRolePermissionsBoundary"),
                        "Resource", platformRoles,
                        "Condition", ordered("StringEquals", withTheBoundary)),
                // Which policy may be attached is the policy's ARN, not the role's: without this condition any
                // managed policy (AdministratorAccess) could be attached to a role of the stack.
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
                // A workflow must not widen its own access: the delivery roles, their policies (the boundary among
                // them) and GitHub's OIDC provider are changed only by the bootstrap stack, with an administrator's
                // credentials.
                ordered("Sid", "NotTheDeliveryItself", "Effect", "Deny",
                        "NotAction", List.of("iam:Get*", "iam:List*"),
                        "Resource", List.of(iam + "role/" + deliveryRolePrefix + "*",
                                iam + "policy" + IamPath.DELIVERY + "*",
                                iam + "oidc-provider/" + GithubDeployRoles.TOKEN_ISSUER)),
                // Nothing loses the boundary or gets another one, and no role is created without it, whatever
                // another policy (now or later) allows.
                ordered("Sid", "TheBoundaryStays", "Effect", "Deny",
                        "Action", "iam:DeleteRolePermissionsBoundary",
                        "Resource", "*"),
                ordered("Sid", "NoRoleWithoutTheBoundary", "Effect", "Deny",
                        "Action", List.of("iam:CreateRole", "iam:PutRolePermissionsBoundary"),
                        "Resource", "*",
                        "Condition", ordered("StringNotEquals", withTheBoundary))));
    }

    /**
     * The IAM actions the platform's own roles use (read from the controllers' policies: Karpenter's instance
     * profiles and node role, the ALB controller's service-linked role and server certificates); a test keeps this
     * list equal to what the dev and prod renders grant.
     */
    static final List<String> BOUNDARY_IAM_ACTIONS = List.of(
            "iam:AddRoleToInstanceProfile", "iam:CreateInstanceProfile", "iam:DeleteInstanceProfile",
            "iam:GetInstanceProfile", "iam:RemoveRoleFromInstanceProfile", "iam:TagInstanceProfile",
            "iam:ListInstanceProfiles", "iam:CreateServiceLinkedRole", "iam:GetServerCertificate",
            "iam:ListServerCertificates", "iam:PassRole");

    /**
     * The permissions boundary of every platform role: every service but IAM, STS, Organizations and account
     * settings, plus the few IAM actions the controllers need ({@link #BOUNDARY_IAM_ACTIONS}), passing only the
     * platform's roles. So a role that a deploy creates and gives an inline {@code "*"} still cannot create or
     * change roles or policies, assume another role, or touch the account: no more than the deploy role itself,
     * minus IAM.
     */
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

    /**
     * A map of the pairs given. Their order does not reach the policy JSON (CanonicalJson sorts the keys, which is
     * what keeps the JSON and its diff stable); it only keeps the source in IAM's reading order (Sid, Effect,
     * Action, Resource, Condition).
     */
    static Map<String, Object> ordered(Object... keysAndValues) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
