package com.acme.platform.eks.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.acme.platform.eks.delivery.WorkflowChecks.Workflow;

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
