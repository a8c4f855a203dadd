package com.acme.platform.eks.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * This project's own delivery policy over the GitHub Actions workflows: which job assumes which role with which OIDC
 * subject, in which environment, on which runner, and with which concurrency. The generic rules (actions pinned to a
 * SHA, dangerous triggers, excessive permissions, secrets inheritance, template injection) are zizmor's and
 * checkov's, run by .ci/scan. Each workflow is parsed once into the records below.
 */
final class WorkflowChecks {

    static final Path WORKFLOW_DIR = Path.of(".github", "workflows");
    static final String AWS_CREDENTIALS_ACTION = "aws-actions/configure-aws-credentials";
    static final String PULUMI_ACTION = "pulumi/actions";
    static final String PRODUCTION = "production";
    /** The environment without reviewers (main only) of the prod preview before approval and the prod drift check. */
    static final String PRODUCTION_PREVIEW = "production-preview";
    static final String PRODUCTION_PREVIEW_ROLE = "PRODUCTION_PREVIEW_ROLE_ARN";
    static final String PROD_DEPLOY_ROLE = "DEPLOY_ROLE_ARN_PROD";
    static final String SAME_REPOSITORY = "github.event.pull_request.head.repo.full_name == github.repository";
    static final String FORK = "github.event.pull_request.head.repo.full_name != github.repository";
    /** Per repository variable: the IAM role whose ARN it holds and the bootstrap stack (account) that builds it. */
    static final Map<String, String> ROLE_OF_VARIABLE = Map.of(
            "PREVIEW_ROLE_ARN_DEV", "eks-platform-github-preview",
            "PREVIEW_ROLE_ARN_PROD", "eks-platform-github-preview",
            "DEPLOY_ROLE_ARN_DEV", "eks-platform-github-deploy-dev",
            PROD_DEPLOY_ROLE, "eks-platform-github-deploy-prod",
            PRODUCTION_PREVIEW_ROLE, "eks-platform-github-production-preview");
    static final Map<String, String> BOOTSTRAP_STACK_OF_VARIABLE = Map.of(
            "PREVIEW_ROLE_ARN_DEV", "bootstrap-dev",
            "PREVIEW_ROLE_ARN_PROD", "bootstrap-prod",
            "DEPLOY_ROLE_ARN_DEV", "bootstrap-dev",
            PROD_DEPLOY_ROLE, "bootstrap-prod",
            PRODUCTION_PREVIEW_ROLE, "bootstrap-prod");

    /** pulumi commands that change a stack or write its state; {@code preview --refresh} is none of them. */
    private static final Pattern PULUMI_COMMAND = Pattern.compile(
            "\\bpulumi\\b.*?\\s(up|update|destroy|refresh|import|cancel|state|preview)(?=[\\s\"'`)]|$)");
    private static final Set<String> WRITES = Set.of("up", "update", "destroy", "refresh", "import", "cancel", "state");
    private static final Set<String> STATIC_KEYS = Set.of("aws-access-key-id", "aws-secret-access-key", "aws-session-token");
    private static final Pattern STACK_OPTION = Pattern.compile("(?:-s|--stack)(?:\\s+|=)([^\\s;&|]+)");
    private static final Pattern ROLE_FROM_VARIABLE =
            Pattern.compile("\\$\\{\\{\\s*vars(?:\\.([A-Za-z_][A-Za-z0-9_]*)|\\[\\s*matrix\\.([A-Za-z0-9_-]+)\\s*])\\s*}}");

    record Workflow(String file, Set<String> triggers, Concurrency concurrency, Map<String, Job> jobs) {
        @Override
        public String toString() {
            return file;
        }
    }

    record Concurrency(String group, boolean cancelInProgress) { }

    /** A job; {@code permissions} are its effective ones (its own, else the workflow's; null: the default). */
    record Job(String name, String condition, String environment, String runsOn, Map<String, String> permissions,
               Concurrency concurrency, List<String> needs, List<Step> steps, Map<String, List<String>> matrix,
               String timeoutMinutes) {

        boolean grants(String scope, String level) {
            return permissions != null && (level.equals(permissions.get(scope)) || level.equals(permissions.get("*")));
        }

        List<Step> awsCredentials() {
            return steps.stream().filter(s -> s.uses(AWS_CREDENTIALS_ACTION)).toList();
        }

        /** The repository variables the job's role-to-assume names, through the matrix too (empty: not a variable). */
        List<String> roleVariables(Step step) {
            Matcher m = ROLE_FROM_VARIABLE.matcher(step.with().getOrDefault("role-to-assume", "").trim());
            return !m.matches() ? List.of() : m.group(1) != null ? List.of(m.group(1))
                    : matrix.getOrDefault(m.group(2), List.of());
        }

        boolean assumes(String variable) {
            return awsCredentials().stream().anyMatch(s -> roleVariables(s).contains(variable));
        }

        /** Every pulumi command of the job: pulumi/actions steps and {@code pulumi ...} lines of scripts. */
        List<Pulumi> pulumi() {
            List<Pulumi> commands = new ArrayList<>();
            for (Step step : steps) {
                if (step.uses(PULUMI_ACTION)) {
                    commands.add(new Pulumi(step.with().getOrDefault("command", ""),
                            step.with().getOrDefault("stack-name", ""), PULUMI_ACTION + " " + step.with().get("command")));
                }
                // each command of a line (a; b && c | d) on its own, with its own --stack
                for (String command : step.run().split("\\R|;|&&|\\|\\|?|&")) {
                    Matcher pulumi = PULUMI_COMMAND.matcher(command);
                    if (pulumi.find()) {
                        Matcher stack = STACK_OPTION.matcher(command);
                        commands.add(new Pulumi(pulumi.group(1), stack.find() ? stack.group(1) : "", "run: " + command.trim()));
                    }
                }
            }
            return commands;
        }

        boolean upsProd() {
            return pulumi().stream().anyMatch(p -> p.command().equals("up") && p.mayBeProd());
        }

        boolean previewsProd() {
            return pulumi().stream().anyMatch(p -> p.command().equals("preview") && p.stack().equals("prod"));
        }
    }

    record Step(String name, String uses, Map<String, String> with, Map<String, String> env, String run) {
        boolean uses(String action) {
            return uses.toLowerCase(java.util.Locale.ROOT).startsWith(action + "@");
        }
    }

    /** One pulumi command: what it does, to which stack (empty: unnamed), and where it is written. */
    record Pulumi(String command, String stack, String where) {
        boolean writes() {
            return WRITES.contains(command);
        }

        /** An unnamed stack, or one given by an expression, may be prod. */
        boolean mayBeProd() {
            return stack.contains("prod") || stack.contains("${{") || stack.isEmpty();
        }
    }

    private WorkflowChecks() {
    }

    static List<Workflow> loadAll() throws IOException {
        List<Workflow> workflows = new ArrayList<>();
        try (Stream<Path> files = Files.list(WORKFLOW_DIR)) {
            for (Path path : files.sorted().filter(p -> p.toString().matches(".*\\.ya?ml")).toList()) {
                workflows.add(parse(path.getFileName().toString(), Files.readString(path)));
            }
        }
        return workflows;
    }

    static Workflow parse(String file, String yaml) {
        Map<?, ?> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        // YAML 1.1 (SnakeYAML) reads the key `on` as the boolean true.
        Object on = doc.containsKey("on") ? doc.get("on") : doc.get(Boolean.TRUE);
        Set<String> triggers = new LinkedHashSet<>(on instanceof Map<?, ?> m ? list(List.copyOf(m.keySet())) : list(on));
        Map<String, Job> jobs = new LinkedHashMap<>();
        maps(doc.get("jobs")).forEach((name, job) -> jobs.put(name, new Job(name, condition(job.get("if")),
                job.get("environment") instanceof Map<?, ?> e ? str(e.get("name")) : str(job.get("environment")),
                str(job.get("runs-on")), permissions(job.containsKey("permissions") ? job.get("permissions")
                : doc.get("permissions")), concurrency(job.get("concurrency")), list(job.get("needs")),
                steps(job.get("steps")), matrix(job.get("strategy")), str(job.get("timeout-minutes")))));
        return new Workflow(file, triggers, concurrency(doc.get("concurrency")), jobs);
    }

    // ---------------------------------------------------------------- the policies

    /** Each policy by name; {@code trusted} is, per role variable, the OIDC subject its role trusts. */
    static Map<String, Function<Workflow, List<String>>> policies(Map<String, String> trusted) {
        Map<String, Function<Workflow, List<String>>> policies = new LinkedHashMap<>();
        policies.put("roles", w -> roles(w, trusted));
        policies.put("environments", WorkflowChecks::environments);
        policies.put("concurrency", WorkflowChecks::concurrency);
        policies.put("pull requests", WorkflowChecks::pullRequests);
        policies.put("prod runner", WorkflowChecks::prodRunner);
        return policies;
    }

    /**
     * Every configure-aws-credentials step takes its role from a repository variable (never a literal ARN, never
     * static keys), that role is one of its account's bootstrap stack, the job may request an OIDC token, and the
     * subject GitHub gives the job is the one that role trusts: {@code environment:E} for a job bound to environment
     * E, else per trigger ({@code pull_request}; {@code ref:refs/heads/main} for push, schedule, workflow_dispatch).
     */
    static List<String> roles(Workflow w, Map<String, String> trusted) {
        List<String> violations = new ArrayList<>();
        w.jobs().forEach((name, job) -> {
            Set<String> subjects = subjects(w, job);
            for (Step step : job.awsCredentials()) {
                String where = w + ": job " + name;
                step.with().keySet().stream().filter(STATIC_KEYS::contains)
                        .forEach(k -> violations.add(where + " passes static AWS credentials (" + k + ")"));
                if (!job.grants("id-token", "write")) {
                    violations.add(where + " assumes an AWS role but may not request an OIDC token (id-token: write)");
                }
                List<String> variables = job.roleVariables(step);
                if (variables.isEmpty()) {
                    violations.add(where + " assumes '" + step.with().getOrDefault("role-to-assume", "")
                            + "', not a role from a repository variable (${{ vars.NAME }} or ${{ vars[matrix.KEY] }})");
                }
                for (String variable : variables) {
                    String subject = trusted.get(variable);
                    if (subject == null) {
                        violations.add(where + " assumes " + variable + ", which names no role of its account's bootstrap stack");
                    }
                    subjects.stream().filter(s -> subject != null && !s.equals(subject)).forEach(s -> violations.add(
                            where + " gets the OIDC subject repo:<owner>/<repo>:" + s + " but the role in " + variable
                                    + " trusts only repo:<owner>/<repo>:" + subject));
                }
            }
        });
        return violations;
    }

    static Set<String> subjects(Workflow w, Job job) {
        if (!job.environment().isEmpty()) {
            return Set.of("environment:" + job.environment());
        }
        Set<String> subjects = new LinkedHashSet<>();
        w.triggers().forEach(t -> subjects.add(switch (t) {
            case "pull_request" -> "pull_request";
            case "push", "schedule", "workflow_dispatch" -> "ref:refs/heads/main";
            default -> "<unknown subject of a " + t + " event>";
        }));
        return subjects;
    }

    /**
     * What each environment may do. A command that changes a stack or writes its state runs on a stack that may be
     * prod only in {@code production} (required reviewers), on another stack also in a main-only job of a workflow
     * pull requests do not trigger. The prod deploy role is assumed only in {@code production} and only to
     * {@code pulumi up} prod; the read-only production-preview role only in {@code production-preview}, which has no
     * reviewers and so never deploys nor holds the deploy role. Every prod up needs a job that previewed prod there.
     */
    static List<String> environments(Workflow w) {
        List<String> violations = new ArrayList<>();
        boolean pullRequests = w.triggers().stream().anyMatch(t -> t.startsWith("pull_request"));
        w.jobs().forEach((name, job) -> {
            String where = w + ": job " + name;
            boolean production = PRODUCTION.equals(job.environment());
            boolean preview = PRODUCTION_PREVIEW.equals(job.environment());
            boolean mainOnly = !pullRequests && job.condition().contains("github.ref == 'refs/heads/main'");
            for (Pulumi p : job.pulumi()) {
                if (p.writes() && (p.mayBeProd() ? !production : !(production || mainOnly))) {
                    violations.add(where + " deploys (" + p.where() + ") " + (p.mayBeProd()
                            ? "a stack that may be prod outside the production environment"
                            : "outside the production environment and without if: github.ref == 'refs/heads/main'"
                            + " in a workflow that pull requests do not trigger"));
                }
            }
            if (job.assumes(PROD_DEPLOY_ROLE) && !(production && job.upsProd())) {
                violations.add(where + " assumes the prod deploy role but is not a pulumi up on prod in the production"
                        + " environment (environment: " + job.environment() + "; previews use " + PRODUCTION_PREVIEW_ROLE + ")");
            }
            if (job.assumes(PRODUCTION_PREVIEW_ROLE) && !preview) {
                violations.add(where + " assumes the production-preview role outside the " + PRODUCTION_PREVIEW
                        + " environment (environment: " + job.environment() + ")");
            }
            if (preview && job.pulumi().stream().anyMatch(Pulumi::writes)) {
                violations.add(where + " deploys in the " + PRODUCTION_PREVIEW + " environment, which has no reviewers");
            }
            if (job.upsProd() && job.needs().stream().map(w.jobs()::get).noneMatch(before -> before != null
                    && PRODUCTION_PREVIEW.equals(before.environment()) && before.assumes(PRODUCTION_PREVIEW_ROLE)
                    && !before.assumes(PROD_DEPLOY_ROLE) && before.previewsProd())) {
                violations.add(where + " runs pulumi up on prod but needs no job that previews prod in the "
                        + PRODUCTION_PREVIEW + " environment with the " + PRODUCTION_PREVIEW_ROLE + " role");
            }
        });
        return violations;
    }

    /** Every pulumi up is in a per-stack concurrency group that never cancels it, and no workflow group may. */
    static List<String> concurrency(Workflow w) {
        List<String> violations = new ArrayList<>();
        w.jobs().forEach((name, job) -> job.pulumi().stream().filter(p -> p.command().equals("up")).forEach(up -> {
            String where = w + ": job " + name + " runs pulumi up on " + up.stack();
            if (w.concurrency() != null && w.concurrency().cancelInProgress()) {
                violations.add(where + " under a workflow-level concurrency group that may cancel it");
            }
            Concurrency c = job.concurrency() != null ? job.concurrency() : w.concurrency();
            if (c == null || c.cancelInProgress()) {
                violations.add(where + " without a concurrency group with cancel-in-progress: false");
            } else if (!c.group().contains(up.stack())) {
                violations.add(where + " but its concurrency group '" + c.group() + "' is not per stack");
            }
        }));
        return violations;
    }

    /**
     * In a pull_request workflow: a role-assuming job runs only for this repository's branches (forks get no OIDC
     * token), a job for forks renders dev and prod offline with their diff and diagram into the job summary instead,
     * and every preview comments on the pull request with exactly the permissions that needs.
     */
    static List<String> pullRequests(Workflow w) {
        if (!w.triggers().contains("pull_request")) {
            return List.of();
        }
        List<String> violations = new ArrayList<>();
        Map<String, String> least = Map.of("contents", "read", "id-token", "write", "pull-requests", "write");
        w.jobs().forEach((name, job) -> {
            if (!job.awsCredentials().isEmpty() && !job.condition().contains(SAME_REPOSITORY)) {
                violations.add(w + ": job " + name + " assumes a role but is not skipped for fork pull requests (if: "
                        + SAME_REPOSITORY + ")");
            }
            for (Step step : job.steps()) {
                if (step.uses(PULUMI_ACTION) && "preview".equals(step.with().get("command"))) {
                    if (!"true".equals(step.with().get("comment-on-pr"))) {
                        violations.add(w + ": job " + name + " runs pulumi preview without comment-on-pr: true");
                    }
                    if (!least.equals(job.permissions())) {
                        violations.add(w + ": job " + name + " has permissions " + job.permissions() + ", expected exactly " + least);
                    }
                }
            }
        });
        boolean fallback = w.jobs().values().stream().anyMatch(job -> {
            String scripts = String.join("\n", job.steps().stream().map(Step::run).toList());
            return job.condition().contains(FORK) && job.awsCredentials().isEmpty()
                    && !job.grants("id-token", "write")
                    && scripts.contains("for stack in dev prod") && scripts.contains("render --stack")
                    && scripts.contains("--diff") && scripts.contains("architecture.md")
                    && scripts.contains("GITHUB_STEP_SUMMARY");
        });
        if (w.jobs().values().stream().anyMatch(j -> !j.awsCredentials().isEmpty()) && !fallback) {
            violations.add(w + ": no job for fork pull requests (if: " + FORK + ") renders dev and prod offline and"
                    + " writes their diff (render --diff) and architecture.md into the job summary without an OIDC token");
        }
        return violations;
    }

    /** The jobs that act on prod: a pulumi command on the stack prod, or the production or production-preview environment. */
    static Set<String> prodJobs(Workflow w) {
        Set<String> prod = new LinkedHashSet<>();
        w.jobs().forEach((name, job) -> {
            if (PRODUCTION.equals(job.environment()) || PRODUCTION_PREVIEW.equals(job.environment())
                    || job.pulumi().stream().anyMatch(p -> p.stack().equals("prod"))) {
                prod.add(name);
            }
        });
        return prod;
    }

    /**
     * Every prod job runs on {@code vars.PROD_RUNNER} (prod's API endpoint is private) and its first step, given
     * {@code vars.PROD_RUNNER} and {@code vars.PROD_API_PUBLIC}, exits 1 when neither is set and when the runner
     * lacks the AWS CLI (the kubeconfig runs {@code aws eks get-token}).
     */
    static List<String> prodRunner(Workflow w) {
        List<String> violations = new ArrayList<>();
        for (String name : prodJobs(w)) {
            Job job = w.jobs().get(name);
            String where = w + ": job " + name;
            if (!job.runsOn().matches("(?s)\\$\\{\\{\\s*vars\\.PROD_RUNNER\\b.*}}")) {
                violations.add(where + " acts on prod but does not run on vars.PROD_RUNNER (runs-on: " + job.runsOn() + ")");
            }
            Step first = job.steps().isEmpty() ? new Step("", "", Map.of(), Map.of(), "") : job.steps().get(0);
            if (!first.env().getOrDefault("PROD_RUNNER", "").replace(" ", "").equals("${{vars.PROD_RUNNER}}")
                    || !first.env().getOrDefault("PROD_API_PUBLIC", "").replace(" ", "").equals("${{vars.PROD_API_PUBLIC}}")) {
                violations.add(where + "'s first step does not get vars.PROD_RUNNER and vars.PROD_API_PUBLIC in its env");
            }
            if (!ifBlockExits(first.run(), "$PROD_RUNNER")) {
                violations.add(where + "'s first step does not exit 1 without PROD_RUNNER or PROD_API_PUBLIC");
            }
            if (!ifBlockExits(first.run(), "command -v aws")) {
                violations.add(where + "'s first step does not exit 1 without the AWS CLI");
            }
        }
        return violations;
    }

    /** Whether the script has an {@code if} whose condition contains {@code condition} and whose body exits 1. */
    private static boolean ifBlockExits(String script, String condition) {
        String[] lines = script.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].trim().startsWith("if ") && lines[i].contains(condition)) {
                for (int j = i + 1; j < lines.length && !lines[j].trim().equals("fi"); j++) {
                    if (lines[j].trim().equals("exit 1")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- parsing

    private static Map<String, Map<?, ?>> maps(Object node) {
        Map<String, Map<?, ?>> maps = new LinkedHashMap<>();
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> maps.put(str(k), v instanceof Map<?, ?> m ? m : Map.of()));
        }
        return maps;
    }

    private static List<Step> steps(Object node) {
        List<Step> steps = new ArrayList<>();
        if (node instanceof List<?> list) {
            list.stream().filter(Map.class::isInstance).map(Map.class::cast).forEach(s -> steps.add(new Step(
                    str(s.get("name")), str(s.get("uses")), map(s.get("with")), map(s.get("env")), str(s.get("run")))));
        }
        return steps;
    }

    /** Per matrix key, its values: of the key's list and of every {@code include} row. */
    private static Map<String, List<String>> matrix(Object strategy) {
        Map<String, List<String>> matrix = new LinkedHashMap<>();
        if (strategy instanceof Map<?, ?> s && s.get("matrix") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (v instanceof List<?> values && !"include".equals(k)) {
                    matrix.computeIfAbsent(str(k), x -> new ArrayList<>()).addAll(list(values));
                }
            });
            if (m.get("include") instanceof List<?> rows) {
                rows.stream().filter(Map.class::isInstance).map(Map.class::cast).forEach(row -> row.forEach((k, v) ->
                        matrix.computeIfAbsent(str(k), x -> new ArrayList<>()).add(str(v))));
            }
        }
        return matrix;
    }

    /** read-all / write-all become {"*": read|write}; null when not declared. */
    private static Map<String, String> permissions(Object node) {
        if (node == null) {
            return null;
        }
        return node instanceof Map<?, ?> ? map(node) : Map.of("*", str(node).replace("-all", ""));
    }

    private static Concurrency concurrency(Object node) {
        if (node == null) {
            return null;
        }
        // A bare group name takes cancel-in-progress' default, false.
        return node instanceof Map<?, ?> c ? new Concurrency(str(c.get("group")), Boolean.TRUE.equals(c.get("cancel-in-progress"))
                || str(c.get("cancel-in-progress")).contains("${{")) : new Concurrency(str(node), false);
    }

    /** The job's {@code if}, without ${{ }} and with whitespace collapsed. */
    private static String condition(Object node) {
        return str(node).trim().replaceAll("^\\$\\{\\{(.*)}}$", "$1").replaceAll("\\s+", " ").trim();
    }

    private static List<String> list(Object node) {
        return node instanceof List<?> list ? list.stream().map(WorkflowChecks::str).toList()
                : node == null ? List.of() : List.of(str(node));
    }

    private static Map<String, String> map(Object node) {
        Map<String, String> strings = new LinkedHashMap<>();
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> strings.put(str(k), str(v)));
        }
        return strings;
    }

    static String str(Object value) {
        return value == null ? "" : String.valueOf(value);
    }
}
