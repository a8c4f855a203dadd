package com.acme.platform.eks.delivery;

import com.acme.platform.eks.platform.PlatformContext;
import com.acme.platform.eks.config.GithubDeliveryConfig;
import com.acme.platform.eks.config.GithubDeployRole;
import com.acme.platform.eks.platform.IamPath;
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

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** GitHub's OIDC provider and one role per purpose and subject claim: docs/internals.md#github-deploy-roles. */
public final class GithubDeployRoles extends ComponentResource {

    public static final String TOKEN_ISSUER = "token.actions.githubusercontent.com";
    /** The audience configure-aws-credentials requests, and the only client id the provider accepts. */
    public static final String AUDIENCE = "sts.amazonaws.com";
    /** IAM role names are at most 64 characters. */
    private static final int ROLE_NAME_MAX = 64;
    /** A pull request preview or drift check takes minutes; an hour (the IAM minimum) is plenty. */
    private static final int READ_ONLY_SESSION_SECONDS = 3600;
    /** As long as deploy.yml's jobs may run (docs/internals.md#github-deploy-roles). */
    static final int DEPLOY_SESSION_SECONDS = 10800;

    public record Args(PlatformContext platform, GithubDeliveryConfig github) { }

    private enum Access { READ_ONLY, DEPLOY }

    /** {@code role}: its config value names the role after {@code <project>-github-}. */
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
                // No thumbprint: IAM trusts GitHub by its own CAs (docs/internals.md#github-deploy-roles).
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
        // Outside the path the deploy roles may change (docs/delivery.md, "The permissions boundary").
        var boundary = new Policy(name + "-permissions-boundary", PolicyArgs.builder()
                .name(IamPath.PERMISSIONS_BOUNDARY)
                .path(IamPath.DELIVERY)
                .description("Permissions boundary of every role the eks-platform stacks create: no IAM but what"
                        + " the platform's controllers use, no STS, Organizations or account settings")
                .policy(Output.tuple(partition, account).applyValue(t -> DeployRolePolicies.permissionsBoundaryPolicy(t.t1, t.t2)))
                .build(), kept);
        Output<String> deployIamPolicy = Output.tuple(partition, account)
                .applyValue(t -> DeployRolePolicies.deployIamPolicy(t.t1, t.t2, rolePrefix));
        // What the program reads, not ReadOnlyAccess (docs/internals.md#github-deploy-roles).
        var previewRead = readPolicy(name + "-preview-read", PREVIEW_READ_POLICY, "What a pulumi preview of the"
                + " eks-platform stacks reads without refresh: the program's invokes", PlatformReads.previewActions(), kept);
        var refreshRead = readPolicy(name + "-refresh-read", REFRESH_READ_POLICY, "What a pulumi preview --refresh of"
                + " the eks-platform stacks reads: the invokes and the configuration of every resource type the stacks"
                + " hold, no data", PlatformReads.refreshActions(), kept);
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
                    .assumeRolePolicy(provider.arn().applyValue(arn -> DeployRolePolicies.trustPolicy(arn, subject)))
                    .build(), kept);
            if (p.access() == Access.READ_ONLY) {
                // Unreviewed or unapproved: read-only, no data (docs/internals.md#github-deploy-roles).
                var read = p.role() == GithubDeployRole.PREVIEW ? previewRead : refreshRead;
                new RolePolicyAttachment(name + "-" + p.purpose() + "-read-only", RolePolicyAttachmentArgs.builder()
                        .role(role.name())
                        .policyArn(read.arn())
                        .build(), child);
            } else {
                // Every service the stack creates but IAM; its IAM inline (docs/internals.md#the-deploy-roles-iam).
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

    private static Policy readPolicy(String resourceName, String policyName, String description, List<String> actions,
                                     CustomResourceOptions options) {
        return new Policy(resourceName, PolicyArgs.builder()
                .name(policyName)
                .path(IamPath.DELIVERY)
                .description(description)
                .policy(DeployRolePolicies.readPolicy(actions))
                .build(), options);
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
