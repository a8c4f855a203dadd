package com.acme.platform.eks.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.acme.platform.eks.Stacks;
import com.acme.platform.eks.delivery.WorkflowChecks.Job;
import com.acme.platform.eks.delivery.WorkflowChecks.Workflow;
import com.acme.platform.eks.offline.PlannedResource;
import com.google.gson.JsonParser;

/**
 * The project's delivery policy ({@link WorkflowChecks}) on the committed workflows, and, to show each rule can fail,
 * on a table of small workflows that break it. zizmor and checkov (.ci/scan) check the generic rules.
 */
class WorkflowPolicyTest {

    private static List<Workflow> workflows;
    /** Per role variable, the OIDC subject its role trusts, read from the rendered bootstrap stacks. */
    private static Map<String, String> trusted;

    @BeforeAll
    static void load() throws IOException {
        assertTrue(Files.isDirectory(WorkflowChecks.WORKFLOW_DIR), "run from the project root");
        workflows = WorkflowChecks.loadAll();
        trusted = trustedSubjectsByVariable();
    }

    private static Workflow workflow(String file) {
        return workflows.stream().filter(w -> w.file().equals(file)).findFirst().orElseThrow(() -> new AssertionError(file));
    }

    private static Job job(String file, String name) {
        return Objects.requireNonNull(workflow(file).jobs().get(name), file + " has no job " + name);
    }

    private static List<String> violations(Workflow w) {
        List<String> violations = new ArrayList<>();
        WorkflowChecks.policies(trusted).values().forEach(policy -> violations.addAll(policy.apply(w)));
        return violations;
    }

    static Stream<String> policies() {
        return WorkflowChecks.policies(Map.of()).keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("policies")
    void everyWorkflowFollowsThePolicy(String policy) {
        List<String> violations = new ArrayList<>();
        workflows.forEach(w -> violations.addAll(WorkflowChecks.policies(trusted).get(policy).apply(w)));
        assertEquals(List.of(), violations, () -> String.join("\n", violations));
    }

    /** What the policies look at exists in the committed workflows, so no policy holds vacuously. */
    @Test
    void thePoliciesHaveSomethingToCheck() {
        assertTrue(workflows.stream().map(Workflow::file).toList().containsAll(
                List.of("ci.yml", "preview.yml", "deploy.yml", "drift.yml")));
        // YAML 1.1 reads the key `on` as true: the triggers are still found
        assertEquals(Set.of("pull_request"), workflow("preview.yml").triggers());
        assertEquals(Set.of("schedule", "workflow_dispatch"), workflow("drift.yml").triggers());
        Set<String> roleJobs = new TreeSet<>();
        workflows.forEach(w -> w.jobs().forEach((name, job) -> {
            if (!job.awsCredentials().isEmpty()) {
                roleJobs.add(w.file() + " " + name);
            }
        }));
        assertEquals(Set.of("deploy.yml deploy-dev", "deploy.yml deploy-prod", "deploy.yml preview-prod",
                "drift.yml drift-dev", "drift.yml drift-prod", "preview.yml preview"), roleJobs);
        Set<String> prodJobs = new TreeSet<>();
        workflows.forEach(w -> WorkflowChecks.prodJobs(w).forEach(name -> prodJobs.add(w.file() + " " + name)));
        assertEquals(Set.of("deploy.yml deploy-prod", "deploy.yml preview-prod", "drift.yml drift-prod"), prodJobs);
        assertTrue(job("deploy.yml", "deploy-prod").upsProd() && job("deploy.yml", "preview-prod").previewsProd());
        assertTrue(job("deploy.yml", "deploy-prod").needs().contains("preview-prod"));
        assertEquals(WorkflowChecks.PRODUCTION_PREVIEW, job("drift.yml", "drift-prod").environment(),
                "the scheduled prod drift check must not wait for the production approval");
        // Pull requests preview dev only; prod's pull request preview is offline (issue 16, DeliveryHardeningTest).
        assertEquals(List.of("PREVIEW_ROLE_ARN_DEV"), job("preview.yml", "preview")
                .roleVariables(job("preview.yml", "preview").awsCredentials().get(0)));
    }

    @Test
    void eachRoleTrustsOneSubjectOfItsAccountsBootstrapStack() {
        assertEquals(Set.of("pull_request", "ref:refs/heads/main", "environment:production",
                "environment:production-preview"), Set.copyOf(trusted.values()), trusted::toString);
    }

    /** docs/delivery.md's role table names the same variable for each role as the subject check uses. */
    @Test
    void theDocsMapTheSameVariablesToTheSameRoles() throws IOException {
        List<String> rows = Files.readAllLines(Path.of("docs", "delivery.md")).stream()
                .filter(l -> l.startsWith("| `eks-platform-github-")).toList();
        WorkflowChecks.ROLE_OF_VARIABLE.forEach((variable, role) -> assertTrue(rows.stream().anyMatch(
                row -> row.startsWith("| `" + role + "`") && row.contains("`" + variable + "`")),
                "docs/delivery.md has no row mapping " + variable + " to " + role));
    }

    /** The deploy jobs ask for the deploy role's whole session, and never run longer than it lasts. */
    @Test
    void deployJobsHoldCredentialsForAsLongAsTheyMayRun() {
        for (String name : List.of("deploy-dev", "deploy-prod")) {
            Job job = job("deploy.yml", name);
            assertEquals(1, job.awsCredentials().size(), name);
            int session = Integer.parseInt(job.awsCredentials().get(0).with().get("role-duration-seconds"));
            assertEquals(GithubDeployRoles.DEPLOY_SESSION_SECONDS, session, name + ": role-duration-seconds");
            int timeout = Integer.parseInt(job.timeoutMinutes());
            assertTrue(timeout * 60 <= session, name + ": runs up to " + timeout + " min with a " + session + " s session");
            assertTrue(timeout >= 180, name + ": a timeout kills pulumi up mid-flight; " + timeout + " min");
        }
    }

    /** Every pulumi/actions step runs the same, explicitly pinned CLI (the action's default is the latest 3.x). */
    @Test
    void everyPulumiStepPinsTheSameCliVersion() {
        Set<String> versions = new TreeSet<>();
        workflows.forEach(w -> w.jobs().values().forEach(job -> job.steps().stream()
                .filter(s -> s.uses(WorkflowChecks.PULUMI_ACTION))
                .forEach(s -> versions.add(s.with().getOrDefault("pulumi-version", "(none)")))));
        assertEquals(1, versions.size(), "one CLI version everywhere: " + versions);
        assertTrue(versions.iterator().next().matches("\\d+\\.\\d+\\.\\d+"), versions::toString);
    }

    private static final String AWS = "aws-actions/configure-aws-credentials@ec61189d14ec14c8efccab744f656cffd0e33f37";
    private static final String PULUMI = "pulumi/actions@8e5e406f4007fca908480587cb9893c07090f58d";
    private static final String RUNNER_CHECK = "{env: {PROD_RUNNER: '${{ vars.PROD_RUNNER }}', PROD_API_PUBLIC:"
            + " '${{ vars.PROD_API_PUBLIC }}'}, run: \"if [ -z \\\"$PROD_RUNNER\\\" ]; then\\n  exit 1\\nfi\\n"
            + "if ! command -v aws; then\\n  exit 1\\nfi\\n\"}";

    /** Small workflows (flow-style YAML; $AWS, $PULUMI, $CHECK stand for the actions and the prod runner check). */
    static Stream<Arguments> badWorkflows() {
        return Stream.of(
                bad("a literal role ARN", """
                        on: push
                        jobs:
                          a: {permissions: {id-token: write}, steps: [{uses: $AWS, with: {role-to-assume: 'arn:aws:iam::1:role/x'}}]}
                        """, "job a assumes 'arn:aws:iam::1:role/x', not a role from a repository variable"),
                bad("static AWS keys", """
                        on: push
                        jobs:
                          a: {permissions: {id-token: write}, steps: [{uses: $AWS, with: {aws-access-key-id: '${{ secrets.K }}'}}]}
                        """, "job a passes static AWS credentials (aws-access-key-id)"),
                bad("a matrix value that names no variable", """
                        on: push
                        jobs:
                          a: {permissions: {id-token: write}, strategy: {matrix: {include: [{stack: dev}]}},
                              steps: [{uses: $AWS, with: {role-to-assume: '${{ vars[matrix.role] }}'}}]}
                        """, "job a assumes '${{ vars[matrix.role] }}', not a role from a repository variable"),
                bad("a role variable no bootstrap stack fills", """
                        on: push
                        jobs:
                          a: {permissions: {id-token: write}, strategy: {matrix: {role: [SOME_OTHER_ROLE_ARN]}},
                              steps: [{uses: $AWS, with: {role-to-assume: '${{ vars[matrix.role] }}'}}]}
                        """, "job a assumes SOME_OTHER_ROLE_ARN, which names no role of its account's bootstrap stack"),
                bad("job-level permissions without id-token replace the workflow's", """
                        on: push
                        permissions: {id-token: write}
                        jobs:
                          a: {permissions: {contents: read}, steps: [{uses: $AWS, with: {role-to-assume: '${{ vars.DEPLOY_ROLE_ARN_DEV }}'}}]}
                        """, "job a assumes an AWS role but may not request an OIDC token"),
                bad("an environment on the dev deploy job changes its OIDC subject", """
                        on: push
                        jobs:
                          a: {environment: dev, permissions: {id-token: write},
                              steps: [{uses: $AWS, with: {role-to-assume: '${{ vars.DEPLOY_ROLE_ARN_DEV }}'}}]}
                        """, "job a gets the OIDC subject repo:<owner>/<repo>:environment:dev but the role in"
                        + " DEPLOY_ROLE_ARN_DEV trusts only repo:<owner>/<repo>:ref:refs/heads/main"),
                bad("a pull_request trigger on a workflow that assumes the dev deploy role", """
                        on: [push, pull_request]
                        jobs:
                          a: {permissions: {id-token: write}, steps: [{uses: $AWS, with: {role-to-assume: '${{ vars.DEPLOY_ROLE_ARN_DEV }}'}}]}
                        """, "job a gets the OIDC subject repo:<owner>/<repo>:pull_request but the role in DEPLOY_ROLE_ARN_DEV"),
                bad("pulumi up on prod outside production", """
                        on: push
                        jobs:
                          a: {environment: staging, steps: [{uses: $PULUMI, with: {command: up, stack-name: prod}}]}
                        """, "job a deploys (pulumi/actions up) a stack that may be prod outside the production environment"),
                bad("pulumi up in a script on a stack the script does not name", """
                        on: push
                        jobs:
                          a: {if: "github.ref == 'refs/heads/main'", steps: [{run: pulumi up --yes}]}
                        """, "job a deploys (run: pulumi up --yes) a stack that may be prod"),
                bad("pulumi destroy from a pull request", """
                        on: pull_request
                        jobs:
                          a: {steps: [{run: "cd infra && pulumi --non-interactive destroy --yes -s dev"}]}
                        """, "job a deploys (run: pulumi --non-interactive destroy --yes -s dev) outside the production"),
                bad("a prod up chained after a dev preview", """
                        on: push
                        jobs:
                          a: {if: "github.ref == 'refs/heads/main'", steps: [{run: "pulumi preview -s dev && pulumi up --yes -s prod"}]}
                        """, "job a deploys (run: pulumi up --yes -s prod) a stack that may be prod outside the production"),
                bad("pulumi refresh writes the state: no unguarded job may run it", """
                        on: push
                        jobs:
                          a: {steps: [{uses: $PULUMI, with: {command: refresh, stack-name: dev}}]}
                        """, "job a deploys (pulumi/actions refresh) outside the production environment and without if"),
                bad("the prod deploy role outside production", """
                        on: push
                        jobs:
                          a: {permissions: {id-token: write}, steps: [{uses: $AWS, with: {role-to-assume: '${{ vars.DEPLOY_ROLE_ARN_PROD }}'}}]}
                        """, "job a assumes the prod deploy role but is not a pulumi up on prod in the production environment"),
                bad("the prod deploy role for a drift check", """
                        on: schedule
                        jobs:
                          a: {environment: production, permissions: {id-token: write}, steps: [
                              {uses: $AWS, with: {role-to-assume: '${{ vars.DEPLOY_ROLE_ARN_PROD }}'}},
                              {uses: $PULUMI, with: {command: preview, stack-name: prod}}]}
                        """, "job a assumes the prod deploy role but is not a pulumi up on prod"),
                bad("the production-preview role outside its environment", """
                        on: push
                        jobs:
                          a: {permissions: {id-token: write}, steps: [{uses: $AWS, with: {role-to-assume: '${{ vars.PRODUCTION_PREVIEW_ROLE_ARN }}'}}]}
                        """, "job a assumes the production-preview role outside the production-preview environment"),
                bad("an up in production-preview, which has no reviewers", """
                        on: push
                        jobs:
                          a: {environment: production-preview, steps: [{uses: $PULUMI, with: {command: up, stack-name: prod}}]}
                        """, "job a deploys in the production-preview environment, which has no reviewers"),
                bad("a prod up whose preview before approval holds the deploy role", """
                        on: push
                        jobs:
                          p: {environment: production, permissions: {id-token: write}, steps: [
                              {uses: $AWS, with: {role-to-assume: '${{ vars.DEPLOY_ROLE_ARN_PROD }}'}},
                              {uses: $PULUMI, with: {command: preview, stack-name: prod}}]}
                          d: {needs: p, environment: production, concurrency: {group: pulumi-prod, cancel-in-progress: false},
                              steps: [{uses: $PULUMI, with: {command: up, stack-name: prod}}]}
                        """, "job d runs pulumi up on prod but needs no job that previews prod in the production-preview"),
                bad("a workflow-level group that cancels a running up", """
                        on: push
                        concurrency: {group: deploy, cancel-in-progress: true}
                        jobs:
                          a: {if: "github.ref == 'refs/heads/main'", steps: [{uses: $PULUMI, with: {command: up, stack-name: dev}}]}
                        """, "job a runs pulumi up on dev under a workflow-level concurrency group that may cancel it"),
                bad("an up without a concurrency group", """
                        on: push
                        jobs:
                          a: {if: "github.ref == 'refs/heads/main'", steps: [{uses: $PULUMI, with: {command: up, stack-name: dev}}]}
                        """, "job a runs pulumi up on dev without a concurrency group with cancel-in-progress: false"),
                bad("a concurrency group shared by the stacks", """
                        on: push
                        jobs:
                          a: {if: "github.ref == 'refs/heads/main'", concurrency: pulumi,
                              steps: [{uses: $PULUMI, with: {command: up, stack-name: dev}}]}
                        """, "job a runs pulumi up on dev but its concurrency group 'pulumi' is not per stack"),
                bad("a cloud preview for fork pull requests, without comment and with broad permissions", """
                        on: pull_request
                        jobs:
                          a: {permissions: {contents: write, id-token: write, pull-requests: write}, steps: [
                              {uses: $AWS, with: {role-to-assume: '${{ vars.PREVIEW_ROLE_ARN_DEV }}'}},
                              {uses: $PULUMI, with: {command: preview, stack-name: dev}}]}
                        """, "job a assumes a role but is not skipped for fork pull requests"),
                bad("no offline fallback for fork pull requests", """
                        on: pull_request
                        jobs:
                          a: {if: "github.event.pull_request.head.repo.full_name == github.repository", steps: [
                              {uses: $AWS, with: {role-to-assume: '${{ vars.PREVIEW_ROLE_ARN_DEV }}'}}]}
                        """, "no job for fork pull requests"),
                bad("a preview without a comment on the pull request", """
                        on: pull_request
                        jobs:
                          a: {permissions: {contents: read}, steps: [{uses: $PULUMI, with: {command: preview, stack-name: dev}}]}
                        """, "job a runs pulumi preview without comment-on-pr: true"),
                bad("a preview with more permissions than it needs", """
                        on: pull_request
                        jobs:
                          a: {permissions: write-all, steps: [{uses: $PULUMI, with: {command: preview, stack-name: dev, comment-on-pr: true}}]}
                        """, "job a has permissions {*=write}, expected exactly"),
                bad("a prod job off prod's runner", """
                        on: push
                        jobs:
                          a: {runs-on: [self-hosted, prod-vpc], environment: production, steps: [$CHECK]}
                        """, "job a acts on prod but does not run on vars.PROD_RUNNER"),
                bad("a prod job (by its stack) without the runner check", """
                        on: push
                        jobs:
                          a: {runs-on: "${{ vars.PROD_RUNNER || 'ubuntu-latest' }}", steps: [{uses: $PULUMI, with: {command: preview, stack-name: prod}}]}
                        """, "job a's first step does not get vars.PROD_RUNNER and vars.PROD_API_PUBLIC in its env"),
                bad("a runner check that only warns", """
                        on: push
                        jobs:
                          a: {runs-on: "${{ vars.PROD_RUNNER }}", environment: production,
                              steps: [{env: {PROD_RUNNER: '${{ vars.PROD_RUNNER }}', PROD_API_PUBLIC: '${{ vars.PROD_API_PUBLIC }}'},
                                       run: "if [ -z \\"$PROD_RUNNER\\" ]; then\\n  echo none\\nfi\\n"}]}
                        """, "job a's first step does not exit 1 without PROD_RUNNER or PROD_API_PUBLIC"),
                bad("allowed: a main-only dev up in its own group, a preview --refresh, a checked prod job", """
                        on: push
                        jobs:
                          a: {if: "github.ref == 'refs/heads/main'", concurrency: {group: pulumi-dev, cancel-in-progress: false},
                              steps: [{uses: $PULUMI, with: {command: up, stack-name: dev}}, {run: pulumi preview --refresh -s dev}]}
                          b: {runs-on: "${{ vars.PROD_RUNNER }}", environment: production-preview, steps: [$CHECK]}
                        """, null));
    }

    private static Arguments bad(String what, String yaml, String expected) {
        return Arguments.of(what, yaml.replace("$AWS", AWS).replace("$PULUMI", PULUMI).replace("$CHECK", RUNNER_CHECK),
                expected);
    }

    /** Each row breaks one rule and the policies report it ({@code null}: a row the policies must accept). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("badWorkflows")
    void aWorkflowThatBreaksAPolicyIsReported(String what, String yaml, String expected) {
        List<String> violations = violations(WorkflowChecks.parse("bad.yml", yaml));
        if (expected == null) {
            assertEquals(List.of(), violations);
        } else {
            assertTrue(violations.stream().anyMatch(v -> v.contains(expected)),
                    () -> "expected a violation containing '" + expected + "', got " + violations);
        }
    }

    /**
     * Per role variable, the subject its role trusts, read from the bootstrap stack of the variable's account: a
     * variable whose role that account does not build fails here rather than at STS.
     */
    private static Map<String, String> trustedSubjectsByVariable() {
        String repository = "octo-org/deploy-target";
        assertEquals(Set.copyOf(WorkflowChecks.BOOTSTRAP_STACK_OF_VARIABLE.values()),
                Set.copyOf(Stacks.all().stream().filter(Stacks::deliveryBootstrap).toList()));
        assertEquals(WorkflowChecks.ROLE_OF_VARIABLE.keySet(), WorkflowChecks.BOOTSTRAP_STACK_OF_VARIABLE.keySet());
        Map<String, Map<String, String>> subjectOfRoleByStack = new HashMap<>();
        for (String stack : Set.copyOf(WorkflowChecks.BOOTSTRAP_STACK_OF_VARIABLE.values())) {
            Map<String, String> subjectOfRole = new HashMap<>();
            for (PlannedResource role : Stacks.plan(stack, Map.of("githubRepository", repository)).ofType("aws:iam/role:Role")) {
                String sub = JsonParser.parseString(role.string("assumeRolePolicy")).getAsJsonObject()
                        .getAsJsonArray("Statement").get(0).getAsJsonObject().getAsJsonObject("Condition")
                        .getAsJsonObject("StringEquals").get("token.actions.githubusercontent.com:sub").getAsString();
                assertTrue(sub.startsWith("repo:" + repository + ":"), sub);
                subjectOfRole.put(role.string("name"), sub.substring(("repo:" + repository + ":").length()));
            }
            subjectOfRoleByStack.put(stack, subjectOfRole);
        }
        Map<String, String> subjects = new TreeMap<>();
        WorkflowChecks.ROLE_OF_VARIABLE.forEach((variable, role) -> {
            String stack = WorkflowChecks.BOOTSTRAP_STACK_OF_VARIABLE.get(variable);
            subjects.put(variable, Objects.requireNonNull(subjectOfRoleByStack.get(stack).get(role),
                    "the bootstrap stack " + stack + ", whose account " + variable + " is taken from, has no role " + role));
        });
        return subjects;
    }
}
