package com.acme.platform.eks.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.acme.platform.eks.Stacks;
import com.acme.platform.eks.delivery.WorkflowChecks.Workflow;
import com.acme.platform.eks.render.Plan;
import com.acme.platform.eks.render.PlannedResource;
import com.google.gson.JsonParser;

/**
 * The delivery policies, enforced on the committed workflows under .github/workflows. Each policy
 * is also run on a small bad workflow, to prove that its check can fail.
 */
class WorkflowPolicyTest {

    private static List<Workflow> workflows;

    @BeforeAll
    static void loadWorkflows() throws IOException {
        assertTrue(Files.isDirectory(WorkflowChecks.WORKFLOW_DIR),
                "run from the project root: " + WorkflowChecks.WORKFLOW_DIR.toAbsolutePath() + " is missing");
        workflows = WorkflowChecks.loadAll();
    }

    private static Workflow workflow(String file) {
        return workflows.stream().filter(w -> w.file().equals(file)).findFirst()
                .orElseThrow(() -> new AssertionError(file + " is missing from " + WorkflowChecks.WORKFLOW_DIR));
    }

    private static List<String> onAll(Function<Workflow, List<String>> check) {
        List<String> violations = new ArrayList<>();
        workflows.forEach(w -> violations.addAll(check.apply(w)));
        return violations;
    }

    private static void assertNone(List<String> violations) {
        assertEquals(List.of(), violations, () -> String.join("\n", violations));
    }

    @Test
    void theFourWorkflowsExist() {
        Set<String> files = workflows.stream().map(Workflow::file).collect(Collectors.toSet());
        assertTrue(files.containsAll(Set.of("ci.yml", "preview.yml", "deploy.yml", "drift.yml")), files::toString);
    }

    @Test
    void theKeyOnIsReadDespiteYaml11Booleans() {
        assertEquals(Set.of("pull_request"), WorkflowChecks.triggers(workflow("preview.yml")));
        assertEquals(Set.of("schedule", "workflow_dispatch"), WorkflowChecks.triggers(workflow("drift.yml")));
        assertTrue(WorkflowChecks.triggers(workflow("ci.yml")).containsAll(Set.of("push", "pull_request")));
    }

    @Test
    void everyJobThatAssumesARoleMayRequestAnIdToken() {
        assertNone(onAll(WorkflowChecks::jobsAssumingARoleWithoutIdToken));
        assertTrue(WorkflowChecks.jobs(workflow("deploy.yml")).values().stream().anyMatch(WorkflowChecks::assumesRole),
                "deploy.yml assumes no role: the policy would hold vacuously");
    }

    @Test
    void prodDeployRunsInTheProductionEnvironment() {
        assertNone(onAll(WorkflowChecks::prodDeploysOutsideProduction));
        assertTrue(WorkflowChecks.jobs(workflow("deploy.yml")).values().stream()
                        .anyMatch(job -> WorkflowChecks.pulumiSteps(job, "up").stream()
                                .anyMatch(s -> "prod".equals(WorkflowChecks.stackName(s)))),
                "deploy.yml has no job that runs pulumi up on prod");
    }

    @Test
    void prodIsPreviewedBeforeApprovalWithTheProductionPreviewRole() {
        assertNone(onAll(WorkflowChecks::prodUpsWithoutAPreviewBeforeApproval));
        var deploy = WorkflowChecks.jobs(workflow("deploy.yml"));
        var previewProd = deploy.get("preview-prod");
        assertEquals(WorkflowChecks.PRODUCTION_PREVIEW, WorkflowChecks.environmentName(previewProd));
        assertTrue(WorkflowChecks.assumesRole(previewProd, WorkflowChecks.PRODUCTION_PREVIEW_ROLE));
        assertFalse(WorkflowChecks.assumesRole(previewProd, WorkflowChecks.PROD_DEPLOY_ROLE),
                "the preview before approval must never hold the prod deploy role");
        assertTrue(WorkflowChecks.needs(deploy.get("deploy-prod")).contains("preview-prod"));
    }

    @Test
    void theProductionPreviewRoleIsUsedOnlyInTheProductionPreviewEnvironment() {
        assertNone(onAll(WorkflowChecks::productionPreviewMisused));
        for (String file : List.of("deploy.yml", "drift.yml")) {
            assertTrue(WorkflowChecks.jobs(workflow(file)).values().stream()
                            .anyMatch(job -> WorkflowChecks.assumesRole(job, WorkflowChecks.PRODUCTION_PREVIEW_ROLE)),
                    file + " never uses the production-preview role: the policy would hold vacuously");
        }
    }

    @Test
    void theProdDeployRoleIsUsedOnlyToDeployProd() {
        assertNone(onAll(WorkflowChecks::prodDeployRoleUsedWithoutAProdUp));
        var driftProd = WorkflowChecks.jobs(workflow("drift.yml")).get("drift-prod");
        assertEquals(WorkflowChecks.PRODUCTION_PREVIEW, WorkflowChecks.environmentName(driftProd),
                "the scheduled prod drift check must not wait for the production approval");
    }

    @Test
    void noWorkflowUsesPullRequestTarget() {
        assertNone(onAll(WorkflowChecks::pullRequestTargetTriggers));
    }

    @Test
    void everyThirdPartyActionIsPinnedToACommitSha() {
        assertNone(onAll(WorkflowChecks::actionsNotPinnedToACommitSha));
        assertFalse(WorkflowChecks.allUses(workflow("ci.yml")).isEmpty());
    }

    @Test
    void noStepEchoesASecret() {
        assertNone(onAll(WorkflowChecks::stepsEchoingASecret));
    }

    @Test
    void forkPullRequestsFallBackToTheOfflineRender() {
        assertNone(onAll(WorkflowChecks::forkPullRequestsWithoutOfflineFallback));
        assertTrue(WorkflowChecks.jobs(workflow("preview.yml")).values().stream().anyMatch(WorkflowChecks::assumesRole),
                "preview.yml assumes no role: the fork policy would hold vacuously");
    }

    @Test
    void deployConcurrencyNeverCancelsARunningUp() {
        assertNone(onAll(WorkflowChecks::deploysThatMayBeCancelled));
    }

    @Test
    void previewCommentsOnThePullRequestWithLeastPermissions() {
        assertNone(onAll(WorkflowChecks::previewsWithoutCommentOrLeastPermissions));
        assertTrue(WorkflowChecks.jobs(workflow("preview.yml")).values().stream()
                        .anyMatch(job -> !WorkflowChecks.pulumiSteps(job, "preview").isEmpty()),
                "preview.yml runs no pulumi preview");
    }

    @Test
    void everyWorkflowHasReadOnlyTopLevelPermissions() {
        assertNone(onAll(WorkflowChecks::topLevelPermissionsThatAreNotReadOnly));
    }

    @Test
    void noWorkflowHandsOutTheWholeSecretsContext() {
        assertNone(onAll(WorkflowChecks::wholeSecretsContext));
    }

    @Test
    void pulumiUpAndDestroyRunOnlyFromMainOrInProduction() {
        assertNone(onAll(WorkflowChecks::deploysOutsideMainOrProduction));
    }

    @Test
    void rolesComeFromRepositoryVariablesNeverLiteralsOrKeys() {
        assertNone(onAll(WorkflowChecks::rolesNotFromRepositoryVariables));
    }

    /**
     * The subject each role-assuming job will present is the one the role (as the bootstrap stack of its account
     * registers it) trusts: read from the rendered trust policies, not restated here.
     */
    @Test
    void everyJobPresentsTheOidcSubjectItsRoleTrusts() {
        Map<String, String> trusted = trustedSubjectsByVariable();
        assertEquals(Set.of("pull_request", "ref:refs/heads/main", "environment:production",
                "environment:production-preview"), Set.copyOf(trusted.values()), trusted::toString);
        assertNone(onAll(w -> WorkflowChecks.subjectsTheRolesDoNotTrust(w, trusted)));
        long checkedJobs = workflows.stream().flatMap(w -> WorkflowChecks.jobs(w).values().stream())
                .filter(WorkflowChecks::assumesRole).count();
        assertEquals(6, checkedJobs, "role-assuming jobs: preview, deploy-dev, preview-prod, deploy-prod, drift-dev,"
                + " drift-prod");
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
        var deploy = WorkflowChecks.jobs(workflow("deploy.yml"));
        for (String name : List.of("deploy-dev", "deploy-prod")) {
            var job = deploy.get(name);
            var credentials = WorkflowChecks.steps(job).stream()
                    .filter(st -> WorkflowChecks.usesAction(st, WorkflowChecks.AWS_CREDENTIALS_ACTION)).toList();
            assertEquals(1, credentials.size(), name);
            int session = Integer.parseInt(WorkflowChecks.str(WorkflowChecks.with(credentials.get(0))
                    .get("role-duration-seconds")));
            assertEquals(GithubDeployRoles.DEPLOY_SESSION_SECONDS, session, name + ": role-duration-seconds");
            int timeout = Integer.parseInt(WorkflowChecks.str(job.get("timeout-minutes")));
            assertTrue(timeout * 60 <= session, name + ": runs up to " + timeout + " min with a " + session + " s session");
            assertTrue(timeout >= 180, name + ": a timeout kills pulumi up mid-flight; " + timeout + " min");
        }
    }

    /** Every pulumi/actions step runs the same, explicitly pinned CLI (the action's default is the latest 3.x). */
    @Test
    void everyPulumiStepPinsTheSameCliVersion() {
        Set<String> versions = new java.util.TreeSet<>();
        workflows.forEach(w -> WorkflowChecks.jobs(w).forEach((name, job) -> WorkflowChecks.steps(job).stream()
                .filter(st -> WorkflowChecks.usesAction(st, WorkflowChecks.PULUMI_ACTION))
                .forEach(st -> {
                    String version = WorkflowChecks.str(WorkflowChecks.with(st).get("pulumi-version"));
                    assertTrue(version.matches("\\d+\\.\\d+\\.\\d+"), w + " job " + name + ": pulumi-version '"
                            + version + "' is not an exact version");
                    versions.add(version);
                })));
        assertEquals(1, versions.size(), "one CLI version everywhere: " + versions);
    }

    /**
     * The jobs that act on prod (a pulumi step on prod, or the production or production-preview environment) run on
     * prod's runner, and fail early, and clearly, when nothing can reach prod's private endpoint.
     */
    @Test
    void prodJobsCheckFirstThatTheirRunnerReachesProd() {
        Set<String> prodJobs = new java.util.TreeSet<>();
        workflows.forEach(w -> WorkflowChecks.prodJobs(w).forEach(name -> prodJobs.add(w.file() + " " + name)));
        assertEquals(Set.of("deploy.yml preview-prod", "deploy.yml deploy-prod", "drift.yml drift-prod"), prodJobs);
        assertNone(onAll(WorkflowChecks::prodJobsWithoutTheRunnerCheck));
    }

    /**
     * Per role variable, the subject its role trusts, read from the bootstrap stack of the variable's account: a
     * variable whose role that account does not build (a pull request preview role in prod's account, say) fails
     * here rather than at STS.
     */
    private static Map<String, String> trustedSubjectsByVariable() {
        String repository = "octo-org/deploy-target";
        assertEquals(Set.copyOf(WorkflowChecks.BOOTSTRAP_STACK_OF_VARIABLE.values()),
                Set.copyOf(Stacks.all().stream().filter(Stacks::deliveryBootstrap).toList()),
                "the role variables are taken from exactly the repository's bootstrap stacks");
        Map<String, Map<String, String>> subjectOfRoleByStack = new java.util.HashMap<>();
        for (String stack : Set.copyOf(WorkflowChecks.BOOTSTRAP_STACK_OF_VARIABLE.values())) {
            Plan bootstrap = Stacks.plan(stack, Map.of("githubRepository", repository));
            Map<String, String> subjectOfRole = new java.util.HashMap<>();
            for (PlannedResource role : bootstrap.ofType("aws:iam/role:Role")) {
                String sub = JsonParser.parseString(role.string("assumeRolePolicy")).getAsJsonObject()
                        .getAsJsonArray("Statement").get(0).getAsJsonObject()
                        .getAsJsonObject("Condition").getAsJsonObject("StringEquals")
                        .get("token.actions.githubusercontent.com:sub").getAsString();
                assertTrue(sub.startsWith("repo:" + repository + ":"), sub);
                subjectOfRole.put(role.string("name"), sub.substring(("repo:" + repository + ":").length()));
            }
            subjectOfRoleByStack.put(stack, subjectOfRole);
        }
        assertEquals(WorkflowChecks.ROLE_OF_VARIABLE.keySet(), WorkflowChecks.BOOTSTRAP_STACK_OF_VARIABLE.keySet());
        Map<String, String> trusted = new java.util.TreeMap<>();
        WorkflowChecks.ROLE_OF_VARIABLE.forEach((variable, role) -> {
            String stack = WorkflowChecks.BOOTSTRAP_STACK_OF_VARIABLE.get(variable);
            trusted.put(variable, java.util.Objects.requireNonNull(subjectOfRoleByStack.get(stack).get(role),
                    "the bootstrap stack " + stack + ", whose account " + variable + " is taken from, has no role "
                            + role));
        });
        return trusted;
    }

    /** Each policy's check, fed a small workflow that breaks it, reports the violation. */
    @Nested
    class TheChecksCanFail {

        private static final String AWS = "aws-actions/configure-aws-credentials@ec61189d14ec14c8efccab744f656cffd0e33f37 # v6.1.0";
        private static final String PULUMI = "pulumi/actions@8e5e406f4007fca908480587cb9893c07090f58d # v7.0.0";

        private Workflow bad(String yaml) {
            return WorkflowChecks.parse("bad.yml", yaml);
        }

        private void assertReports(List<String> violations, String expected) {
            assertFalse(violations.isEmpty(), "the check reported nothing");
            assertTrue(violations.stream().anyMatch(v -> v.contains(expected)),
                    () -> "expected a violation mentioning '" + expected + "', got " + violations);
        }

        @Test
        void aProdJobOffProdsRunnerOrWithoutTheRunnerCheckIsReported() {
            // deploy-prod is a prod job by its environment, drift-prod by its stack; neither is selected by runs-on
            Workflow w = bad("""
                    on: push
                    jobs:
                      deploy-dev:
                        runs-on: ubuntu-latest
                        steps:
                          - uses: %1$s
                            with:
                              command: up
                              stack-name: dev
                      deploy-prod:
                        runs-on: [self-hosted, prod-vpc]
                        environment: production
                        steps:
                          - name: Check that this runner can reach prod's API endpoint
                            env:
                              PROD_RUNNER: ${{ vars.PROD_RUNNER }}
                              PROD_API_PUBLIC: ${{ vars.PROD_API_PUBLIC }}
                            run: |
                              if [ -z "$PROD_RUNNER" ] && [ "$PROD_API_PUBLIC" != "true" ]; then
                                echo "::error::no runner for prod"
                              fi
                              if ! command -v aws >/dev/null; then
                                echo "::error::no AWS CLI"
                                exit 1
                              fi
                      drift-prod:
                        runs-on: ${{ vars.PROD_RUNNER || 'ubuntu-latest' }}
                        steps:
                          - uses: %1$s
                            with:
                              command: preview
                              stack-name: prod
                    """.formatted(PULUMI));
            assertEquals(Set.of("deploy-prod", "drift-prod"), WorkflowChecks.prodJobs(w));
            List<String> violations = WorkflowChecks.prodJobsWithoutTheRunnerCheck(w);
            assertReports(violations, "job deploy-prod acts on prod but does not run on vars.PROD_RUNNER");
            assertReports(violations, "job deploy-prod's first step does not exit 1 without PROD_RUNNER");
            assertReports(violations, "job drift-prod's first step does not get vars.PROD_RUNNER");
            assertReports(violations, "job drift-prod's first step does not exit 1 without the AWS CLI");
            assertFalse(violations.stream().anyMatch(v -> v.contains("deploy-dev")), violations::toString);
        }

        @Test
        void aRoleWithoutIdTokenIsReported() {
            // job-level permissions replace the workflow's: the workflow's id-token does not reach the job
            Workflow w = bad("""
                    on: push
                    permissions:
                      id-token: write
                    jobs:
                      deploy:
                        runs-on: ubuntu-latest
                        permissions:
                          contents: read
                        steps:
                          - uses: %s
                            with:
                              role-to-assume: arn
                    """.formatted(AWS));
            assertReports(WorkflowChecks.jobsAssumingARoleWithoutIdToken(w), "job deploy assumes an AWS role");
        }

        @Test
        void aProdUpOutsideProductionIsReported() {
            Workflow w = bad("""
                    on: push
                    jobs:
                      deploy-prod:
                        runs-on: ubuntu-latest
                        environment: staging
                        steps:
                          - uses: %s
                            with:
                              command: up
                              stack-name: prod
                    """.formatted(PULUMI));
            assertReports(WorkflowChecks.prodDeploysOutsideProduction(w), "runs pulumi up on prod");
        }

        @Test
        void theProdDeployRoleOutsideProductionIsReported() {
            Workflow w = bad("""
                    on: push
                    jobs:
                      sneaky:
                        runs-on: ubuntu-latest
                        steps:
                          - uses: %s
                            with:
                              role-to-assume: ${{ vars.DEPLOY_ROLE_ARN_PROD }}
                    """.formatted(AWS));
            assertReports(WorkflowChecks.prodDeploysOutsideProduction(w), "assumes the prod deploy role");
        }

        @Test
        void aProdUpWithoutAPreviewBeforeApprovalIsReported() {
            // the preview before approval runs with the prod deploy role, outside production-preview
            Workflow w = bad("""
                    on: push
                    jobs:
                      preview-prod:
                        runs-on: ubuntu-latest
                        environment: production
                        steps:
                          - uses: %1$s
                            with:
                              role-to-assume: ${{ vars.DEPLOY_ROLE_ARN_PROD }}
                          - uses: %2$s
                            with:
                              command: preview
                              stack-name: prod
                      deploy-prod:
                        needs: preview-prod
                        runs-on: ubuntu-latest
                        environment: production
                        steps:
                          - uses: %2$s
                            with:
                              command: up
                              stack-name: prod
                    """.formatted(AWS, PULUMI));
            assertReports(WorkflowChecks.prodUpsWithoutAPreviewBeforeApproval(w),
                    "job deploy-prod runs pulumi up on prod but needs no job that previews prod");
        }

        @Test
        void theProductionPreviewRoleOrEnvironmentMisusedIsReported() {
            Workflow w = bad("""
                    on: push
                    jobs:
                      drift-prod:
                        runs-on: ubuntu-latest
                        steps:
                          - uses: %1$s
                            with:
                              role-to-assume: ${{ vars.PRODUCTION_PREVIEW_ROLE_ARN }}
                      unreviewed-up:
                        runs-on: ubuntu-latest
                        environment: production-preview
                        steps:
                          - uses: %1$s
                            with:
                              role-to-assume: ${{ vars.DEPLOY_ROLE_ARN_PROD }}
                          - uses: %2$s
                            with:
                              command: up
                              stack-name: prod
                    """.formatted(AWS, PULUMI));
            List<String> violations = WorkflowChecks.productionPreviewMisused(w);
            assertReports(violations, "job drift-prod assumes the production-preview role but is not bound");
            assertReports(violations, "job unreviewed-up assumes the prod deploy role in the production-preview");
            assertReports(violations, "job unreviewed-up runs pulumi up in the production-preview");
        }

        @Test
        void theProdDeployRoleUsedForADriftCheckIsReported() {
            Workflow w = bad("""
                    on: schedule
                    jobs:
                      drift-prod:
                        runs-on: ubuntu-latest
                        environment: production
                        steps:
                          - uses: %1$s
                            with:
                              role-to-assume: ${{ vars.DEPLOY_ROLE_ARN_PROD }}
                          - uses: %2$s
                            with:
                              command: preview
                              stack-name: prod
                    """.formatted(AWS, PULUMI));
            assertReports(WorkflowChecks.prodDeployRoleUsedWithoutAProdUp(w),
                    "job drift-prod assumes the prod deploy role but runs no pulumi up on prod");
        }

        @Test
        void pullRequestTargetIsReported() {
            assertReports(WorkflowChecks.pullRequestTargetTriggers(bad("""
                    on: [push, pull_request_target]
                    jobs: {}
                    """)), "pull_request_target");
            assertReports(WorkflowChecks.pullRequestTargetTriggers(bad("""
                    on:
                      pull_request_target:
                        types: [opened]
                    jobs: {}
                    """)), "pull_request_target");
        }

        @Test
        void unpinnedActionsAreReported() {
            Workflow w = bad("""
                    on: push
                    jobs:
                      a:
                        runs-on: ubuntu-latest
                        steps:
                          - uses: actions/checkout@v4
                          - uses: actions/setup-java@c5195efecf7bdfc987ee8bae7a71cb8b11521c00
                          - uses: ./.github/actions/local
                    """);
            List<String> violations = WorkflowChecks.actionsNotPinnedToACommitSha(w);
            assertReports(violations, "actions/checkout@v4 is not pinned");
            assertReports(violations, "has no trailing version comment");
            assertEquals(2, violations.size(), violations::toString);
        }

        @Test
        void echoedSecretsAreReported() {
            Workflow w = bad("""
                    on: push
                    jobs:
                      a:
                        runs-on: ubuntu-latest
                        env:
                          TOKEN: ${{ secrets.PULUMI_ACCESS_TOKEN }}
                        steps:
                          - name: direct
                            run: echo "${{ secrets.AWS_KEY }}"
                          - name: through env
                            run: printf '%s' "$TOKEN"
                          - name: to the summary
                            run: |
                              value=${{ secrets.OTHER }}
                              cat <<< "$value" >> "$GITHUB_STEP_SUMMARY"
                          - name: harmless
                            run: echo "token is set"
                    """);
            List<String> violations = WorkflowChecks.stepsEchoingASecret(w);
            assertReports(violations, "(direct) echoes a secret");
            assertReports(violations, "(through env) echoes a secret");
            assertReports(violations, "(to the summary) references a secret and writes to GITHUB_STEP_SUMMARY");
            assertTrue(violations.stream().noneMatch(v -> v.contains("harmless")), violations::toString);
        }

        @Test
        void aCloudPreviewWithoutForkFallbackIsReported() {
            Workflow w = bad("""
                    on: pull_request
                    jobs:
                      preview:
                        runs-on: ubuntu-latest
                        permissions:
                          id-token: write
                        steps:
                          - uses: %s
                    """.formatted(AWS));
            List<String> violations = WorkflowChecks.forkPullRequestsWithoutOfflineFallback(w);
            assertReports(violations, "is not skipped for fork pull requests");
            assertReports(violations, "no job for fork pull requests");
        }

        @Test
        void aCancellableUpIsReported() {
            Workflow w = bad("""
                    on: push
                    concurrency:
                      group: deploy
                      cancel-in-progress: true
                    jobs:
                      up-dev:
                        runs-on: ubuntu-latest
                        steps:
                          - uses: %1$s
                            with:
                              command: up
                              stack-name: dev
                      up-prod:
                        runs-on: ubuntu-latest
                        concurrency: shared
                        steps:
                          - uses: %1$s
                            with:
                              command: up
                              stack-name: prod
                    """.formatted(PULUMI));
            List<String> violations = WorkflowChecks.deploysThatMayBeCancelled(w);
            assertReports(violations, "workflow-level concurrency may cancel job up-dev");
            assertReports(violations, "job up-dev runs pulumi up in a concurrency group without cancel-in-progress: false");
            assertReports(violations, "job up-prod runs pulumi up without a concurrency group");
        }

        @Test
        void aGroupSharedByStacksIsReported() {
            Workflow w = bad("""
                    on: push
                    jobs:
                      up-prod:
                        runs-on: ubuntu-latest
                        concurrency:
                          group: pulumi
                          cancel-in-progress: false
                        steps:
                          - uses: %s
                            with:
                              command: up
                              stack-name: prod
                    """.formatted(PULUMI));
            assertReports(WorkflowChecks.deploysThatMayBeCancelled(w), "is not per stack");
        }

        @Test
        void aPreviewWithoutCommentOrWithBroadPermissionsIsReported() {
            Workflow w = bad("""
                    on: pull_request
                    permissions: write-all
                    jobs:
                      preview:
                        runs-on: ubuntu-latest
                        permissions:
                          contents: write
                          id-token: write
                          pull-requests: write
                        steps:
                          - uses: %s
                            with:
                              command: preview
                              stack-name: dev
                    """.formatted(PULUMI));
            List<String> violations = WorkflowChecks.previewsWithoutCommentOrLeastPermissions(w);
            assertReports(violations, "top-level permissions must be declared and read-only");
            assertReports(violations, "without comment-on-pr: true");
            assertReports(violations, "expected exactly");
        }

        @Test
        void theWholeSecretsContextIsReported() {
            Workflow w = bad("""
                    on: push
                    jobs:
                      a:
                        runs-on: ubuntu-latest
                        steps:
                          - name: dump
                            env:
                              ALL: ${{ toJSON(secrets) }}
                            run: echo ok
                          - run: echo "${{ secrets }}"
                          - name: fine
                            env:
                              ONE: ${{ secrets.PULUMI_ACCESS_TOKEN }}
                              OTHER: ${{ secrets['OTHER'] }}
                            run: echo ok
                      b:
                        uses: ./.github/workflows/reusable.yml
                        secrets: inherit
                    """);
            List<String> violations = WorkflowChecks.wholeSecretsContext(w);
            assertReports(violations, "/env/ALL uses the whole secrets context: ${{ toJSON(secrets) }}");
            assertReports(violations, "/run uses the whole secrets context");
            assertReports(violations, "job b passes every secret");
            assertEquals(3, violations.size(), violations::toString);
        }

        @Test
        void aDockerActionWithoutDigestIsReported() {
            Workflow w = bad("""
                    on: push
                    jobs:
                      a:
                        runs-on: ubuntu-latest
                        steps:
                          - uses: docker://alpine:3.20
                          - uses: docker://alpine@sha256:%s
                    """.formatted("0123456789abcdef".repeat(4)));
            List<String> violations = WorkflowChecks.actionsNotPinnedToACommitSha(w);
            assertReports(violations, "docker://alpine:3.20 is not pinned by digest");
            assertEquals(1, violations.size(), violations::toString);
        }

        @Test
        void pulumiUpOrDestroyInARunStepOutsideMainOrProductionIsReported() {
            Workflow pr = bad("""
                    on: pull_request
                    jobs:
                      sneaky:
                        runs-on: ubuntu-latest
                        steps:
                          - run: pulumi destroy --yes -s dev
                          - run: |
                              cd infra && pulumi --non-interactive up --yes --stack=prod
                          - run: pulumi refresh --yes --stack dev
                          - run: pulumi preview --refresh --stack dev --diff
                    """);
            List<String> violations = WorkflowChecks.deploysOutsideMainOrProduction(pr);
            assertReports(violations, "job sneaky deploys (run: pulumi destroy --yes -s dev) outside the production");
            assertReports(violations, "(run: cd infra && pulumi --non-interactive up --yes --stack=prod) a stack that may"
                    + " be prod outside the production environment");
            assertReports(violations, "job sneaky deploys (run: pulumi refresh --yes --stack dev) outside the production");
            assertEquals(3, violations.size(), "a preview (even with --refresh) changes nothing: " + violations);
            Workflow push = bad("""
                    on: push
                    jobs:
                      dev:
                        if: github.ref == 'refs/heads/main'
                        runs-on: ubuntu-latest
                        steps:
                          - run: pulumi up --yes --stack dev
                      unnamed:
                        if: github.ref == 'refs/heads/main'
                        runs-on: ubuntu-latest
                        steps:
                          - run: pulumi up --yes
                      unguarded:
                        runs-on: ubuntu-latest
                        steps:
                          - uses: %s
                            with:
                              command: destroy
                              stack-name: dev
                    """.formatted(PULUMI));
            violations = WorkflowChecks.deploysOutsideMainOrProduction(push);
            assertReports(violations, "job unnamed deploys (run: pulumi up --yes) a stack that may be prod");
            assertReports(violations, "job unguarded deploys (pulumi/actions destroy) outside the production");
            assertEquals(2, violations.size(), "the main-only dev up is allowed: " + violations);
        }

        @Test
        void aLiteralRoleArnOrStaticKeysAreReported() {
            Workflow w = bad("""
                    on: push
                    jobs:
                      literal:
                        runs-on: ubuntu-latest
                        steps:
                          - uses: %1$s
                            with:
                              role-to-assume: arn:aws:iam::111122223333:role/eks-platform-github-deploy-dev
                      keys:
                        runs-on: ubuntu-latest
                        steps:
                          - uses: %1$s
                            with:
                              aws-access-key-id: ${{ secrets.AWS_ACCESS_KEY_ID }}
                              aws-secret-access-key: ${{ secrets.AWS_SECRET_ACCESS_KEY }}
                      matrix:
                        runs-on: ubuntu-latest
                        strategy:
                          matrix:
                            include:
                              - stack: dev
                        steps:
                          - uses: %1$s
                            with:
                              role-to-assume: ${{ vars[matrix.role] }}
                    """.formatted(AWS));
            List<String> violations = WorkflowChecks.rolesNotFromRepositoryVariables(w);
            assertReports(violations, "job literal assumes 'arn:aws:iam::111122223333:role/eks-platform-github-deploy-dev'");
            assertReports(violations, "job keys passes static AWS credentials (aws-access-key-id)");
            assertReports(violations, "job keys assumes ''");
            assertReports(violations, "job matrix takes its role from a matrix value that names no variable");
        }

        @Test
        void aJobWhoseOidcSubjectItsRoleDoesNotTrustIsReported() {
            Map<String, String> trusted = Map.of("DEPLOY_ROLE_ARN_DEV", "ref:refs/heads/main",
                    "PREVIEW_ROLE_ARN_DEV", "pull_request", "DEPLOY_ROLE_ARN_PROD", "environment:production");
            // environment: on the dev deploy job changes its subject; a pull_request trigger on a deploy workflow
            // too; a role variable the bootstrap stack does not know
            Workflow w = bad("""
                    on: [push, pull_request]
                    jobs:
                      deploy-dev:
                        runs-on: ubuntu-latest
                        environment: dev
                        steps:
                          - uses: %1$s
                            with:
                              role-to-assume: ${{ vars.DEPLOY_ROLE_ARN_DEV }}
                      deploy-prod:
                        runs-on: ubuntu-latest
                        environment: production
                        steps:
                          - uses: %1$s
                            with:
                              role-to-assume: ${{ vars.DEPLOY_ROLE_ARN_PROD }}
                      preview:
                        runs-on: ubuntu-latest
                        strategy:
                          matrix:
                            include:
                              - role: PREVIEW_ROLE_ARN_DEV
                              - role: SOME_OTHER_ROLE_ARN
                        steps:
                          - uses: %1$s
                            with:
                              role-to-assume: ${{ vars[matrix.role] }}
                    """.formatted(AWS));
            List<String> violations = WorkflowChecks.subjectsTheRolesDoNotTrust(w, trusted);
            assertReports(violations, "job deploy-dev gets the OIDC subject repo:<owner>/<repo>:environment:dev but the"
                    + " role in DEPLOY_ROLE_ARN_DEV trusts only repo:<owner>/<repo>:ref:refs/heads/main");
            assertReports(violations, "job preview gets the OIDC subject repo:<owner>/<repo>:ref:refs/heads/main but the"
                    + " role in PREVIEW_ROLE_ARN_DEV trusts only repo:<owner>/<repo>:pull_request");
            assertReports(violations, "job preview assumes SOME_OTHER_ROLE_ARN, which names no role");
            assertTrue(violations.stream().noneMatch(v -> v.contains("job deploy-prod")), violations::toString);
            assertEquals(3, violations.size(), violations::toString);
        }

        @Test
        void writableTopLevelPermissionsAreReported() {
            assertReports(WorkflowChecks.topLevelPermissionsThatAreNotReadOnly(bad("""
                    on: push
                    permissions:
                      contents: write
                    jobs: {}
                    """)), "top-level permissions");
            assertReports(WorkflowChecks.topLevelPermissionsThatAreNotReadOnly(bad("""
                    on: push
                    jobs: {}
                    """)), "top-level permissions");
        }
    }
}
