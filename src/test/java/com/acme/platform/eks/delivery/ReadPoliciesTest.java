package com.acme.platform.eks.delivery;

import com.acme.platform.eks.Stacks;
import com.acme.platform.eks.offline.Plan;
import com.acme.platform.eks.offline.PlannedResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static com.acme.platform.eks.ResourceTypes.ATTACHMENT;
import static com.acme.platform.eks.ResourceTypes.POLICY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The read-only delivery roles read what the program reads, and no data: every resource type and invoke of the dev
 * and prod renders is mapped to its read actions ({@link PlatformReads}), the policies the bootstrap stack attaches
 * to the read-only roles cover them, and nothing in them reads content (objects, items, log events, parameters,
 * secrets, messages, decrypted data). The pull request role, which never refreshes, gets less than the
 * production-preview role.
 */
class ReadPoliciesTest {

    /** Actions that read data rather than configuration; none may be in a read-only delivery policy. */
    static final List<String> DATA_READS = List.of(
            "s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket", "dynamodb:GetItem", "dynamodb:BatchGetItem",
            "dynamodb:Query", "dynamodb:Scan", "logs:GetLogEvents", "logs:FilterLogEvents", "logs:StartQuery",
            "logs:GetQueryResults", "logs:StartLiveTail", "secretsmanager:GetSecretValue", "ssm:GetParameter",
            "ssm:GetParameters", "ssm:GetParametersByPath", "ssm:GetParameterHistory", "kms:Decrypt",
            "kms:GenerateDataKey", "sqs:ReceiveMessage", "ec2:GetConsoleOutput", "ec2:GetPasswordData",
            "ec2:GetConsoleScreenshot", "lambda:GetFunction", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer",
            "kinesis:GetRecords", "athena:GetQueryResults", "rds-data:ExecuteStatement", "eks:AccessKubernetesApi",
            "route53:GetChange", "ssm:StartSession", "secretsmanager:BatchGetSecretValue", "cloudtrail:LookupEvents",
            "s3:*", "dynamodb:*", "logs:*", "kms:*", "sqs:*", "ssm:*", "secretsmanager:*", "*");

    private static Plan bootstrap;
    private static Map<String, Plan> platform;

    @BeforeAll
    static void render() {
        var all = new HashMap<String, Object>();
        all.put("githubRepository", "octo-org/deploy-target");
        all.put("githubDeployRoles", null);
        bootstrap = Stacks.plan("bootstrap-dev", all);
        platform = Map.of("dev", Stacks.plan("dev"), "prod", Stacks.plan("prod"));
    }

    private static PlannedResource role(String name) {
        return bootstrap.ofType("aws:iam/role:Role").stream().filter(r -> name.equals(r.string("name"))).findFirst()
                .orElseThrow();
    }

    /** The one policy attached to a role, by its registered document (the attachment names it by ARN). */
    private static String attachedPolicy(String roleName) {
        var arns = bootstrap.ofType(ATTACHMENT).stream().filter(a -> roleName.equals(a.string("role")))
                .map(a -> a.string("policyArn")).toList();
        assertEquals(1, arns.size(), roleName + " has " + arns);
        String arn = arns.get(0);
        var policy = bootstrap.ofType(POLICY).stream()
                .filter(p -> arn.endsWith(":policy" + p.string("path") + p.string("name"))).toList();
        assertEquals(1, policy.size(), roleName + "'s " + arn + " is no policy of the bootstrap stack (an AWS"
                + " managed one such as ReadOnlyAccess reads data)");
        return policy.get(0).string("policy");
    }

    /** Every resource type of the renders that the AWS or Kubernetes API must be asked about. */
    private static TreeSet<String> resourceTypes(Plan plan) {
        var types = new TreeSet<String>();
        plan.resources().stream().filter(PlannedResource::custom).map(PlannedResource::type)
                // Kubernetes objects are read under the EKS access entry (Kubernetes RBAC), not IAM.
                .filter(t -> !t.startsWith("kubernetes:"))
                .forEach(types::add);
        return types;
    }

    @Test
    void everyResourceTypeAndInvokeOfTheRendersHasItsReadActions() {
        platform.forEach((stack, plan) -> {
            assertFalse(plan.invokes().isEmpty(), stack + ": the render recorded no invoke");
            for (String invoke : plan.invokes()) {
                assertTrue(PlatformReads.OF_INVOKE.containsKey(invoke),
                        stack + " calls " + invoke + ": add its IAM actions to PlatformReads.OF_INVOKE");
            }
            for (String type : resourceTypes(plan)) {
                assertTrue(PlatformReads.OF_RESOURCE_TYPE.containsKey(type) || PlatformReads.OF_PROVIDER.containsKey(type),
                        stack + " holds " + type + ": add its read to PlatformReads.OF_RESOURCE_TYPE");
            }
        });
    }

    /** The IAM actions of the invokes the program calls in a preview. */
    private static TreeSet<String> invokeActions(Plan plan) {
        var actions = new TreeSet<String>();
        plan.invokes().forEach(i -> actions.addAll(PlatformReads.OF_INVOKE.get(i)));
        return actions;
    }

    @Test
    void thePullRequestPreviewRoleMayMakeTheProgramsInvokes() {
        String policy = attachedPolicy(DeployRolesTest.PREVIEW);
        platform.forEach((stack, plan) -> {
            var needed = invokeActions(plan);
            plan.ofType("pulumi:providers:aws").forEach(p -> needed.addAll(PlatformReads.OF_PROVIDER.get(p.type())));
            for (String action : needed) {
                assertTrue(IamPolicies.allows(policy, action, "*"), stack + ": the preview role may not " + action);
            }
        });
    }

    @Test
    void theProductionPreviewRoleMayRefreshEveryResourceOfTheStacks() {
        String policy = attachedPolicy(DeployRolesTest.PRODUCTION_PREVIEW);
        platform.forEach((stack, plan) -> {
            var needed = invokeActions(plan);
            resourceTypes(plan).forEach(t -> needed.addAll(PlatformReads.OF_RESOURCE_TYPE.getOrDefault(t,
                    PlatformReads.OF_PROVIDER.getOrDefault(t, List.of()))));
            for (String action : needed) {
                assertTrue(IamPolicies.allows(policy, action, "*"),
                        stack + ": the production-preview role may not " + action);
            }
        });
    }

    @Test
    void theReadOnlyRolesReadNoData() {
        for (String role : List.of(DeployRolesTest.PREVIEW, DeployRolesTest.PRODUCTION_PREVIEW)) {
            String policy = attachedPolicy(role);
            for (String data : DATA_READS) {
                assertFalse(IamPolicies.allows(policy, data, "*"), role + " may " + data);
                // A glob in the policy that covers a data read (logs:Get*, s3:Get*) counts as allowing it.
                for (String granted : IamPolicies.allowedActions(policy)) {
                    assertFalse(IamPolicies.actionGlobMatches(granted, data), role + ": " + granted + " reaches " + data);
                }
            }
            for (String granted : IamPolicies.allowedActions(policy)) {
                assertTrue(granted.matches("[a-z0-9-]+:(Describe|Get|List)[A-Za-z]+"),
                        role + ": " + granted + " is not one read action");
            }
        }
    }

    @Test
    void thePullRequestRoleIsNarrowerThanProductionPreview() {
        var pr = new TreeSet<>(IamPolicies.allowedActions(attachedPolicy(DeployRolesTest.PREVIEW)));
        var production = new TreeSet<>(IamPolicies.allowedActions(attachedPolicy(DeployRolesTest.PRODUCTION_PREVIEW)));
        assertTrue(production.containsAll(pr), "the pull request role may more than production-preview: " + pr);
        assertTrue(production.size() > pr.size(), "the pull request role may as much as production-preview");
        for (String refreshOnly : List.of("eks:DescribeCluster", "iam:GetRole", "kms:GetKeyPolicy",
                "ec2:DescribeVpcs")) {
            assertFalse(pr.contains(refreshOnly), "the pull request preview never refreshes, yet may " + refreshOnly);
        }
    }
}
