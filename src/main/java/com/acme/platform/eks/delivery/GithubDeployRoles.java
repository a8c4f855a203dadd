package com.acme.platform.eks.delivery;

import com.acme.platform.eks.platform.PlatformContext;
import com.acme.platform.eks.config.GithubDeliveryConfig;
import com.acme.platform.eks.config.GithubDeployRole;
import com.acme.platform.eks.platform.AwsAccount;
import com.acme.platform.eks.platform.IamPath;
import com.acme.platform.eks.platform.PolicyDocument;
import com.pulumi.aws.iam.OpenIdConnectProvider;
import com.pulumi.aws.iam.OpenIdConnectProviderArgs;
import com.pulumi.aws.iam.Policy;
import com.pulumi.aws.iam.PolicyArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS side of the GitHub Actions delivery: the IAM OIDC provider for GitHub's token issuer and one role per
 * purpose, each trusting exactly one OIDC subject claim of one repository (see docs/delivery.md for which job
 * emits which claim):
 * <ul>
 *   <li>{@code <project>-github-preview}: {@code pull_request}, read-only (pull request previews, per account);</li>
 *   <li>{@code <project>-github-deploy-dev}: {@code ref:refs/heads/main} (deploy and drift check of dev);</li>
 *   <li>{@code <project>-github-deploy-prod}: {@code environment:<production>} (the approved prod deploy);</li>
 *   <li>{@code <project>-github-production-preview}: {@code environment:<production>-preview}, read-only (the prod
 *       preview before the approval, and the prod drift check).</li>
 * </ul>
 * Built only by the delivery bootstrap stack, which an administrator applies with local credentials: the roles
 * cannot create themselves. Each account's bootstrap stack builds only the roles of its stacks
 * ({@code githubDeployRoles}): with dev and prod in separate accounts, a dev deploy role in prod's account would
 * trust every job on {@code main} there, without the approval. The OIDC provider is built in every account.
 */
public final class GithubDeployRoles extends ComponentResource {

    public static final String TOKEN_ISSUER = "token.actions.githubusercontent.com";
    /** The audience configure-aws-credentials requests, and the only client id the provider accepts. */
    public static final String AUDIENCE = "sts.amazonaws.com";
    /** IAM role names are at most 64 characters. */
    private static final int ROLE_NAME_MAX = 64;
    /** A pull request preview or drift check takes minutes; an hour (the IAM minimum) is plenty. */
    private static final int READ_ONLY_SESSION_SECONDS = 3600;
    /** As long as the deploy jobs may run (deploy.yml: timeout-minutes 180), so that credentials never expire in
     *  the middle of a {@code pulumi up}; deploy.yml asks for exactly this with role-duration-seconds, and
     *  WorkflowPolicyTest keeps the two in step. An interrupted {@code up} leaves a locked stack with pending
     *  operations, which is worse than a long session (docs/delivery.md, "When a deploy is interrupted"). */
    static final int DEPLOY_SESSION_SECONDS = 10800;

    /**
     * @param platform its project name is the prefix of every role name
     */
    public record Args(PlatformContext platform, GithubDeliveryConfig github) { }

    private enum Access { READ_ONLY, DEPLOY }

    /** @param role its config value is the role's name after {@code <project>-github-}, and its resources' after
     *             the component's */
    private record Purpose(GithubDeployRole role, String subjectSuffix, Access access, String description) {
        String purpose() {
            return role.configValue();
        }
    }

    /** The stack output of each role's ARN, which the repository variables are set from (docs/delivery.md). */
    public static final Map<GithubDeployRole, String> OUTPUT_OF_ROLE = Map.of(
            GithubDeployRole.PREVIEW, "previewRoleArn",
            GithubDeployRole.DEPLOY_DEV, "devDeployRoleArn",
            GithubDeployRole.PRODUCTION_PREVIEW, "productionPreviewRoleArn",
            GithubDeployRole.DEPLOY_PROD, "prodDeployRoleArn");

    private final Output<String> oidcProviderArn;
    private final Output<String> permissionsBoundaryArn;
    private final Map<GithubDeployRole, Output<String>> roleArns;

    public GithubDeployRoles(String name, Args args, ComponentResourceOptions options) {
        super("eks-platform:delivery:GithubDeployRoles", name, options);
        var github = args.github();
        var child = CustomResourceOptions.builder().parent(this).build();
        var kept = CustomResourceOptions.builder().parent(this).protect(args.platform().protect()).build();
        Output<String> partition = args.platform().account().partition();
        Output<String> account = args.platform().account().id();

        var provider = new OpenIdConnectProvider(name + "-oidc-provider", OpenIdConnectProviderArgs.builder()
                .url("https://" + TOKEN_ISSUER)
                .clientIdLists(AUDIENCE)
                // No thumbprint: IAM validates GitHub's issuer against its own library of trusted CAs, so a pinned
                // thumbprint would only break the day GitHub rotates its certificate.
                .build(), kept);

        String repo = "repo:" + github.fullName() + ":";
        var purposes = List.of(
                new Purpose(GithubDeployRole.PREVIEW, "pull_request", Access.READ_ONLY,
                        "pulumi preview on pull requests of " + github.fullName()),
                new Purpose(GithubDeployRole.DEPLOY_DEV, "ref:refs/heads/main", Access.DEPLOY,
                        "pulumi up and drift check of dev from the main branch of " + github.fullName()),
                new Purpose(GithubDeployRole.DEPLOY_PROD, "environment:" + github.productionEnvironment(),
                        Access.DEPLOY,
                        "pulumi up of prod after the approval of the " + github.productionEnvironment()
                                + " environment of " + github.fullName()),
                new Purpose(GithubDeployRole.PRODUCTION_PREVIEW,
                        "environment:" + github.productionPreviewEnvironment(),
                        Access.READ_ONLY, "pulumi preview of prod before the approval, and prod drift checks, in the "
                        + github.productionPreviewEnvironment() + " environment of " + github.fullName()));

        String rolePrefix = args.platform().project() + "-github-";
        // The boundary of every role the platform stacks create, outside the path the deploy roles may change
        // (docs/delivery.md, "The permissions boundary").
        var boundary = new Policy(name + "-permissions-boundary", PolicyArgs.builder()
                .name(IamPath.PERMISSIONS_BOUNDARY)
                .path(IamPath.DELIVERY)
                .description("Permissions boundary of every role the eks-platform stacks create: no IAM but what"
                        + " the platform's controllers use, no STS, Organizations or account settings")
                .policy(Output.tuple(partition, account).applyValue(t -> permissionsBoundaryPolicy(t.t1, t.t2)))
                .build(), kept);
        Output<String> deployIamPolicy = Output.tuple(partition, account)
                .applyValue(t -> deployIamPolicy(t.t1, t.t2, rolePrefix));
        // What the program reads, instead of ReadOnlyAccess (which reads data too): the pull request preview only
        // the invokes; the prod preview and the drift checks also every resource's read (a refresh). Built in
        // every account: drift-dev uses the refresh policy as the session policy of the dev deploy role.
        var previewRead = new Policy(name + "-preview-read", PolicyArgs.builder()
                .name(PREVIEW_READ_POLICY)
                .path(IamPath.DELIVERY)
                .description("What a pulumi preview of the eks-platform stacks reads without refresh: the"
                        + " program's invokes")
                .policy(readPolicy(PlatformReads.previewActions()))
                .build(), kept);
        var refreshRead = new Policy(name + "-refresh-read", PolicyArgs.builder()
                .name(REFRESH_READ_POLICY)
                .path(IamPath.DELIVERY)
                .description("What a pulumi preview --refresh of the eks-platform stacks reads: the invokes and the"
                        + " configuration of every resource type the stacks hold, no data")
                .policy(readPolicy(PlatformReads.refreshActions()))
                .build(), kept);
        var arns = new EnumMap<GithubDeployRole, Output<String>>(GithubDeployRole.class);
        for (Purpose p : purposes) {
            if (!github.builds(p.role())) {
                continue;
            }
            String roleName = rolePrefix + p.purpose();
            if (roleName.length() > ROLE_NAME_MAX) {
                throw new IllegalArgumentException("IAM role name " + roleName + " is longer than " + ROLE_NAME_MAX);
            }
            String subject = repo + p.subjectSuffix();
            var role = new Role(name + "-" + p.purpose(), RoleArgs.builder()
                    .name(roleName)
                    .description(p.description())
                    .maxSessionDuration(p.access() == Access.READ_ONLY ? READ_ONLY_SESSION_SECONDS
                            : DEPLOY_SESSION_SECONDS)
                    .assumeRolePolicy(provider.arn().applyValue(arn -> trustPolicy(arn, subject)))
                    .build(), kept);
            if (p.access() == Access.READ_ONLY) {
                // A pull request's code runs with the preview role before anyone has reviewed it, and the
                // production-preview role needs no approval: neither may change anything, nor read data. The pull
                // request preview never refreshes, so it gets the invokes only.
                var read = p.role() == GithubDeployRole.PREVIEW ? previewRead : refreshRead;
                new RolePolicyAttachment(name + "-" + p.purpose() + "-read-only", RolePolicyAttachmentArgs.builder()
                        .role(role.name())
                        .policyArn(read.arn())
                        .build(), child);
            } else {
                // PowerUserAccess covers every service the stack creates (VPC, EKS, KMS, SQS, EventBridge, Route 53,
                // ACM, CloudWatch Logs, ELB, ...) but no IAM, Organizations or account management. The IAM the
                // program does need (roles for the cluster, nodes, Pod Identity and flow logs, and their policies)
                // is added inline, per IAM resource type. Not
                // AdministratorAccess: no IAM users, groups, access keys or login profiles (no long-lived
                // credentials), no SAML providers, no Organizations, and no change to these roles themselves.
                new RolePolicyAttachment(name + "-" + p.purpose() + "-power-user", RolePolicyAttachmentArgs.builder()
                        .role(role.name())
                        .policyArn(args.platform().account().managedPolicy("PowerUserAccess"))
                        .build(), child);
                new RolePolicy(name + "-" + p.purpose() + "-iam", RolePolicyArgs.builder()
                        .name("iam-for-the-platform-stack")
                        .role(role.id())
                        .policy(deployIamPolicy)
                        .build(), child);
            }
            arns.put(p.role(), role.arn());
        }

        this.oidcProviderArn = provider.arn();
        this.permissionsBoundaryArn = boundary.arn();
        this.roleArns = Map.copyOf(arns);
        var outputs = new LinkedHashMap<String, Output<?>>();
        outputs.put("oidcProviderArn", oidcProviderArn);
        outputs.put("permissionsBoundaryArn", permissionsBoundaryArn);
        arns.forEach((role, arn) -> outputs.put(OUTPUT_OF_ROLE.get(role), arn));
        registerOutputs(outputs);
    }

    /** The pull request preview role's policy: the invokes of a preview without refresh. */
    public static final String PREVIEW_READ_POLICY = "eks-platform-preview-read";
    /** The production-preview role's policy, and drift-dev's session policy: a preview with refresh. */
    public static final String REFRESH_READ_POLICY = "eks-platform-refresh-read";

    /** Reads support no resource scoping for most of these actions (Describe*, List*), and a refresh reads them all. */
    static String readPolicy(List<String> actions) {
        return PolicyDocument.of(List.of(ordered(
                "Sid", "ReadWhatTheProgramReads", "Effect", "Allow",
                "Action", actions,
                "Resource", "*")));
    }

    private static String managedPolicy(String partition, String policyName) {
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
                        TOKEN_ISSUER + ":aud", AUDIENCE,
                        TOKEN_ISSUER + ":sub", subject)))));
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

    /**
     * The IAM a platform stack's {@code pulumi up} needs, on the narrowest ARN IAM offers for each action. Every
     * role and customer policy of the platform lives under {@link IamPath#PLATFORM}, so the rights to create,
     * change, pass and delete them stop at that path: a deploy cannot rewrite any other role's trust or
     * permissions. Attaching and detaching managed policies is further limited (condition {@code iam:PolicyARN})
     * to {@link #PLATFORM_MANAGED_POLICIES} and the platform's own customer policies. Listing actions support no
     * resource-level permission and get {@code *}. Whatever grants a role permissions requires the platform's
     * permissions boundary on it ({@code iam:PermissionsBoundary}), which the deploy roles can neither remove nor
     * change ({@link #permissionsBoundaryPolicy}).
     * <p>
     * No instance profile or OIDC provider rights: the platform creates neither. EKS creates the managed node
     * group's instance profile itself (the deploy role only passes the node role), Karpenter's controller creates
     * its nodes' instance profiles with its own Pod Identity role, and the controllers get AWS rights through Pod
     * Identity, not IRSA, so there is no cluster OIDC provider. {@code iam:ListInstanceProfilesForRole} stays (on
     * roles): the AWS provider calls it before it deletes a role.
     */
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
                                iam + "oidc-provider/" + TOKEN_ISSUER)),
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
    private static Map<String, Object> ordered(Object... keysAndValues) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    public Output<String> oidcProviderArn() {
        return oidcProviderArn;
    }

    /** The permissions boundary's ARN: equal to {@link IamPath#permissionsBoundaryArn}, which the platform uses. */
    public Output<String> permissionsBoundaryArn() {
        return permissionsBoundaryArn;
    }

    /** The ARN of the role, when this stack builds it ({@code githubDeployRoles}). */
    public Optional<Output<String>> roleArn(GithubDeployRole role) {
        return Optional.ofNullable(roleArns.get(role));
    }
}
