package com.acme.platform.eks.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The delivery policies for the GitHub Actions workflows, as checks over parsed workflow files.
 * Each check returns the violations it found (empty = the policy holds), so that the tests can run
 * the same check on the real workflows and on small bad snippets.
 */
final class WorkflowChecks {

    /** Where the workflows live, relative to the project root (Maven runs the tests from there). */
    static final Path WORKFLOW_DIR = Path.of(".github", "workflows");

    static final String AWS_CREDENTIALS_ACTION = "aws-actions/configure-aws-credentials";
    static final String PULUMI_ACTION = "pulumi/actions";
    static final String SAME_REPOSITORY = "github.event.pull_request.head.repo.full_name == github.repository";
    static final String FORK = "github.event.pull_request.head.repo.full_name != github.repository";
    /** The environment without reviewers (main only) of the prod preview before approval and the prod drift check. */
    static final String PRODUCTION_PREVIEW = "production-preview";
    static final String PRODUCTION_PREVIEW_ROLE = "PRODUCTION_PREVIEW_ROLE_ARN";
    static final String PROD_DEPLOY_ROLE = "DEPLOY_ROLE_ARN_PROD";
    /**
     * The repository variable of each role, and the IAM name of the bootstrap stack's role it holds the ARN of
     * (docs/delivery.md, "AWS access"): what the OIDC subject check compares the jobs against.
     */
    static final Map<String, String> ROLE_OF_VARIABLE = Map.of(
            "PREVIEW_ROLE_ARN_DEV", "eks-platform-github-preview",
            "PREVIEW_ROLE_ARN_PROD", "eks-platform-github-preview",
            "DEPLOY_ROLE_ARN_DEV", "eks-platform-github-deploy-dev",
            PROD_DEPLOY_ROLE, "eks-platform-github-deploy-prod",
            PRODUCTION_PREVIEW_ROLE, "eks-platform-github-production-preview");
    /**
     * The bootstrap stack (one per AWS account) whose output each variable is set from: a variable must name a
     * role that the bootstrap stack of its stack's account builds, not merely one that some account has.
     */
    static final Map<String, String> BOOTSTRAP_STACK_OF_VARIABLE = Map.of(
            "PREVIEW_ROLE_ARN_DEV", "bootstrap-dev",
            "PREVIEW_ROLE_ARN_PROD", "bootstrap-prod",
            "DEPLOY_ROLE_ARN_DEV", "bootstrap-dev",
            PROD_DEPLOY_ROLE, "bootstrap-prod",
            PRODUCTION_PREVIEW_ROLE, "bootstrap-prod");

    private static final Pattern SHA_PINNED = Pattern.compile("[^@\\s]+@[0-9a-f]{40}");
    private static final Pattern DOCKER_DIGEST_PINNED = Pattern.compile("docker://[^@\\s]+@sha256:[0-9a-f]{64}");
    /** An expression ${{ ... }} (no nesting in GitHub's expression syntax). */
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{(.*?)}}", Pattern.DOTALL);
    /** The {@code secrets} context as a whole: not followed by a property access ({@code .NAME}, {@code ['NAME']}). */
    private static final Pattern WHOLE_SECRETS = Pattern.compile("(?<![\\w.-])secrets(?!\\s*[.\\[\\w-])");
    /**
     * A shell command that changes a stack: pulumi up (alias update), destroy, and the commands that write the state
     * without a deploy (refresh, import, cancel, state ...). {@code preview --refresh} does not match.
     */
    private static final Pattern PULUMI_DEPLOY_COMMAND = Pattern.compile(
            "\\bpulumi\\b[^\\n;&|]*?\\s(up|update|destroy|refresh|import|cancel|state)(?=[\\s\"'`)]|$)");
    /** The pulumi/actions commands that change a stack (preview and output do not). */
    private static final List<String> PULUMI_ACTION_DEPLOY_COMMANDS = List.of("up", "update", "destroy", "refresh");
    private static final Pattern STACK_OPTION = Pattern.compile("(?:-s|--stack)(?:\\s+|=)([^\\s;&|]+)");
    /** The only role-to-assume forms: a repository variable, by name or through a matrix value naming one. */
    private static final Pattern ROLE_FROM_VARIABLE =
            Pattern.compile("\\$\\{\\{\\s*vars(?:\\.([A-Za-z_][A-Za-z0-9_]*)|\\[\\s*matrix\\.([A-Za-z0-9_-]+)\\s*])\\s*}}");
    private static final Pattern VERSION_COMMENT = Pattern.compile("#\\s*v\\d+(\\.\\d+)*\\S*");
    private static final Pattern ECHO = Pattern.compile("\\b(echo|printf)\\b");
    private static final Pattern WORKFLOW_FILES = Pattern.compile("\\$\\{?(GITHUB_STEP_SUMMARY|GITHUB_OUTPUT|GITHUB_ENV)\\b");

    /** One workflow file: its name, its raw text (comments matter) and its parsed document. */
    record Workflow(String file, String raw, Map<?, ?> doc) {
        @Override
        public String toString() {
            return file;
        }
    }

    private WorkflowChecks() {
    }

    static Workflow parse(String file, String raw) {
        Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(raw);
        if (!(doc instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(file + " is not a YAML mapping");
        }
        return new Workflow(file, raw, map);
    }

    static List<Workflow> loadAll() throws IOException {
        List<Workflow> workflows = new ArrayList<>();
        try (Stream<Path> files = Files.list(WORKFLOW_DIR)) {
            for (Path path : files.sorted().toList()) {
                String name = path.getFileName().toString();
                if (name.endsWith(".yml") || name.endsWith(".yaml")) {
                    workflows.add(parse(name, Files.readString(path, StandardCharsets.UTF_8)));
                }
            }
        }
        return workflows;
    }

    // ---------------------------------------------------------------- the policies

    /** A job with a configure-aws-credentials step has {@code id-token: write} in its effective permissions. */
    static List<String> jobsAssumingARoleWithoutIdToken(Workflow w) {
        List<String> violations = new ArrayList<>();
        jobs(w).forEach((name, job) -> {
            if (assumesRole(job) && !grants(effectivePermissions(w, job), "id-token", "write")) {
                violations.add(w + ": job " + name + " assumes an AWS role but may not request an OIDC token (id-token: write)");
            }
        });
        return violations;
    }

    /**
     * A job that runs {@code pulumi up} on prod, or assumes the prod deploy role, is bound to the
     * {@code production} environment (whose required reviewers are the manual approval, and whose
     * OIDC sub is the only one the prod deploy role trusts). A stack name that is an expression may
     * be prod, so it counts as prod.
     */
    static List<String> prodDeploysOutsideProduction(Workflow w) {
        List<String> violations = new ArrayList<>();
        jobs(w).forEach((name, job) -> {
            boolean prodUp = pulumiSteps(job, "up").stream().anyMatch(s -> mayBeProd(stackName(s)));
            boolean prodRole = steps(job).stream()
                    .filter(s -> usesAction(s, AWS_CREDENTIALS_ACTION))
                    .anyMatch(s -> str(with(s).get("role-to-assume")).contains("DEPLOY_ROLE_ARN_PROD"));
            if ((prodUp || prodRole) && !"production".equals(environmentName(job))) {
                violations.add(w + ": job " + name + (prodUp ? " runs pulumi up on prod" : " assumes the prod deploy role")
                        + " but is not bound to the production environment (environment: " + environmentName(job) + ")");
            }
        });
        return violations;
    }

    /**
     * The read-only production-preview role is assumed only in jobs bound to the {@code production-preview}
     * environment (the only sub it trusts), and such a job never assumes the prod deploy role nor runs
     * {@code pulumi up}: that environment has no reviewers.
     */
    static List<String> productionPreviewMisused(Workflow w) {
        List<String> violations = new ArrayList<>();
        jobs(w).forEach((name, job) -> {
            boolean inPreviewEnvironment = PRODUCTION_PREVIEW.equals(environmentName(job));
            if (assumesRole(job, PRODUCTION_PREVIEW_ROLE) && !inPreviewEnvironment) {
                violations.add(w + ": job " + name + " assumes the production-preview role but is not bound to the "
                        + PRODUCTION_PREVIEW + " environment (environment: " + environmentName(job) + ")");
            }
            if (inPreviewEnvironment && assumesRole(job, PROD_DEPLOY_ROLE)) {
                violations.add(w + ": job " + name + " assumes the prod deploy role in the " + PRODUCTION_PREVIEW
                        + " environment, which has no reviewers");
            }
            if (inPreviewEnvironment && !pulumiSteps(job, "up").isEmpty()) {
                violations.add(w + ": job " + name + " runs pulumi up in the " + PRODUCTION_PREVIEW
                        + " environment, which has no reviewers");
            }
        });
        return violations;
    }

    /**
     * The approval-gated prod deploy role is assumed only by jobs that run {@code pulumi up} on prod: previews and
     * drift checks of prod use the read-only production-preview role, so they need no approval.
     */
    static List<String> prodDeployRoleUsedWithoutAProdUp(Workflow w) {
        List<String> violations = new ArrayList<>();
        jobs(w).forEach((name, job) -> {
            if (assumesRole(job, PROD_DEPLOY_ROLE)
                    && pulumiSteps(job, "up").stream().noneMatch(s -> mayBeProd(stackName(s)))) {
                violations.add(w + ": job " + name + " assumes the prod deploy role but runs no pulumi up on prod"
                        + " (use the read-only " + PRODUCTION_PREVIEW_ROLE + ")");
            }
        });
        return violations;
    }

    /**
     * Every job that runs {@code pulumi up} on prod needs a job that, before the approval, ran {@code pulumi preview}
     * on prod in the {@code production-preview} environment with the read-only production-preview role.
     */
    static List<String> prodUpsWithoutAPreviewBeforeApproval(Workflow w) {
        List<String> violations = new ArrayList<>();
        Map<String, Map<?, ?>> jobs = jobs(w);
        jobs.forEach((name, job) -> {
            if (pulumiSteps(job, "up").stream().noneMatch(s -> mayBeProd(stackName(s)))) {
                return;
            }
            boolean previewed = needs(job).stream().map(jobs::get).filter(java.util.Objects::nonNull).anyMatch(before ->
                    PRODUCTION_PREVIEW.equals(environmentName(before))
                            && assumesRole(before, PRODUCTION_PREVIEW_ROLE)
                            && !assumesRole(before, PROD_DEPLOY_ROLE)
                            && pulumiSteps(before, "preview").stream().anyMatch(s -> "prod".equals(stackName(s))));
            if (!previewed) {
                violations.add(w + ": job " + name + " runs pulumi up on prod but needs no job that previews prod in the "
                        + PRODUCTION_PREVIEW + " environment with the " + PRODUCTION_PREVIEW_ROLE + " role");
            }
        });
        return violations;
    }

    /** No workflow is triggered by pull_request_target (it runs with the base repository's secrets). */
    static List<String> pullRequestTargetTriggers(Workflow w) {
        return triggers(w).contains("pull_request_target")
                ? List.of(w + ": is triggered by pull_request_target")
                : List.of();
    }

    /**
     * Every action that is not local is pinned to a full 40-hex commit SHA, with the version in a
     * trailing comment ({@code uses: owner/repo@<sha> # v1.2.3}). The comment is only in the raw text.
     * A Docker action ({@code docker://}) is pinned by image digest.
     */
    static List<String> actionsNotPinnedToACommitSha(Workflow w) {
        List<String> violations = new ArrayList<>();
        for (String uses : allUses(w)) {
            if (uses.startsWith("./")) {
                continue;
            }
            if (uses.startsWith("docker://")) {
                // A tag can be moved to another image; only a digest names the image that was reviewed.
                if (!DOCKER_DIGEST_PINNED.matcher(uses).matches()) {
                    violations.add(w + ": " + uses + " is not pinned by digest (docker://image@sha256:<64 hex>)");
                }
                continue;
            }
            if (!SHA_PINNED.matcher(uses).matches()) {
                violations.add(w + ": " + uses + " is not pinned to a 40-hex commit SHA");
                continue;
            }
            Pattern line = Pattern.compile("^\\s*(?:-\\s*)?uses:\\s*[\"']?" + Pattern.quote(uses) + "[\"']?\\s*(.*)$");
            int lines = 0;
            for (String raw : w.raw().split("\\R")) {
                Matcher m = line.matcher(raw);
                if (m.matches()) {
                    lines++;
                    if (!VERSION_COMMENT.matcher(m.group(1).trim()).matches()) {
                        violations.add(w + ": " + uses + " has no trailing version comment (# vX.Y.Z): " + raw.trim());
                    }
                }
            }
            if (lines == 0) {
                violations.add(w + ": " + uses + " is not on a line of its own (uses: <action>@<sha> # vX.Y.Z)");
            }
        }
        return violations;
    }

    /**
     * No {@code run:} script prints a secret (echo/printf on a line that references one, directly or
     * through an environment variable set from one) or writes a secret to GITHUB_STEP_SUMMARY,
     * GITHUB_OUTPUT or GITHUB_ENV (any script that references a secret and touches those files).
     */
    static List<String> stepsEchoingASecret(Workflow w) {
        List<String> violations = new ArrayList<>();
        Set<String> workflowSecretEnv = secretEnvNames(w.doc().get("env"));
        jobs(w).forEach((jobName, job) -> {
            Set<String> jobSecretEnv = new LinkedHashSet<>(workflowSecretEnv);
            jobSecretEnv.addAll(secretEnvNames(job.get("env")));
            int index = 0;
            for (Map<?, ?> step : steps(job)) {
                index++;
                String run = str(step.get("run"));
                if (run.isEmpty()) {
                    continue;
                }
                Set<String> secretEnv = new LinkedHashSet<>(jobSecretEnv);
                secretEnv.addAll(secretEnvNames(step.get("env")));
                String where = w + ": job " + jobName + " step " + index + " (" + str(step.get("name")) + ")";
                boolean scriptHasSecret = false;
                for (String line : run.split("\\R")) {
                    boolean lineHasSecret = referencesSecret(line, secretEnv);
                    scriptHasSecret |= lineHasSecret;
                    if (lineHasSecret && ECHO.matcher(line).find()) {
                        violations.add(where + " echoes a secret: " + line.trim());
                    }
                }
                if (scriptHasSecret && WORKFLOW_FILES.matcher(run).find()) {
                    violations.add(where + " references a secret and writes to GITHUB_STEP_SUMMARY/GITHUB_OUTPUT/GITHUB_ENV");
                }
            }
        });
        return violations;
    }

    /**
     * In a workflow triggered by pull_request, every job that assumes a role runs only for pull
     * requests from this repository (forks get no OIDC token), and a job for fork pull requests,
     * without id-token, renders dev and prod offline and writes to the job summary both the diff against
     * the base branch and what each stack declares (its architecture.md), not the diff alone.
     */
    static List<String> forkPullRequestsWithoutOfflineFallback(Workflow w) {
        if (!triggers(w).contains("pull_request")) {
            return List.of();
        }
        List<String> violations = new ArrayList<>();
        boolean assumesRoles = false;
        for (Map.Entry<String, Map<?, ?>> e : jobs(w).entrySet()) {
            if (assumesRole(e.getValue())) {
                assumesRoles = true;
                if (!condition(e.getValue()).contains(SAME_REPOSITORY)) {
                    violations.add(w + ": job " + e.getKey() + " assumes a role but is not skipped for fork pull requests (if: "
                            + SAME_REPOSITORY + ")");
                }
            }
        }
        if (!assumesRoles) {
            return violations;
        }
        boolean fallback = jobs(w).values().stream().anyMatch(job -> {
            String scripts = String.join("\n", steps(job).stream().map(s -> str(s.get("run"))).toList());
            return condition(job).contains(FORK)
                    && !assumesRole(job)
                    && !grants(effectivePermissions(w, job), "id-token", "write")
                    && scripts.contains("render --stack")
                    && scripts.contains("--diff")
                    && scripts.contains("architecture.md")
                    && scripts.matches("(?s).*for stack in dev prod.*")
                    && scripts.contains("GITHUB_STEP_SUMMARY");
        });
        if (!fallback) {
            violations.add(w + ": no job for fork pull requests (if: " + FORK
                    + ") renders dev and prod offline and writes their diff against the base branch (render --diff) and"
                    + " their architecture.md into the job summary without an OIDC token");
        }
        return violations;
    }

    /**
     * Every job that runs {@code pulumi up} is in a concurrency group named after its stack with an
     * explicit {@code cancel-in-progress: false}, and no workflow-level concurrency may cancel it.
     */
    static List<String> deploysThatMayBeCancelled(Workflow w) {
        List<String> violations = new ArrayList<>();
        Object workflowConcurrency = w.doc().get("concurrency");
        jobs(w).forEach((name, job) -> {
            List<Map<?, ?>> ups = pulumiSteps(job, "up");
            if (ups.isEmpty()) {
                return;
            }
            if (workflowConcurrency instanceof Map<?, ?> wc && !Boolean.FALSE.equals(wc.get("cancel-in-progress"))) {
                violations.add(w + ": workflow-level concurrency may cancel job " + name + " (cancel-in-progress: "
                        + wc.get("cancel-in-progress") + ")");
            }
            Object concurrency = job.containsKey("concurrency") ? job.get("concurrency") : workflowConcurrency;
            if (!(concurrency instanceof Map<?, ?> c)) {
                violations.add(w + ": job " + name + " runs pulumi up without a concurrency group with cancel-in-progress: false");
                return;
            }
            if (!Boolean.FALSE.equals(c.get("cancel-in-progress"))) {
                violations.add(w + ": job " + name + " runs pulumi up in a concurrency group without cancel-in-progress: false");
            }
            String group = str(c.get("group"));
            for (Map<?, ?> up : ups) {
                if (!group.contains(stackName(up))) {
                    violations.add(w + ": job " + name + " runs pulumi up on " + stackName(up)
                            + " but its concurrency group '" + group + "' is not per stack");
                }
            }
        });
        return violations;
    }

    /**
     * In a workflow triggered by pull_request, every {@code pulumi preview} comments on the pull
     * request, in a job whose permissions are exactly contents: read, id-token: write and
     * pull-requests: write, and the workflow's own permissions grant no write at all.
     */
    static List<String> previewsWithoutCommentOrLeastPermissions(Workflow w) {
        if (!triggers(w).contains("pull_request")) {
            return List.of();
        }
        List<String> violations = new ArrayList<>();
        Map<String, String> top = permissions(w.doc().get("permissions"));
        if (top == null || top.containsValue("write")) {
            violations.add(w + ": top-level permissions must be declared and read-only, are " + top);
        }
        Map<String, String> least = Map.of("contents", "read", "id-token", "write", "pull-requests", "write");
        jobs(w).forEach((name, job) -> {
            List<Map<?, ?>> previews = pulumiSteps(job, "preview");
            if (previews.isEmpty()) {
                return;
            }
            for (Map<?, ?> preview : previews) {
                if (!"true".equals(str(with(preview).get("comment-on-pr")))) {
                    violations.add(w + ": job " + name + " runs pulumi preview without comment-on-pr: true");
                }
            }
            Map<String, String> granted = effectivePermissions(w, job);
            if (!least.equals(granted)) {
                violations.add(w + ": job " + name + " has permissions " + granted + ", expected exactly " + least);
            }
        });
        return violations;
    }

    /**
     * No expression uses the {@code secrets} context as a whole ({@code toJSON(secrets)}, {@code ${{ secrets }}}),
     * and no job passes {@code secrets: inherit}: either hands every secret of the repository and its
     * environments to one step or workflow, which then only has to print or send them.
     */
    static List<String> wholeSecretsContext(Workflow w) {
        List<String> violations = new ArrayList<>();
        forEachString(w.doc(), "", (path, value) -> {
            Matcher expressions = EXPRESSION.matcher(value);
            while (expressions.find()) {
                if (WHOLE_SECRETS.matcher(expressions.group(1)).find()) {
                    violations.add(w + ": " + path + " uses the whole secrets context: " + expressions.group().trim());
                }
            }
        });
        jobs(w).forEach((name, job) -> {
            if ("inherit".equals(str(job.get("secrets")))) {
                violations.add(w + ": job " + name + " passes every secret to " + str(job.get("uses"))
                        + " (secrets: inherit)");
            }
        });
        return violations;
    }

    /**
     * A {@code run:} step that changes a stack ({@code pulumi up}/{@code update}/{@code destroy}, or writes its
     * state: {@code refresh}, {@code import}, {@code cancel}, {@code state}), like a pulumi/actions step with command
     * up, destroy or refresh, is allowed only where a deploy is (the Pulumi token of a pull request job must not be
     * used to write state either): a prod stack (or a stack the script does not name,
     * which may be prod) only in a job bound to the {@code production} environment; any other stack also in a job
     * guarded by {@code if: github.ref == 'refs/heads/main'} of a workflow that pull requests do not trigger.
     */
    static List<String> deploysOutsideMainOrProduction(Workflow w) {
        List<String> violations = new ArrayList<>();
        boolean pullRequests = triggers(w).stream().anyMatch(t -> t.startsWith("pull_request"));
        jobs(w).forEach((name, job) -> {
            boolean production = "production".equals(environmentName(job));
            boolean mainOnly = !pullRequests && condition(job).contains("github.ref == 'refs/heads/main'");
            List<String[]> deploys = new ArrayList<>();   // {what, stack}
            for (Map<?, ?> step : steps(job)) {
                String command = str(with(step).get("command"));
                if (usesAction(step, PULUMI_ACTION) && PULUMI_ACTION_DEPLOY_COMMANDS.contains(command)) {
                    deploys.add(new String[] {PULUMI_ACTION + " " + command, stackName(step)});
                }
                for (String line : str(step.get("run")).split("\\R")) {
                    Matcher m = PULUMI_DEPLOY_COMMAND.matcher(line);
                    if (m.find()) {
                        Matcher stack = STACK_OPTION.matcher(line);
                        deploys.add(new String[] {"run: " + line.trim(), stack.find() ? stack.group(1) : ""});
                    }
                }
            }
            for (String[] deploy : deploys) {
                if (mayBeProd(deploy[1]) ? !production : !(production || mainOnly)) {
                    violations.add(w + ": job " + name + " deploys (" + deploy[0] + ") "
                            + (mayBeProd(deploy[1]) ? "a stack that may be prod outside the production environment"
                            : "outside the production environment and without if: github.ref == 'refs/heads/main'"
                            + " in a workflow that pull requests do not trigger"));
                }
            }
        });
        return violations;
    }

    /**
     * Every configure-aws-credentials step takes its role from a repository variable ({@code ${{ vars.NAME }}}, or
     * {@code ${{ vars[matrix.key] }}} whose matrix values are variable names), never a literal ARN that bypasses
     * the bootstrap outputs, and never static keys.
     */
    static List<String> rolesNotFromRepositoryVariables(Workflow w) {
        List<String> violations = new ArrayList<>();
        jobs(w).forEach((name, job) -> {
            for (Map<?, ?> step : steps(job)) {
                if (!usesAction(step, AWS_CREDENTIALS_ACTION)) {
                    continue;
                }
                for (String key : List.of("aws-access-key-id", "aws-secret-access-key", "aws-session-token")) {
                    if (with(step).containsKey(key)) {
                        violations.add(w + ": job " + name + " passes static AWS credentials (" + key + ")");
                    }
                }
                String role = str(with(step).get("role-to-assume")).trim();
                if (!ROLE_FROM_VARIABLE.matcher(role).matches()) {
                    violations.add(w + ": job " + name + " assumes '" + role + "', not a role from a repository"
                            + " variable (role-to-assume: ${{ vars.NAME }})");
                } else if (roleVariables(job, step).isEmpty()) {
                    violations.add(w + ": job " + name + " takes its role from a matrix value that names no variable: "
                            + role);
                }
            }
        });
        return violations;
    }

    /**
     * Every role a job assumes trusts the OIDC subject the job will present. GitHub sets the subject from the job,
     * not from the role it asks for: a job bound to environment E gets {@code environment:E}; otherwise a
     * pull_request run gets {@code pull_request}, and a push, schedule or workflow_dispatch run from main gets
     * {@code ref:refs/heads/main} (another branch gets its own ref, which no role trusts). Any other event's
     * subject is unknown here and reported. So adding {@code environment:} to the dev deploy job, or a pull_request
     * trigger to the deploy workflow, is caught here rather than by STS at deploy time.
     *
     * @param trustedSubjects per role variable, the subject after {@code repo:<owner>/<repo>:} its role trusts
     */
    static List<String> subjectsTheRolesDoNotTrust(Workflow w, Map<String, String> trustedSubjects) {
        List<String> violations = new ArrayList<>();
        jobs(w).forEach((name, job) -> {
            Set<String> subjects = subjects(w, job);
            for (Map<?, ?> step : steps(job)) {
                if (!usesAction(step, AWS_CREDENTIALS_ACTION)) {
                    continue;
                }
                List<String> variables = roleVariables(job, step);
                if (variables.isEmpty()) {
                    violations.add(w + ": job " + name + " assumes a role named by no repository variable");
                }
                for (String variable : variables) {
                    String trusted = trustedSubjects.get(variable);
                    if (trusted == null) {
                        violations.add(w + ": job " + name + " assumes " + variable
                                + ", which names no role of its account's bootstrap stack");
                        continue;
                    }
                    for (String subject : subjects) {
                        if (!subject.equals(trusted)) {
                            violations.add(w + ": job " + name + " gets the OIDC subject repo:<owner>/<repo>:" + subject
                                    + " but the role in " + variable + " trusts only repo:<owner>/<repo>:" + trusted);
                        }
                    }
                }
            }
        });
        return violations;
    }

    /** The OIDC subjects (after {@code repo:<owner>/<repo>:}) a job's token may carry. */
    static Set<String> subjects(Workflow w, Map<?, ?> job) {
        String environment = environmentName(job);
        if (!environment.isEmpty()) {
            return Set.of("environment:" + environment);
        }
        Set<String> subjects = new LinkedHashSet<>();
        for (String trigger : triggers(w)) {
            subjects.add(switch (trigger) {
                case "pull_request" -> "pull_request";
                case "push", "schedule", "workflow_dispatch" -> "ref:refs/heads/main";
                default -> "<unknown subject of a " + trigger + " event>";
            });
        }
        return subjects;
    }

    /** The repository variables a configure-aws-credentials step's role-to-assume names (through the matrix too). */
    static List<String> roleVariables(Map<?, ?> job, Map<?, ?> step) {
        Matcher m = ROLE_FROM_VARIABLE.matcher(str(with(step).get("role-to-assume")).trim());
        if (!m.matches()) {
            return List.of();
        }
        if (m.group(1) != null) {
            return List.of(m.group(1));
        }
        List<String> variables = new ArrayList<>();
        if (job.get("strategy") instanceof Map<?, ?> strategy && strategy.get("matrix") instanceof Map<?, ?> matrix) {
            if (matrix.get(m.group(2)) instanceof List<?> values) {
                values.forEach(v -> variables.add(str(v)));
            }
            if (matrix.get("include") instanceof List<?> include) {
                include.forEach(entry -> {
                    if (entry instanceof Map<?, ?> e && e.get(m.group(2)) != null) {
                        variables.add(str(e.get(m.group(2))));
                    }
                });
            }
        }
        return variables;
    }

    /** Top-level permissions are declared and grant no write (jobs add what they need). */
    static List<String> topLevelPermissionsThatAreNotReadOnly(Workflow w) {
        Map<String, String> top = permissions(w.doc().get("permissions"));
        return top == null || top.containsValue("write")
                ? List.of(w + ": top-level permissions must be declared and read-only (contents: read or {}), are " + top)
                : List.of();
    }

    /**
     * The jobs that act on prod, selected by what they do rather than where they run: a pulumi step on the stack
     * {@code prod} (a pulumi/actions {@code stack-name}, or {@code -s}/{@code --stack} of a {@code run:} line), or
     * a job bound to the {@code production} or {@code production-preview} environment.
     */
    static Set<String> prodJobs(Workflow w) {
        Set<String> prod = new LinkedHashSet<>();
        jobs(w).forEach((name, job) -> {
            String environment = environmentName(job);
            boolean prodEnvironment = "production".equals(environment) || PRODUCTION_PREVIEW.equals(environment);
            boolean prodStack = steps(job).stream().anyMatch(step -> {
                if (usesAction(step, PULUMI_ACTION) && "prod".equals(stackName(step))) {
                    return true;
                }
                for (String line : str(step.get("run")).split("\\R")) {
                    Matcher stack = STACK_OPTION.matcher(line);
                    if (line.contains("pulumi") && stack.find() && "prod".equals(stack.group(1))) {
                        return true;
                    }
                }
                return false;
            });
            if (prodEnvironment || prodStack) {
                prod.add(name);
            }
        });
        return prod;
    }

    /**
     * Every job that acts on prod ({@link #prodJobs}) runs on {@code vars.PROD_RUNNER} (prod's API endpoint is
     * private), and its first step fails the job, clearly, when nothing can reach that endpoint: its env passes
     * {@code vars.PROD_RUNNER} and {@code vars.PROD_API_PUBLIC}, the script's {@code if} on {@code $PROD_RUNNER}
     * exits 1, and so does its {@code if} on {@code command -v aws} (the kubeconfig runs {@code aws eks get-token}).
     */
    static List<String> prodJobsWithoutTheRunnerCheck(Workflow w) {
        List<String> violations = new ArrayList<>();
        Map<String, Map<?, ?>> jobs = jobs(w);
        for (String name : prodJobs(w)) {
            Map<?, ?> job = jobs.get(name);
            String runsOn = str(job.get("runs-on"));
            if (!runsOn.matches("(?s)\\$\\{\\{\\s*vars\\.PROD_RUNNER\\b.*}}")) {
                violations.add(w + ": job " + name + " acts on prod but does not run on vars.PROD_RUNNER (runs-on: "
                        + runsOn + ")");
            }
            List<Map<?, ?>> steps = steps(job);
            if (steps.isEmpty()) {
                violations.add(w + ": job " + name + " acts on prod but has no steps, so no runner check first");
                continue;
            }
            Map<?, ?> first = steps.get(0);
            Map<?, ?> env = first.get("env") instanceof Map<?, ?> map ? map : Map.of();
            String run = str(first.get("run"));
            if (!str(env.get("PROD_RUNNER")).replace(" ", "").equals("${{vars.PROD_RUNNER}}")
                    || !str(env.get("PROD_API_PUBLIC")).replace(" ", "").equals("${{vars.PROD_API_PUBLIC}}")) {
                violations.add(w + ": job " + name + "'s first step does not get vars.PROD_RUNNER and vars.PROD_API_PUBLIC"
                        + " in its env: " + env);
            }
            if (!ifBlockExits(run, "$PROD_RUNNER")) {
                violations.add(w + ": job " + name + "'s first step does not exit 1 without PROD_RUNNER or PROD_API_PUBLIC");
            }
            if (!ifBlockExits(run, "command -v aws")) {
                violations.add(w + ": job " + name + "'s first step does not exit 1 without the AWS CLI");
            }
        }
        return violations;
    }

    /** Whether the script has an {@code if} whose condition contains {@code condition} and whose body exits 1. */
    private static boolean ifBlockExits(String script, String condition) {
        String[] lines = script.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.startsWith("if ") && line.contains(condition)) {
                for (int j = i + 1; j < lines.length && !lines[j].trim().equals("fi"); j++) {
                    if (lines[j].trim().equals("exit 1")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- helpers over the document

    /** The triggers. YAML 1.1 (SnakeYAML) reads the key {@code on} as the boolean true. */
    static Set<String> triggers(Workflow w) {
        Object on = w.doc().containsKey("on") ? w.doc().get("on") : w.doc().get(Boolean.TRUE);
        Set<String> triggers = new LinkedHashSet<>();
        if (on instanceof String s) {
            triggers.add(s);
        } else if (on instanceof List<?> list) {
            list.forEach(t -> triggers.add(String.valueOf(t)));
        } else if (on instanceof Map<?, ?> map) {
            map.keySet().forEach(t -> triggers.add(String.valueOf(t)));
        }
        return triggers;
    }

    static Map<String, Map<?, ?>> jobs(Workflow w) {
        Map<String, Map<?, ?>> jobs = new LinkedHashMap<>();
        if (w.doc().get("jobs") instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (v instanceof Map<?, ?> job) {
                    jobs.put(String.valueOf(k), job);
                }
            });
        }
        return jobs;
    }

    static List<Map<?, ?>> steps(Map<?, ?> job) {
        List<Map<?, ?>> steps = new ArrayList<>();
        if (job.get("steps") instanceof List<?> list) {
            list.forEach(s -> {
                if (s instanceof Map<?, ?> step) {
                    steps.add(step);
                }
            });
        }
        return steps;
    }

    static Map<?, ?> with(Map<?, ?> step) {
        return step.get("with") instanceof Map<?, ?> with ? with : Map.of();
    }

    static boolean usesAction(Map<?, ?> step, String action) {
        return str(step.get("uses")).toLowerCase(Locale.ROOT).startsWith(action + "@");
    }

    static boolean assumesRole(Map<?, ?> job) {
        return steps(job).stream().anyMatch(s -> usesAction(s, AWS_CREDENTIALS_ACTION));
    }

    /** Whether the job assumes the role of that repository variable. */
    static boolean assumesRole(Map<?, ?> job, String roleVariable) {
        return steps(job).stream()
                .filter(s -> usesAction(s, AWS_CREDENTIALS_ACTION))
                .anyMatch(s -> str(with(s).get("role-to-assume")).contains(roleVariable));
    }

    /** The jobs this job needs ({@code needs:} is a name or a list of names). */
    static List<String> needs(Map<?, ?> job) {
        Object needs = job.get("needs");
        if (needs instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return needs == null ? List.of() : List.of(String.valueOf(needs));
    }

    static List<Map<?, ?>> pulumiSteps(Map<?, ?> job, String command) {
        return steps(job).stream()
                .filter(s -> usesAction(s, PULUMI_ACTION))
                .filter(s -> command.equals(str(with(s).get("command"))))
                .toList();
    }

    static String stackName(Map<?, ?> pulumiStep) {
        return str(with(pulumiStep).get("stack-name"));
    }

    private static boolean mayBeProd(String stack) {
        return stack.contains("prod") || stack.contains("${{") || stack.isEmpty();
    }

    static String environmentName(Map<?, ?> job) {
        Object env = job.get("environment");
        return env instanceof Map<?, ?> map ? str(map.get("name")) : str(env);
    }

    /** The job's {@code if}, without ${{ }} and with whitespace collapsed. */
    static String condition(Map<?, ?> job) {
        String c = str(job.get("if")).trim();
        if (c.startsWith("${{") && c.endsWith("}}")) {
            c = c.substring(3, c.length() - 2);
        }
        return c.replaceAll("\\s+", " ").trim();
    }

    /**
     * The permissions of the job's GITHUB_TOKEN: the job's own if it declares any (they replace the
     * workflow's), else the workflow's; null when neither declares any (the repository default).
     */
    static Map<String, String> effectivePermissions(Workflow w, Map<?, ?> job) {
        return permissions(job.containsKey("permissions") ? job.get("permissions") : w.doc().get("permissions"));
    }

    /** Normalises a permissions value; read-all / write-all become {"*": read|write}. */
    static Map<String, String> permissions(Object value) {
        if (value == null) {
            return null;
        }
        Map<String, String> permissions = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> permissions.put(String.valueOf(k), String.valueOf(v)));
        } else if ("read-all".equals(value)) {
            permissions.put("*", "read");
        } else if ("write-all".equals(value)) {
            permissions.put("*", "write");
        } else {
            permissions.put("*", String.valueOf(value));
        }
        return permissions;
    }

    static boolean grants(Map<String, String> permissions, String scope, String level) {
        return permissions != null && (level.equals(permissions.get(scope)) || level.equals(permissions.get("*")));
    }

    /** Every {@code uses:} of steps and of jobs that call reusable workflows. */
    static List<String> allUses(Workflow w) {
        List<String> uses = new ArrayList<>();
        jobs(w).values().forEach(job -> {
            if (job.get("uses") != null) {
                uses.add(str(job.get("uses")));
            }
            steps(job).forEach(s -> {
                if (s.get("uses") != null) {
                    uses.add(str(s.get("uses")));
                }
            });
        });
        return uses;
    }

    /** Calls the action with every string value of the document (keys included) and where it is. */
    static void forEachString(Object node, String path, java.util.function.BiConsumer<String, String> action) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                String key = String.valueOf(k);
                action.accept(path + "/" + key + " (key)", key);
                forEachString(v, path + "/" + key, action);
            });
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                forEachString(list.get(i), path + "/" + i, action);
            }
        } else if (node instanceof String value) {
            action.accept(path, value);
        }
    }

    private static Set<String> secretEnvNames(Object env) {
        Set<String> names = new LinkedHashSet<>();
        if (env instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (str(v).contains("secrets.")) {
                    names.add(String.valueOf(k));
                }
            });
        }
        return names;
    }

    private static boolean referencesSecret(String line, Set<String> secretEnv) {
        if (line.contains("secrets.") || line.contains("secrets[")) {
            return true;
        }
        for (String name : secretEnv) {
            if (Pattern.compile("\\$\\{?" + Pattern.quote(name) + "\\b").matcher(line).find()
                    || line.contains("env." + name)) {
                return true;
            }
        }
        return false;
    }

    static String str(Object value) {
        return value == null ? "" : String.valueOf(value);
    }
}
