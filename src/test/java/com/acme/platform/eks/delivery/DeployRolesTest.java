package com.acme.platform.eks.delivery;

import com.acme.platform.eks.Stacks;
import com.acme.platform.eks.config.ConfigException;
import com.acme.platform.eks.offline.Plan;
import com.acme.platform.eks.offline.PlannedResource;
import com.google.gson.Gson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static com.acme.platform.eks.ResourceTypes.ATTACHMENT;
import static com.acme.platform.eks.ResourceTypes.OIDC_PROVIDER;
import static com.acme.platform.eks.ResourceTypes.ROLE;
import static com.acme.platform.eks.ResourceTypes.ROLE_POLICY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The GitHub deploy roles of the delivery bootstrap stack, read back from what the program registers under the mock
 * engine: each trust policy is parsed from the role's registered {@code assumeRolePolicy} JSON.
 */
class DeployRolesTest {
    static final String ISSUER = "token.actions.githubusercontent.com";
    /** Not the committed placeholder: proves the subjects come from the config. */
    static final String REPOSITORY = "octo-org/deploy-target";

    /** {@code <project>-github-}: the roles' names. */
    static final String ROLE_PREFIX = "eks-platform-github-";
    static final String PREVIEW = ROLE_PREFIX + "preview";
    static final String DEPLOY_DEV = ROLE_PREFIX + "deploy-dev";
    static final String DEPLOY_PROD = ROLE_PREFIX + "deploy-prod";
    static final String PRODUCTION_PREVIEW = ROLE_PREFIX + "production-preview";

    /** A bootstrap stack with all four roles (the default of githubDeployRoles: a single-account setup). */
    private static Plan plan;
    private static final String SPOT_ROLE =
            "arn:aws:iam::123456789012:role/aws-service-role/spot.amazonaws.com/AWSServiceRoleForEC2Spot";

    @BeforeAll
    static void renderTheBootstrapStack() {
        plan = Stacks.plan("bootstrap-dev", allRoles(Map.of()));
    }

    /** The dev account's bootstrap stack file without its githubDeployRoles (so: all four), with the overrides. */
    private static Map<String, Object> allRoles(Map<String, ?> overrides) {
        var all = new HashMap<String, Object>(overrides);
        all.put("githubRepository", REPOSITORY);
        all.put("githubDeployRoles", null);
        return all;
    }

    private static PlannedResource role(Plan plan, String roleName) {
        return plan.ofType(ROLE).stream().filter(r -> roleName.equals(r.string("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no role named " + roleName + "; roles: "
                        + plan.ofType(ROLE).stream().map(r -> r.string("name")).toList()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) {
        return new Gson().fromJson(text, Map.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statements(String policyJson) {
        return (List<Map<String, Object>>) json(policyJson).get("Statement");
    }

    /**
     * The one subject a role's trust policy admits, after checking everything else about the statement: a single
     * Allow of AssumeRoleWithWebIdentity by GitHub's OIDC provider, with StringEquals only and the audience pinned.
     */
    @SuppressWarnings("unchecked")
    private static String trustedSubject(Plan plan, String roleName) {
        var trust = statements(role(plan, roleName).string("assumeRolePolicy"));
        assertEquals(1, trust.size(), roleName + ": one trust statement, got " + trust);
        var statement = trust.get(0);
        assertEquals("Allow", statement.get("Effect"), roleName);
        assertEquals("sts:AssumeRoleWithWebIdentity", statement.get("Action"), roleName);
        assertEquals(Map.of("Federated", plan.outputs().get("githubOidcProviderArn")), statement.get("Principal"),
                roleName + " must trust GitHub's OIDC provider and no other principal");
        var condition = (Map<String, Object>) statement.get("Condition");
        assertEquals(Set.of("StringEquals"), condition.keySet(), roleName + ": StringEquals only, no StringLike");
        var equals = (Map<String, Object>) condition.get("StringEquals");
        assertEquals(Set.of(ISSUER + ":aud", ISSUER + ":sub"), equals.keySet(), roleName);
        assertEquals("sts.amazonaws.com", equals.get(ISSUER + ":aud"), roleName + ": audience pinned");
        return assertInstanceOf(String.class, equals.get(ISSUER + ":sub"), roleName + ": exactly one subject");
    }

    @Test
    void eachRoleTrustsOnlyItsOwnSubjectOfTheRepository() {
        var subjects = Map.of(PREVIEW, "pull_request", DEPLOY_DEV, "ref:refs/heads/main",
                DEPLOY_PROD, "environment:production", PRODUCTION_PREVIEW, "environment:production-preview");
        subjects.forEach((role, subject) -> assertEquals("repo:" + REPOSITORY + ":" + subject,
                trustedSubject(plan, role), role));
    }

    @Test
    void theProductionEnvironmentNameComesFromTheConfig() {
        var renamed = Stacks.plan("bootstrap-dev", allRoles(Map.of("githubProductionEnvironment", "prod-gate")));
        assertEquals("repo:" + REPOSITORY + ":environment:prod-gate", trustedSubject(renamed, DEPLOY_PROD));
        assertEquals("repo:" + REPOSITORY + ":environment:prod-gate-preview",
                trustedSubject(renamed, PRODUCTION_PREVIEW));
    }

    @Test
    void noTrustPolicyAdmitsAnotherRepositoryBranchOrEnvironment() {
        var roles = plan.ofType(ROLE);
        assertEquals(4, roles.size(), "the bootstrap stack builds exactly the four deploy roles");
        var subjects = new LinkedHashSet<String>();
        for (var role : roles) {
            String subject = trustedSubject(plan, role.string("name"));
            assertFalse(subject.contains("*") || subject.contains("?"), role.name() + ": wildcard in " + subject);
            assertTrue(subject.startsWith("repo:" + REPOSITORY + ":"), role.name() + ": another repository " + subject);
            subjects.add(subject);
        }
        assertEquals(4, subjects.size(), "no two roles trust the same subject: " + subjects);
    }

    /** The roles whose Allow statements (managed and inline) are all read-only. */
    @Test
    void previewRolesAreReadOnly() {
        for (String roleName : List.of(PREVIEW, PRODUCTION_PREVIEW)) {
            assertEquals(List.of("arn:aws:iam::123456789012:policy/eks-platform-delivery/eks-platform-"
                    + (roleName.equals(PREVIEW) ? "preview" : "refresh") + "-read"), attachedPolicies(roleName), roleName);
            assertEquals(List.of(), inlinePolicies(roleName), roleName + " has inline policies");
        }
    }

    @Test
    void deployRolesArePowerUsersPlusTheIamOfTheStackOnly() {
        for (String roleName : List.of(DEPLOY_DEV, DEPLOY_PROD)) {
            assertEquals(List.of("arn:aws:iam::aws:policy/PowerUserAccess"), attachedPolicies(roleName), roleName);
            var inline = inlinePolicies(roleName);
            assertEquals(1, inline.size(), roleName);
            for (var statement : statements(inline.get(0))) {
                if (!"Allow".equals(statement.get("Effect"))) {
                    continue;
                }
                for (String action : actions(statement.get("Action"))) {
                    assertTrue(action.startsWith("iam:") && !action.contains("*"), roleName + ": " + action);
                    assertFalse(action.matches("iam:.*(User|Group|AccessKey|LoginProfile|SAML|ServiceSpecific).*"),
                            roleName + " may mint long-lived credentials or identities: " + action);
                }
            }
        }
    }

    @Test
    void deployRolesChangeAndPassOnlyRolesAndPoliciesUnderThePlatformPath() {
        var mutating = java.util.regex.Pattern.compile("iam:(Create|Delete|Update|Put|Attach|Detach|Tag|Untag|Pass|Set)"
                + ".*(Role|Policy|PolicyVersion|AssumeRolePolicy|RolePolicy)$");
        for (String roleName : List.of(DEPLOY_DEV, DEPLOY_PROD)) {
            for (var statement : statements(inlinePolicies(roleName).get(0))) {
                if (!"Allow".equals(statement.get("Effect"))) {
                    continue;
                }
                boolean changesRolesOrPolicies = actions(statement.get("Action")).stream()
                        .anyMatch(a -> mutating.matcher(a).matches());
                if (changesRolesOrPolicies) {
                    for (String resource : actions(statement.get("Resource"))) {
                        // The one exception: reading and tagging the account's EC2 Spot service-linked role.
                        if (resource.equals(SPOT_ROLE) && actions(statement.get("Action")).stream()
                                .allMatch(a -> a.matches("iam:(GetRole|TagRole|UntagRole|ListRoleTags)"))) {
                            continue;
                        }
                        assertTrue(resource.matches("arn:aws:iam::123456789012:(role|policy)/eks-platform/\\*"),
                                roleName + " may change or pass roles outside the platform's path: " + resource);
                    }
                }
            }
        }
    }

    @Test
    void deployRolesCannotChangeTheDeliveryRolesOrTheirProvider() {
        var protectedArns = new ArrayList<String>();
        plan.ofType(ROLE).forEach(r -> protectedArns.add("arn:aws:iam::123456789012:role/" + r.string("name")));
        protectedArns.add((String) plan.outputs().get("githubOidcProviderArn"));
        for (String roleName : List.of(DEPLOY_DEV, DEPLOY_PROD)) {
            var denies = statements(inlinePolicies(roleName).get(0)).stream()
                    .filter(s -> "Deny".equals(s.get("Effect")) && s.containsKey("NotAction")).toList();
            assertEquals(1, denies.size(), roleName);
            var deny = denies.get(0);
            assertEquals(List.of("iam:Get*", "iam:List*"), deny.get("NotAction"), roleName + ": deny all but reads");
            for (String arn : protectedArns) {
                assertTrue(actions(deny.get("Resource")).stream().anyMatch(glob -> globMatches(glob, arn)),
                        roleName + " may change " + arn);
            }
        }
    }

    /**
     * Attaching a managed policy is limited by the policy's ARN to what the platform stacks themselves attach (read
     * from the dev and prod renders, so a new attachment in a component fails here until the deploy roles allow
     * it) and to the platform's customer policies: never AdministratorAccess or any other AWS policy.
     */
    @Test
    @SuppressWarnings("unchecked")
    void deployRolesAttachOnlyThePoliciesThePlatformAttaches() {
        var attachedByThePlatform = new java.util.TreeSet<String>();
        var customer = "arn:aws:iam::123456789012:policy/eks-platform/*";
        for (String stack : List.of("dev", "prod")) {
            for (var attachment : Stacks.plan(stack).ofType(ATTACHMENT)) {
                String arn = attachment.string("policyArn");
                if (arn.startsWith("arn:aws:iam::aws:policy/")) {
                    attachedByThePlatform.add(arn);
                } else {
                    assertTrue(globMatches(customer, arn), stack + " attaches a policy outside the platform's path: "
                            + arn);
                }
            }
        }
        assertTrue(attachedByThePlatform.contains("arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"),
                "the renders attach no AWS managed policy: " + attachedByThePlatform);
        var expected = new java.util.TreeSet<>(attachedByThePlatform);
        expected.add(customer);
        for (String roleName : List.of(DEPLOY_DEV, DEPLOY_PROD)) {
            var attaching = statements(inlinePolicies(roleName).get(0)).stream()
                    .filter(s -> "Allow".equals(s.get("Effect")))
                    .filter(s -> actions(s.get("Action")).stream().anyMatch(
                            a -> a.matches("iam:(Attach|Detach)RolePolicy")))
                    .toList();
            assertEquals(1, attaching.size(), roleName + ": one statement attaches policies, got " + attaching);
            var statement = attaching.get(0);
            assertEquals(List.of("iam:AttachRolePolicy", "iam:DetachRolePolicy"), statement.get("Action"), roleName);
            var condition = (Map<String, Object>) statement.get("Condition");
            assertEquals(Set.of("ArnLike", "StringEquals"), condition.keySet(), roleName + ": " + condition);
            var arnLike = (Map<String, Object>) condition.get("ArnLike");
            assertEquals(Set.of("iam:PolicyARN"), arnLike.keySet(), roleName);
            var allowed = actions(arnLike.get("iam:PolicyARN"));
            assertEquals(expected, new java.util.TreeSet<>(allowed), roleName + ": attachable policies");
            assertEquals(expected.size(), allowed.size(), roleName + ": duplicates in " + allowed);
            for (String forbidden : List.of("arn:aws:iam::aws:policy/AdministratorAccess",
                    "arn:aws:iam::aws:policy/PowerUserAccess", "arn:aws:iam::aws:policy/IAMFullAccess",
                    "arn:aws:iam::123456789012:policy/anything-else")) {
                assertTrue(allowed.stream().noneMatch(glob -> globMatches(glob, forbidden)),
                        roleName + " may attach " + forbidden);
            }
        }
    }

    /** The platform creates no instance profile and no OIDC provider (EKS and Karpenter make their own profiles). */
    @Test
    void deployRolesHaveNoInstanceProfileOrOidcProviderRights() {
        for (String roleName : List.of(DEPLOY_DEV, DEPLOY_PROD)) {
            for (var statement : statements(inlinePolicies(roleName).get(0))) {
                if (!"Allow".equals(statement.get("Effect"))) {
                    continue;
                }
                for (String resource : actions(statement.get("Resource"))) {
                    assertFalse(resource.contains("instance-profile") || resource.contains("oidc-provider"),
                            roleName + ": " + resource);
                }
                for (String action : actions(statement.get("Action"))) {
                    boolean instanceProfile = action.contains("InstanceProfile")
                            && !"iam:ListInstanceProfilesForRole".equals(action);
                    assertFalse(instanceProfile || action.contains("OpenIDConnectProvider"), roleName + ": " + action);
                }
            }
        }
    }

    /**
     * The dev deploy role may do in its account whatever the platform needs, so only a separate account keeps it
     * away from prod: the example stack files put dev and prod in different accounts (every IAM ARN in a stack file
     * names that stack's account), each listing its own deploy role as a cluster admin.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theExampleStacksLiveInSeparateAccounts() throws java.io.IOException {
        var accounts = new HashMap<String, Set<String>>();
        var anyIamArn = Pattern.compile("arn:aws:iam::(\\d{12}):");
        for (String stack : List.of("dev", "prod")) {
            String text = java.nio.file.Files.readString(Stacks.file(stack));
            var ids = new LinkedHashSet<String>();
            var m = anyIamArn.matcher(text);
            while (m.find()) {
                ids.add(m.group(1));
            }
            assertEquals(1, ids.size(), "Pulumi." + stack + ".yaml names IAM ARNs of " + ids.size() + " accounts: " + ids);
            Map<String, Object> file = new org.yaml.snakeyaml.Yaml().load(text);
            var admins = (List<String>) ((Map<String, Object>) file.get("config")).get("eks-platform:clusterAdminRoleArns");
            String ownDeployRole = "arn:aws:iam::" + ids.iterator().next() + ":role/eks-platform-github-deploy-" + stack;
            assertTrue(admins.contains(ownDeployRole), stack + " does not list " + ownDeployRole + ": " + admins);
            accounts.put(stack, ids);
        }
        assertFalse(accounts.get("dev").stream().anyMatch(accounts.get("prod")::contains),
                "dev and prod share an account, so dev's deploy role could change prod: " + accounts);
    }

    @Test
    void bootstrapStackBuildsNoPlatform() {
        assertEquals(List.of(), plan.matching(r -> r.type().startsWith("aws:ec2/") || r.type().startsWith("aws:eks/")
                || r.type().startsWith("eks-platform:network")), "the bootstrap stack builds platform resources");
        assertEquals(1, plan.ofType(OIDC_PROVIDER).size());
        var provider = plan.ofType(OIDC_PROVIDER).get(0);
        assertEquals("https://" + ISSUER, provider.string("url"));
        assertEquals(List.of("sts.amazonaws.com"), provider.input("clientIdLists"));
        assertEquals(Set.of("githubOidcProviderArn", "permissionsBoundaryArn", "previewRoleArn", "devDeployRoleArn",
                "prodDeployRoleArn", "productionPreviewRoleArn", "publicZoneName", "publicZoneId",
                "publicZoneNameServers"), plan.outputs().keySet());
        assertNull(Stacks.config("bootstrap-dev", Map.of()).network(),
                "no network config is read for the bootstrap stack");
    }

    // ------------------------------------------------------------------ the permissions boundary

    static final String BOUNDARY = "arn:aws:iam::123456789012:policy/eks-platform-delivery/eks-platform-permissions-boundary";
    /** What grants a role permissions or sets its boundary: each only with the platform's boundary. */
    static final List<String> GRANTING = List.of("iam:CreateRole", "iam:PutRolePolicy", "iam:AttachRolePolicy",
            "iam:PutRolePermissionsBoundary");

    @Test
    void theBootstrapStackCreatesTheBoundaryWhereThePlatformLooksForIt() {
        var policies = plan.ofType("aws:iam/policy:Policy").stream()
                .filter(p -> com.acme.platform.eks.platform.IamPath.PERMISSIONS_BOUNDARY.equals(p.string("name"))).toList();
        assertEquals(1, policies.size(), "the bootstrap stack's boundary: " + policies);
        assertEquals(BOUNDARY, plan.outputs().get("permissionsBoundaryArn"));
        assertEquals(BOUNDARY, com.acme.platform.eks.platform.IamPath.permissionsBoundaryArn("aws", "123456789012"));
        assertTrue(policies.get(0).protect(), "the boundary is protected like the roles");
    }

    /** Every action that grants a role permissions is allowed only on a role that carries the boundary. */
    @Test
    @SuppressWarnings("unchecked")
    void deployRolesGrantPermissionsOnlyToRolesWithTheBoundary() {
        for (String roleName : List.of(DEPLOY_DEV, DEPLOY_PROD)) {
            var granted = new java.util.TreeSet<String>();
            for (var statement : statements(inlinePolicies(roleName).get(0))) {
                if (!"Allow".equals(statement.get("Effect"))) {
                    continue;
                }
                var grants = actions(statement.get("Action")).stream()
                        .filter(a -> GRANTING.contains(a) || a.equals("iam:DeleteRolePolicy")
                                || a.equals("iam:DetachRolePolicy")).toList();
                if (grants.isEmpty()) {
                    continue;
                }
                var condition = (Map<String, Object>) statement.get("Condition");
                assertTrue(condition != null && condition.get("StringEquals") instanceof Map<?, ?>,
                        roleName + ": " + grants + " without a condition on iam:PermissionsBoundary");
                assertEquals(BOUNDARY, ((Map<String, Object>) condition.get("StringEquals"))
                        .get("iam:PermissionsBoundary"), roleName + ": " + grants);
                granted.addAll(grants);
            }
            assertTrue(granted.containsAll(GRANTING), roleName + " may " + GRANTING + " at all: " + granted);
        }
    }

    /** The boundary cannot be removed, swapped or changed by the deploy roles, and no role is created without it. */
    @Test
    @SuppressWarnings("unchecked")
    void theBoundaryIsOutOfTheDeployRolesReach() {
        for (String roleName : List.of(DEPLOY_DEV, DEPLOY_PROD)) {
            var statements = statements(inlinePolicies(roleName).get(0));
            for (var statement : statements) {
                if ("Allow".equals(statement.get("Effect"))) {
                    for (String resource : actions(statement.get("Resource"))) {
                        assertFalse(globMatches(resource, BOUNDARY) && actions(statement.get("Action")).stream()
                                        .anyMatch(a -> !a.matches("iam:(Get|List).*")),
                                roleName + " may change the boundary: " + statement);
                    }
                }
            }
            var denies = statements.stream().filter(s -> "Deny".equals(s.get("Effect"))).toList();
            assertTrue(denies.stream().anyMatch(d -> d.containsKey("NotAction")
                            && actions(d.get("Resource")).stream().anyMatch(glob -> globMatches(glob, BOUNDARY))),
                    roleName + ": no deny of every change to the boundary policy");
            assertTrue(denies.stream().anyMatch(d -> actions(d.get("Action")).contains(
                            "iam:DeleteRolePermissionsBoundary") && actions(d.get("Resource")).contains("*")
                            && d.get("Condition") == null),
                    roleName + ": no unconditional deny of iam:DeleteRolePermissionsBoundary");
            assertTrue(denies.stream().anyMatch(d -> actions(d.get("Action")).containsAll(
                            List.of("iam:CreateRole", "iam:PutRolePermissionsBoundary"))
                            && d.get("Condition") instanceof Map<?, ?> c && c.get("StringNotEquals") instanceof Map<?, ?> ne
                            && BOUNDARY.equals(ne.get("iam:PermissionsBoundary"))),
                    roleName + ": no deny of a role created or re-bounded without the platform's boundary");
        }
    }

    private static String boundaryPolicy() {
        return plan.ofType("aws:iam/policy:Policy").stream()
                .filter(p -> com.acme.platform.eks.platform.IamPath.PERMISSIONS_BOUNDARY.equals(p.string("name")))
                .findFirst().orElseThrow().string("policy");
    }

    /** The IAM the platform's controllers use is inside the boundary, and nothing else of IAM, STS or the account. */
    @Test
    void theBoundaryAllowsTheControllersIamAndNoEscalation() {
        var used = new java.util.TreeSet<String>();
        for (String stack : List.of("dev", "prod")) {
            for (var policy : Stacks.plan(stack).matching(r -> r.type().equals("aws:iam/policy:Policy")
                    || r.type().equals(ROLE_POLICY))) {
                for (var statement : statements(policy.string("policy"))) {
                    actions(statement.get("Action")).stream().filter(a -> a.startsWith("iam:")).forEach(used::add);
                }
            }
        }
        assertEquals(new java.util.TreeSet<>(DeployRolePolicies.BOUNDARY_IAM_ACTIONS), used,
                "the boundary's IAM actions are the ones the platform's roles use");
        String boundary = boundaryPolicy();
        for (String action : used) {
            assertTrue(IamPolicies.allows(boundary, action, action.equals("iam:PassRole")
                            ? "arn:aws:iam::123456789012:role/eks-platform/karpenter-node-role"
                            : "arn:aws:iam::123456789012:instance-profile/x"),
                    "the boundary denies " + action + ", which a platform role uses");
        }
        for (String escalation : List.of("iam:CreateRole", "iam:PutRolePolicy", "iam:AttachRolePolicy",
                "iam:CreatePolicy", "iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion",
                "iam:UpdateAssumeRolePolicy", "iam:PutRolePermissionsBoundary", "iam:DeleteRolePermissionsBoundary",
                "iam:CreateUser", "iam:CreateAccessKey", "iam:CreateLoginProfile", "sts:AssumeRole",
                "organizations:LeaveOrganization", "account:PutAlternateContact")) {
            assertFalse(IamPolicies.allows(boundary, escalation, "*"), "the boundary allows " + escalation);
        }
        assertFalse(IamPolicies.allows(boundary, "iam:PassRole",
                        "arn:aws:iam::123456789012:role/eks-platform-github-deploy-prod"),
                "the boundary lets a platform role pass a role outside the platform's path");
        assertTrue(IamPolicies.allows(boundary, "ec2:RunInstances", "*"), "the boundary blocks the controllers' EC2");
    }

    /** Every role the platform stacks create carries the boundary (the deploy roles could not create it otherwise). */
    @Test
    void everyRoleOfThePlatformStacksCarriesTheBoundary() {
        for (String stack : Stacks.all().stream().filter(s -> !Stacks.deliveryBootstrap(s)).toList()) {
            var roles = Stacks.plan(stack).ofType(ROLE);
            assertFalse(roles.isEmpty(), stack);
            for (var role : roles) {
                assertEquals(BOUNDARY, role.string("permissionsBoundary"),
                        stack + ": role " + role.name() + " has no (or another) permissions boundary");
            }
        }
    }

    // ------------------------------------------------------------------ one bootstrap stack per account

    private static Set<String> roleNames(Plan plan) {
        return new java.util.TreeSet<>(plan.ofType(ROLE).stream().map(r -> r.string("name")).toList());
    }

    /** Everything the plan attaches to or puts inline on a role: by role name (inline policies name it by id). */
    private static Set<String> rolesWithPolicies(Plan plan) {
        var roles = new java.util.TreeSet<String>();
        plan.ofType(ATTACHMENT).forEach(a -> roles.add(a.string("role")));
        plan.ofType(ROLE_POLICY).forEach(p -> roles.add(p.string("role")));
        return roles;
    }

    @Test
    void aBootstrapStackWithOnlyTheDevRolesBuildsNoProdRole() {
        var dev = Stacks.plan("bootstrap-dev", Map.of("githubRepository", REPOSITORY));
        assertEquals(List.of("preview", "deploy-dev"),
                Stacks.stackFile("bootstrap-dev").get("eks-platform:githubDeployRoles"), "the committed dev file");
        assertEquals(Set.of(PREVIEW, DEPLOY_DEV), roleNames(dev));
        assertEquals(Set.of(PREVIEW, DEPLOY_DEV), rolesWithPolicies(dev), "policies of roles the stack does not build");
        assertEquals("repo:" + REPOSITORY + ":pull_request", trustedSubject(dev, PREVIEW));
        assertEquals("repo:" + REPOSITORY + ":ref:refs/heads/main", trustedSubject(dev, DEPLOY_DEV));
        // absent, not empty: an empty ARN would end up in a repository variable and fail only at STS
        assertEquals(Set.of("githubOidcProviderArn", "permissionsBoundaryArn", "previewRoleArn", "devDeployRoleArn",
                "publicZoneName", "publicZoneId", "publicZoneNameServers"), dev.outputs().keySet());
        assertEquals(1, dev.ofType(OIDC_PROVIDER).size(), "each account needs GitHub's OIDC provider");
    }

    /**
     * Prod's account gets no role that a push to main could assume (every merged change, without the approval), and
     * the only role a pull request can assume there is the read-only preview role: whatever may write to prod's
     * account trusts only the approval-gated environment.
     */
    @Test
    void theProdAccountsBootstrapStackLetsOnlyTheApprovalWrite() {
        var prod = Stacks.plan("bootstrap-prod", Map.of("githubRepository", REPOSITORY));
        assertEquals(Set.of(PREVIEW, PRODUCTION_PREVIEW, DEPLOY_PROD), roleNames(prod));
        assertEquals(Set.of(PREVIEW, PRODUCTION_PREVIEW, DEPLOY_PROD), rolesWithPolicies(prod));
        for (String roleName : roleNames(prod)) {
            String subject = trustedSubject(prod, roleName);
            assertFalse(subject.endsWith(":ref:refs/heads/main"), roleName + " trusts " + subject);
        }
        assertEquals("repo:" + REPOSITORY + ":pull_request", trustedSubject(prod, PREVIEW));
        assertEquals("repo:" + REPOSITORY + ":environment:production", trustedSubject(prod, DEPLOY_PROD));
        assertEquals(Set.of("githubOidcProviderArn", "permissionsBoundaryArn", "previewRoleArn", "productionPreviewRoleArn",
                "prodDeployRoleArn", "publicZoneName", "publicZoneId", "publicZoneNameServers"), prod.outputs().keySet());
    }

    /** Each deploy role exists in exactly one account; each account has its own read-only pull request role. */
    @Test
    void eachDeployRoleLivesInExactlyOneAccount() {
        var dev = roleNames(Stacks.plan("bootstrap-dev"));
        var prod = roleNames(Stacks.plan("bootstrap-prod"));
        var shared = new java.util.TreeSet<>(dev);
        shared.retainAll(prod);
        assertEquals(new java.util.TreeSet<>(List.of(PREVIEW)), shared, dev + " and " + prod);
        var union = new java.util.TreeSet<>(dev);
        union.addAll(prod);
        assertEquals(new java.util.TreeSet<>(List.of(PREVIEW, DEPLOY_DEV, PRODUCTION_PREVIEW, DEPLOY_PROD)), union);
    }

    @Test
    void githubDeployRolesDefaultsToAllFour() {
        assertEquals(Set.of(PREVIEW, DEPLOY_DEV, PRODUCTION_PREVIEW, DEPLOY_PROD), roleNames(plan));
    }

    @Test
    void anUnknownRoleNameIsAConfigError() {
        assertSingleProblem("bootstrap-dev", Map.of("githubDeployRoles", List.of("preview", "deploy-staging")),
                "eks-platform:githubDeployRoles = 'deploy-staging'",
                "allowed: [preview, deploy-dev, production-preview, deploy-prod]");
    }

    @Test
    void anEmptyRoleListIsAConfigError() {
        assertSingleProblem("bootstrap-prod", Map.of("githubDeployRoles", List.of()),
                "eks-platform:githubDeployRoles = []", "must list at least one of");
    }

    @Test
    void aRoleListedTwiceIsAConfigError() {
        assertSingleProblem("bootstrap-prod", Map.of("githubDeployRoles", List.of("deploy-prod", "deploy-prod")),
                "eks-platform:githubDeployRoles", "lists a value twice");
    }

    @Test
    void aRoleListThatIsNoListIsAConfigError() {
        assertSingleProblem("bootstrap-prod", Map.of("githubDeployRoles", "deploy-prod"),
                "eks-platform:githubDeployRoles = 'deploy-prod'", "must be a list of strings");
    }

    @Test
    void githubDeployRolesIsNotAcceptedInPlatformStacks() {
        assertSingleProblem("prod", Map.of("githubDeployRoles", List.of("deploy-prod")),
                "eks-platform:githubDeployRoles", "read only by the delivery bootstrap stack");
    }

    @Test
    void everyRoleProblemIsReportedAtOnce() {
        var problems = problems("bootstrap-dev", Map.of("githubDeployRoles", List.of("admin", "admin"),
                "githubRepository", "no-slash"));
        assertEquals(4, problems.size(), problems::toString);
    }

    @Test
    void platformStacksBuildNoDeployRoles() {
        for (String stack : List.of("dev", "prod")) {
            assertEquals(List.of(), Stacks.plan(stack).matching(r -> r.type().equals(OIDC_PROVIDER)
                    || r.type().equals(ROLE) && String.valueOf(r.string("name")).contains("-github-")), stack);
        }
    }

    // ------------------------------------------------------------------ config

    private static List<String> problems(String stack, Map<String, ?> overrides) {
        return assertThrows(ConfigException.class, () -> Stacks.config(stack, overrides)).problems();
    }

    private static void assertSingleProblem(String stack, Map<String, ?> overrides, String keyAndValue,
                                            String fragment) {
        var problems = problems(stack, overrides);
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith(keyAndValue), () -> "should name " + keyAndValue + ": " + problems);
        assertTrue(problems.get(0).contains(fragment), () -> "should say '" + fragment + "': " + problems);
    }

    @ParameterizedTest
    @ValueSource(strings = {"owner", "owner/", "owner/repo/extra", "/repo"})
    void githubRepositoryMustBeOwnerSlashRepo(String repository) {
        assertEquals(1, problems("bootstrap-dev", Map.of("githubRepository", repository)).size());
        assertTrue(problems("bootstrap-dev", Map.of("githubRepository", repository)).get(0)
                .startsWith("eks-platform:githubRepository = '" + repository + "'"));
    }

    @Test
    void anOwnerWithoutRepoSaysOwnerSlashRepo() {
        assertSingleProblem("bootstrap-dev", Map.of("githubRepository", "owner"),
                "eks-platform:githubRepository = 'owner'", "must be owner/repo");
    }

    @ParameterizedTest
    @ValueSource(strings = {"own er/repo", "-owner/repo", "owner-/repo", "ow--ner/repo", "own_er/repo",
            "ownerownerownerownerownerownerownerowner/repo"})
    void githubRepositoryOwnerFollowsGithubsUsernameRules(String repository) {
        assertSingleProblem("bootstrap-dev", Map.of("githubRepository", repository),
                "eks-platform:githubRepository = '" + repository + "'", "invalid owner");
    }

    @ParameterizedTest
    @ValueSource(strings = {"owner/re po", "owner/..", "owner/repo*", "owner/re?po"})
    void githubRepositoryNameFollowsGithubsRepositoryRules(String repository) {
        assertSingleProblem("bootstrap-dev", Map.of("githubRepository", repository),
                "eks-platform:githubRepository = '" + repository + "'", "invalid repository name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"octo-org/my.repo_name-1", "A/b", "a1b2c3d4e5f6g7h8i9j0a1b2c3d4e5f6g7h8i9j/.github"})
    void validGithubRepositoriesAreAccepted(String repository) {
        assertEquals(repository, Stacks.config("bootstrap-dev", Map.of("githubRepository", repository))
                .githubDelivery().fullName());
    }

    @Test
    void githubRepositoryIsRequiredWhenBootstrapping() {
        var missing = new HashMap<String, Object>();
        missing.put("githubRepository", null);
        assertSingleProblem("bootstrap-dev", missing, "eks-platform:githubRepository", "required when deliveryBootstrap");
    }

    @Test
    void productionEnvironmentAdmitsNoWildcard() {
        assertSingleProblem("bootstrap-dev", Map.of("githubProductionEnvironment", "prod*"),
                "eks-platform:githubProductionEnvironment = 'prod*'", "letters, digits");
    }

    @Test
    void platformKeysAreNeitherRequiredNorAcceptedInTheBootstrapStack() {
        assertSingleProblem("bootstrap-dev", Map.of("vpcCidr", "10.0.0.0/16"), "eks-platform:vpcCidr",
                "not read by the delivery bootstrap stack");
        // a platform key's invalid default would not matter either: the network is not validated at all
        assertSingleProblem("bootstrap-dev", Map.of("azCount", 7), "eks-platform:azCount",
                "not read by the delivery bootstrap stack");
    }

    @Test
    void bootstrapKeysAreNotAcceptedInPlatformStacks() {
        assertSingleProblem("dev", Map.of("githubRepository", REPOSITORY), "eks-platform:githubRepository",
                "read only by the delivery bootstrap stack");
    }

    // ------------------------------------------------------------------ helpers

    private static List<String> attachedPolicies(String roleName) {
        return plan.ofType(ATTACHMENT).stream().filter(a -> roleName.equals(a.string("role")))
                .map(a -> a.string("policyArn")).toList();
    }

    /** Inline policies refer to the role by id, which IAM (and the fake cloud) set to the role name. */
    private static List<String> inlinePolicies(String roleName) {
        return plan.ofType(ROLE_POLICY).stream().filter(p -> roleName.equals(p.string("role")))
                .map(p -> p.string("policy")).toList();
    }

    private static List<String> actions(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                : List.of(String.valueOf(value));
    }

    /** IAM's ARN matching: {@code *} any run of characters, {@code ?} one character. */
    private static boolean globMatches(String glob, String arn) {
        var regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return arn.matches(regex.toString());
    }
}
