package com.acme.platform.eks.delivery;

import com.acme.platform.eks.platform.IamPath;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The delivery hardening of the security review (issue 16), on the workflow files as committed: who may run on
 * prod's runner, which credentials a job holds, one concurrency group per stack, and which Pulumi token reaches
 * which stack. Self-contained (reads the YAML with SnakeYAML); each rule is a function of one parsed workflow, and
 * {@link TheRulesCanFail} feeds each a workflow that breaks it.
 */
class DeliveryHardeningTest {
    static final Path WORKFLOWS = Path.of(".github", "workflows");
    static final String PULUMI_ACTION = "pulumi/actions@";
    static final String AWS_CREDENTIALS_ACTION = "aws-actions/configure-aws-credentials@";
    /** The environments whose deployment branches are main only (docs/delivery.md, "Repository settings"). */
    static final Set<String> MAIN_ONLY_ENVIRONMENTS = Set.of("production", "production-preview");
    static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{(.*?)}}", Pattern.DOTALL);
    static final Pattern SECRET = Pattern.compile("secrets\\.([A-Za-z_][A-Za-z0-9_]*)");
    /** The id of the step that exchanges the job's OIDC token for a Pulumi Cloud team token (pulumi/auth-actions). */
    static final String PULUMI_OIDC_STEP = "pulumi-oidc";
    static final Pattern STACK_OPTION = Pattern.compile("(?:-s|--stack)(?:\\s+|=)([^\\s;&|]+)");

    record Workflow(String file, Map<?, ?> doc) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Workflow parse(String file, String yaml) {
        return new Workflow(file, new Yaml().load(yaml));
    }

    static List<Workflow> workflows() throws IOException {
        var all = new ArrayList<Workflow>();
        try (Stream<Path> files = Files.list(WORKFLOWS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
                all.add(parse(f.getFileName().toString(), Files.readString(f)));
            }
        }
        assertTrue(all.size() >= 4, "workflows: " + all);
        return all;
    }

    // ---------------------------------------------------------------- reading a workflow

    /** YAML 1.1 reads the key {@code on} as the boolean true. */
    static Set<String> triggers(Workflow w) {
        Object on = w.doc().containsKey("on") ? w.doc().get("on") : w.doc().get(Boolean.TRUE);
        var triggers = new LinkedHashSet<String>();
        if (on instanceof String s) {
            triggers.add(s);
        } else if (on instanceof List<?> list) {
            list.forEach(t -> triggers.add(String.valueOf(t)));
        } else if (on instanceof Map<?, ?> map) {
            map.keySet().forEach(t -> triggers.add(String.valueOf(t)));
        }
        return triggers;
    }

    static boolean pullRequestTriggered(Workflow w) {
        var triggers = triggers(w);
        return triggers.contains("pull_request") || triggers.contains("pull_request_target");
    }

    static Map<String, Map<?, ?>> jobs(Workflow w) {
        var jobs = new LinkedHashMap<String, Map<?, ?>>();
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
        var steps = new ArrayList<Map<?, ?>>();
        if (job.get("steps") instanceof List<?> list) {
            list.forEach(s -> {
                if (s instanceof Map<?, ?> step) {
                    steps.add(step);
                }
            });
        }
        return steps;
    }

    static String str(Object o) {
        return o == null ? "" : String.valueOf(o);
    }

    static Map<?, ?> map(Object o) {
        return o instanceof Map<?, ?> m ? m : Map.of();
    }

    static boolean uses(Map<?, ?> step, String action) {
        return str(step.get("uses")).startsWith(action);
    }

    static String environment(Map<?, ?> job) {
        Object env = job.get("environment");
        return env instanceof Map<?, ?> m ? str(m.get("name")) : str(env);
    }

    /**
     * The stacks a job's pulumi steps act on: pulumi/actions' {@code stack-name}, or {@code --stack}/{@code -s} of
     * a {@code pulumi} command in a script. An expression (a matrix value) is returned as written, so that a rule
     * can refuse what it cannot resolve.
     */
    static Map<Map<?, ?>, String> pulumiSteps(Map<?, ?> job) {
        var stacks = new LinkedHashMap<Map<?, ?>, String>();
        for (var step : steps(job)) {
            if (uses(step, PULUMI_ACTION)) {
                stacks.put(step, str(map(step.get("with")).get("stack-name")));
            }
            for (String line : str(step.get("run")).split("\\R")) {
                Matcher stack = STACK_OPTION.matcher(line);
                if (line.matches(".*\\bpulumi\\b.*") && stack.find()) {
                    stacks.put(step, stack.group(1).replace("\"", "").replace("'", ""));
                }
            }
        }
        return stacks;
    }

    /** The value of an environment variable for a step: the step's env, else the job's, else the workflow's. */
    static String envOf(Workflow w, Map<?, ?> job, Map<?, ?> step, String name) {
        for (Object env : List.of(map(step.get("env")), map(job.get("env")), map(w.doc().get("env")))) {
            if (((Map<?, ?>) env).containsKey(name)) {
                return str(((Map<?, ?>) env).get(name));
            }
        }
        return "";
    }

    /** The names of the secrets a piece of a workflow refers to. */
    static Set<String> secretsIn(Object node) {
        var names = new LinkedHashSet<String>();
        Matcher expressions = EXPRESSION.matcher(new Yaml().dump(node));
        while (expressions.find()) {
            Matcher secret = SECRET.matcher(expressions.group(1));
            while (secret.find()) {
                names.add(secret.group(1));
            }
        }
        return names;
    }

    // ---------------------------------------------------------------- the rules

    /**
     * Item 2: no job of a workflow that pull requests trigger may run on prod's runner: not by {@code runs-on}
     * (label, list, group or labels), and not through any expression of that workflow naming PROD_RUNNER.
     */
    static List<String> pullRequestJobsOnProdsRunner(Workflow w) {
        var violations = new ArrayList<String>();
        if (!pullRequestTriggered(w)) {
            return violations;
        }
        jobs(w).forEach((name, job) -> {
            if (new Yaml().dump(job.get("runs-on")).contains("PROD_RUNNER")) {
                violations.add(w + ": job " + name + " of a pull request workflow runs on " + job.get("runs-on"));
            }
        });
        Matcher expressions = EXPRESSION.matcher(new Yaml().dump(w.doc()));
        while (expressions.find()) {
            if (expressions.group(1).contains("PROD_RUNNER")) {
                violations.add(w + ": a pull request workflow names PROD_RUNNER: " + expressions.group().trim());
            }
        }
        return violations;
    }

    /**
     * Item 3: a job that runs no {@code pulumi up} holds no write credentials: it assumes a read-only role, or a
     * deploy role with the read-only session policy ({@code eks-platform-refresh-read}, built next to it by the
     * bootstrap stack of its account) computed from that role's own ARN in an earlier step.
     */
    static List<String> readOnlyJobsWithWriteCredentials(Workflow w) {
        var violations = new ArrayList<String>();
        String readOnlyPolicy = ":policy" + IamPath.DELIVERY + GithubDeployRoles.REFRESH_READ_POLICY;
        jobs(w).forEach((name, job) -> {
            boolean ups = pulumiSteps(job).keySet().stream()
                    .anyMatch(st -> List.of("up", "update", "destroy", "refresh").contains(
                            str(map(st.get("with")).get("command")))
                            || str(st.get("run")).matches("(?s).*\\bpulumi\\s+(up|update|destroy|refresh)\\b.*"));
            if (ups) {
                return;
            }
            var steps = steps(job);
            for (int i = 0; i < steps.size(); i++) {
                var step = steps.get(i);
                String role = str(map(step.get("with")).get("role-to-assume"));
                if (!uses(step, AWS_CREDENTIALS_ACTION) || !role.contains("DEPLOY_ROLE_ARN")) {
                    continue;
                }
                String session = str(map(step.get("with")).get("managed-session-policies")).replace(" ", "");
                Matcher output = Pattern.compile("\\$\\{\\{steps\\.([A-Za-z0-9_-]+)\\.outputs\\.([A-Za-z0-9_-]+)}}")
                        .matcher(session);
                boolean derived = false;
                if (output.matches()) {
                    for (var before : steps.subList(0, i)) {
                        String run = str(before.get("run"));
                        derived |= output.group(1).equals(str(before.get("id")))
                                && run.contains(output.group(2) + "=")
                                && run.contains(readOnlyPolicy)
                                && str(map(before.get("env")).values()).replace(" ", "").contains(role.replace(" ", ""));
                    }
                }
                if (!derived) {
                    violations.add(w + ": job " + name + " runs no pulumi up but assumes " + role
                            + " without the read-only session policy " + readOnlyPolicy + " of that role's account");
                }
            }
        });
        return violations;
    }

    /**
     * Item 4: every job that runs pulumi on a stack is in that stack's one concurrency group, {@code pulumi-<stack>},
     * with {@code cancel-in-progress: false} (an up is in every such group), and names its stack literally.
     */
    static List<String> stacksOutsideTheirConcurrencyGroup(Workflow w) {
        var violations = new ArrayList<String>();
        jobs(w).forEach((name, job) -> {
            var stacks = new LinkedHashSet<>(pulumiSteps(job).values());
            for (String stack : stacks) {
                if (!stack.matches("[a-z0-9-]+")) {
                    violations.add(w + ": job " + name + " runs pulumi on '" + stack + "', not one named stack, so"
                            + " its concurrency group cannot be checked");
                    continue;
                }
                var concurrency = map(job.get("concurrency"));
                if (!("pulumi-" + stack).equals(str(concurrency.get("group")))) {
                    violations.add(w + ": job " + name + " runs pulumi on " + stack + " outside the group pulumi-"
                            + stack + " (concurrency: " + job.get("concurrency") + ")");
                } else if (!Boolean.FALSE.equals(concurrency.get("cancel-in-progress"))) {
                    violations.add(w + ": job " + name + " is in pulumi-" + stack
                            + ", where an up runs, without cancel-in-progress: false");
                }
            }
            if (stacks.size() > 1) {
                violations.add(w + ": job " + name + " runs pulumi on several stacks " + stacks);
            }
        });
        return violations;
    }

    /**
     * Item 8: every pulumi step logs in with its own stack's token ({@code secrets.PULUMI_ACCESS_TOKEN_<STACK>}),
     * the unscoped {@code PULUMI_ACCESS_TOKEN} secret is gone, a prod secret appears only in jobs bound to a
     * main-only environment (where it is an environment secret), and a workflow that pull requests trigger touches
     * no stack but dev and refers to no secret but dev's token.
     */
    static List<String> tokensBeyondTheirStack(Workflow w) {
        var violations = new ArrayList<String>();
        jobs(w).forEach((name, job) -> {
            pulumiSteps(job).forEach((step, stack) -> {
                String suffix = stack.toUpperCase().replace('-', '_');
                String expected = "${{steps." + PULUMI_OIDC_STEP + ".outputs.pulumi-access-token||secrets.PULUMI_ACCESS_TOKEN_"
                        + suffix + "}}";
                String token = envOf(w, job, step, "PULUMI_ACCESS_TOKEN").replace(" ", "");
                if (!token.equals(expected)) {
                    violations.add(w + ": job " + name + " runs pulumi on " + stack + " with PULUMI_ACCESS_TOKEN '"
                            + token + "', not " + expected);
                }
                // Issue 18: the OIDC exchange asks for a team of this stack only (eks-platform-<stack>[-...]).
                steps(job).stream().filter(st -> PULUMI_OIDC_STEP.equals(st.get("id"))).forEach(st -> {
                    String scope = str(map(st.get("with")).get("scope"));
                    if (!scope.equals("team:eks-platform-" + stack) && !scope.startsWith("team:eks-platform-" + stack + "-")) {
                        violations.add(w + ": job " + name + " runs pulumi on " + stack
                                + " with a Pulumi Cloud token of " + scope);
                    }
                });
                // Issue 18, item 7: the S3 backend and a passphrase secrets provider reach every pulumi step.
                String backend = envOf(w, job, step, "PULUMI_BACKEND_URL").replace(" ", "");
                if (!backend.equals("${{vars.PULUMI_BACKEND_URL}}")) {
                    violations.add(w + ": job " + name + " runs pulumi on " + stack
                            + " without PULUMI_BACKEND_URL from vars.PULUMI_BACKEND_URL");
                }
                String passphrase = envOf(w, job, step, "PULUMI_CONFIG_PASSPHRASE").replace(" ", "");
                if (!passphrase.equals("${{secrets.PULUMI_CONFIG_PASSPHRASE_" + suffix + "}}")) {
                    violations.add(w + ": job " + name + " runs pulumi on " + stack
                            + " without PULUMI_CONFIG_PASSPHRASE from secrets.PULUMI_CONFIG_PASSPHRASE_" + suffix);
                }
                if (pullRequestTriggered(w) && !stack.equals("dev")) {
                    violations.add(w + ": job " + name + " of a pull request workflow runs pulumi on " + stack);
                }
            });
            var secrets = secretsIn(job);
            if (secrets.contains("PULUMI_ACCESS_TOKEN")) {
                violations.add(w + ": job " + name + " uses the unscoped secret PULUMI_ACCESS_TOKEN");
            }
            boolean mainOnly = MAIN_ONLY_ENVIRONMENTS.contains(environment(job)) && !pullRequestTriggered(w);
            for (String secret : secrets) {
                if (secret.contains("PROD") && !mainOnly) {
                    violations.add(w + ": job " + name + " uses " + secret + " outside " + MAIN_ONLY_ENVIRONMENTS);
                }
                if (pullRequestTriggered(w) && !Set.of("PULUMI_ACCESS_TOKEN_DEV", "PULUMI_CONFIG_PASSPHRASE_DEV", "GITHUB_TOKEN").contains(secret)) {
                    violations.add(w + ": job " + name + " of a pull request workflow uses the secret " + secret);
                }
            }
        });
        for (String secret : secretsIn(Map.of("env", map(w.doc().get("env")), "defaults", map(w.doc().get("defaults"))))) {
            violations.add(w + ": the workflow hands every job the secret " + secret);
        }
        return violations;
    }

    /**
     * Issue 18, item 2: a job that assumes an AWS role takes the region of the stack it acts on from that stack's own
     * file ({@code region --stack <stack>} in a step {@code stack}), never from one repository-wide variable.
     */
    static List<String> regionsNotFromTheirStack(Workflow w) {
        var violations = new ArrayList<String>();
        jobs(w).forEach((name, job) -> {
            var stacks = new LinkedHashSet<>(pulumiSteps(job).values());
            for (var step : steps(job)) {
                if (!uses(step, AWS_CREDENTIALS_ACTION)) {
                    continue;
                }
                String region = str(map(step.get("with")).get("aws-region")).replace(" ", "");
                if (!region.equals("${{steps.stack.outputs.region}}")) {
                    violations.add(w + ": job " + name + " takes its AWS region from '" + region
                            + "', not from its stack file (steps.stack.outputs.region)");
                    continue;
                }
                var reader = steps(job).stream().filter(st -> "stack".equals(st.get("id"))).findFirst();
                String run = reader.map(st -> str(st.get("run"))).orElse("");
                if (stacks.size() != 1 || !run.contains("region --stack " + stacks.iterator().next() + ")")) {
                    violations.add(w + ": job " + name + " reads its region with '" + run
                            + "', not region --stack of the stack it runs pulumi on " + stacks);
                }
            }
        });
        return violations;
    }

    @Test
    void everyJobTakesItsRegionFromItsOwnStackFile() throws IOException {
        assertNone(onAll(DeliveryHardeningTest::regionsNotFromTheirStack));
        assertTrue(workflows().stream().noneMatch(w -> w.doc().toString().contains("vars.AWS_REGION")));
    }

    // ---------------------------------------------------------------- the committed workflows

    private static void assertNone(List<String> violations) {
        assertEquals(List.of(), violations, String.join("\n", violations));
    }

    private static List<String> onAll(java.util.function.Function<Workflow, List<String>> rule) throws IOException {
        var violations = new ArrayList<String>();
        workflows().forEach(w -> violations.addAll(rule.apply(w)));
        return violations;
    }

    @Test
    void noPullRequestJobRunsOnProdsRunner() throws IOException {
        assertTrue(workflows().stream().anyMatch(DeliveryHardeningTest::pullRequestTriggered));
        assertNone(onAll(DeliveryHardeningTest::pullRequestJobsOnProdsRunner));
    }

    /** docs/delivery.md tells how to keep prod's runner to the deploy and drift workflows of main, one job each. */
    @Test
    void theDocsRestrictProdsRunnerToTheDeployAndDriftWorkflowsOnMain() throws IOException {
        String docs = Files.readString(Path.of("docs", "delivery.md"));
        int start = docs.indexOf("## The prod runner");
        assertTrue(start >= 0, "docs/delivery.md has no section The prod runner");
        int end = docs.indexOf("\n## ", start + 1);
        String section = docs.substring(start, end < 0 ? docs.length() : end);
        for (String required : List.of("--ephemeral", "runner group", "Selected workflows",
                ".github/workflows/deploy.yml@refs/heads/main", ".github/workflows/drift.yml@refs/heads/main",
                "DeliveryHardeningTest")) {
            assertTrue(section.contains(required), "The prod runner section does not say " + required);
        }
    }

    @Test
    void driftChecksHoldNoWriteCredentials() throws IOException {
        assertNone(onAll(DeliveryHardeningTest::readOnlyJobsWithWriteCredentials));
        // The dev drift check is the job this is about: it does assume a role (the dev deploy role, read-only).
        var drift = workflows().stream().filter(w -> w.file().equals("drift.yml")).findFirst().orElseThrow();
        var driftDev = jobs(drift).get("drift-dev");
        assertTrue(steps(driftDev).stream().anyMatch(st -> uses(st, AWS_CREDENTIALS_ACTION)
                && str(map(st.get("with")).get("managed-session-policies")).contains("steps.")));
    }

    @Test
    void everyJobOnAStackIsInThatStacksOneConcurrencyGroup() throws IOException {
        assertNone(onAll(DeliveryHardeningTest::stacksOutsideTheirConcurrencyGroup));
        var groups = new TreeMap<String, List<String>>();
        for (var w : workflows()) {
            jobs(w).forEach((name, job) -> {
                if (!pulumiSteps(job).isEmpty()) {
                    groups.computeIfAbsent(str(map(job.get("concurrency")).get("group")), g -> new ArrayList<>())
                            .add(w + " " + name);
                }
            });
        }
        assertEquals(Set.of("pulumi-dev", "pulumi-prod"), groups.keySet(), groups.toString());
        assertTrue(groups.get("pulumi-dev").containsAll(List.of("preview.yml preview", "deploy.yml deploy-dev",
                "drift.yml drift-dev")), groups.toString());
        assertTrue(groups.get("pulumi-prod").containsAll(List.of("deploy.yml preview-prod", "deploy.yml deploy-prod",
                "drift.yml drift-prod")), groups.toString());
    }

    @Test
    void pullRequestJobsNeverGetATokenThatReadsProd() throws IOException {
        assertNone(onAll(DeliveryHardeningTest::tokensBeyondTheirStack));
    }

    /** docs/delivery.md names the secrets, where each lives, and how Pulumi Cloud or an S3 backend scopes them. */
    @Test
    void theDocsSayHowEachTokenIsScoped() throws IOException {
        String docs = Files.readString(Path.of("docs", "delivery.md"));
        for (String required : List.of("PULUMI_ACCESS_TOKEN_DEV", "PULUMI_ACCESS_TOKEN_PROD", "environment secret",
                "team", "OIDC", "bucket policy", "prefix", "kms:Decrypt")) {
            assertTrue(docs.contains(required), "docs/delivery.md does not say " + required);
        }
        assertFalse(docs.contains("secret `PULUMI_ACCESS_TOKEN`"), "docs/delivery.md still names the unscoped token");
    }

    /** Each rule, fed a small workflow that breaks it, reports it. */
    @Nested
    class TheRulesCanFail {
        private static final String PULUMI = "pulumi/actions@8e5e406f4007fca908480587cb9893c07090f58d";
        private static final String AWS = "aws-actions/configure-aws-credentials@ec61189d14ec14c8efccab744f656cffd0e33f37";

        private void assertReports(List<String> violations, String expected) {
            assertTrue(violations.stream().anyMatch(v -> v.contains(expected)),
                    "expected a violation containing '" + expected + "', got " + violations);
        }

        @Test
        void aPullRequestJobOnProdsRunnerIsReported() {
            var w = parse("bad.yml", """
                    on: pull_request
                    jobs:
                      label:
                        runs-on: ${{ vars.PROD_RUNNER || 'ubuntu-latest' }}
                        steps: [{run: "true"}]
                      group:
                        runs-on: {group: prod, labels: ["${{ vars.PROD_RUNNER }}"]}
                        steps: [{run: "true"}]
                    """);
            assertReports(pullRequestJobsOnProdsRunner(w), "job label of a pull request workflow runs on");
            assertReports(pullRequestJobsOnProdsRunner(w), "job group of a pull request workflow runs on");
            var target = parse("bad.yml", """
                    on: {pull_request_target: {}}
                    env: {R: "${{ vars.PROD_RUNNER }}"}
                    jobs: {j: {runs-on: ubuntu-latest, steps: [{run: "true"}]}}
                    """);
            assertReports(pullRequestJobsOnProdsRunner(target), "names PROD_RUNNER");
        }

        @Test
        void aDriftCheckWithTheDeployRoleAloneIsReported() {
            var w = parse("bad.yml", """
                    on: schedule
                    jobs:
                      drift-dev:
                        runs-on: ubuntu-latest
                        steps:
                          - uses: %s
                            with: {role-to-assume: "${{ vars.DEPLOY_ROLE_ARN_DEV }}"}
                          - uses: %s
                            with: {command: preview, stack-name: dev, refresh: true}
                    """.formatted(AWS, PULUMI));
            assertReports(readOnlyJobsWithWriteCredentials(w), "job drift-dev runs no pulumi up but assumes");
        }

        @Test
        void aStackOutsideItsGroupOrACancellableGroupIsReported() {
            var w = parse("bad.yml", """
                    on: push
                    jobs:
                      none:
                        runs-on: ubuntu-latest
                        steps: [{uses: %1$s, with: {command: preview, stack-name: prod}}]
                      other:
                        runs-on: ubuntu-latest
                        concurrency: {group: drift-dev, cancel-in-progress: false}
                        steps: [{run: "pulumi preview --stack dev"}]
                      cancels:
                        runs-on: ubuntu-latest
                        concurrency: {group: pulumi-dev, cancel-in-progress: true}
                        steps: [{uses: %1$s, with: {command: preview, stack-name: dev}}]
                      matrix:
                        runs-on: ubuntu-latest
                        concurrency: {group: pulumi-dev, cancel-in-progress: false}
                        steps: [{uses: %1$s, with: {command: preview, stack-name: "${{ matrix.stack }}"}}]
                    """.formatted(PULUMI));
            var violations = stacksOutsideTheirConcurrencyGroup(w);
            assertReports(violations, "job none runs pulumi on prod outside the group pulumi-prod");
            assertReports(violations, "job other runs pulumi on dev outside the group pulumi-dev");
            assertReports(violations, "job cancels is in pulumi-dev, where an up runs, without cancel-in-progress");
            assertReports(violations, "job matrix runs pulumi on '${{ matrix.stack }}', not one named stack");
        }

        @Test
        void aTokenBeyondItsStackIsReported() {
            var pr = parse("bad.yml", """
                    on: pull_request
                    jobs:
                      preview:
                        runs-on: ubuntu-latest
                        steps:
                          - uses: %1$s
                            with: {command: preview, stack-name: prod}
                            env: {PULUMI_ACCESS_TOKEN: "${{ secrets.PULUMI_ACCESS_TOKEN }}"}
                      sneaky:
                        runs-on: ubuntu-latest
                        environment: production-preview
                        steps: [{run: "echo", env: {T: "${{ secrets.PULUMI_ACCESS_TOKEN_PROD }}"}}]
                    """.formatted(PULUMI));
            var violations = tokensBeyondTheirStack(pr);
            assertReports(violations, "with PULUMI_ACCESS_TOKEN '${{secrets.PULUMI_ACCESS_TOKEN}}', not "
                    + "${{steps.pulumi-oidc.outputs.pulumi-access-token||secrets.PULUMI_ACCESS_TOKEN_PROD}}");
            assertReports(violations, "job preview of a pull request workflow runs pulumi on prod");
            assertReports(violations, "job preview uses the unscoped secret PULUMI_ACCESS_TOKEN");
            assertReports(violations, "job sneaky uses PULUMI_ACCESS_TOKEN_PROD outside");
            var push = parse("bad.yml", """
                    on: push
                    env: {T: "${{ secrets.PULUMI_ACCESS_TOKEN_DEV }}"}
                    jobs:
                      up:
                        runs-on: ubuntu-latest
                        steps:
                          - uses: %1$s
                            with: {command: up, stack-name: prod}
                            env: {PULUMI_ACCESS_TOKEN: "${{ secrets.PULUMI_ACCESS_TOKEN_PROD }}"}
                    """.formatted(PULUMI));
            var pushViolations = tokensBeyondTheirStack(push);
            assertReports(pushViolations, "job up uses PULUMI_ACCESS_TOKEN_PROD outside");
            assertReports(pushViolations, "the workflow hands every job the secret PULUMI_ACCESS_TOKEN_DEV");
            assertReports(pushViolations, "job up runs pulumi on prod without PULUMI_BACKEND_URL");
            assertReports(pushViolations, "job up runs pulumi on prod without PULUMI_CONFIG_PASSPHRASE");
            var oidc = parse("bad.yml", """
                    on: push
                    jobs:
                      up:
                        runs-on: ubuntu-latest
                        environment: production
                        steps:
                          - {id: pulumi-oidc, uses: pulumi/auth-actions@x, with: {scope: "team:eks-platform-dev"}}
                          - uses: %1$s
                            with: {command: up, stack-name: prod}
                    """.formatted(PULUMI));
            assertReports(tokensBeyondTheirStack(oidc), "job up runs pulumi on prod with a Pulumi Cloud token of"
                    + " team:eks-platform-dev");
        }

        @Test
        void aRegionNotFromTheStackFileIsReported() {
            var w = parse("bad.yml", """
                    on: push
                    jobs:
                      shared:
                        runs-on: ubuntu-latest
                        steps:
                          - {uses: %2$s, with: {aws-region: "${{ vars.AWS_REGION }}"}}
                          - {uses: %1$s, with: {command: up, stack-name: dev}}
                      other:
                        runs-on: ubuntu-latest
                        steps:
                          - {id: stack, run: "echo region=$(java -jar target/eks-platform.jar region --stack dev)"}
                          - {uses: %2$s, with: {aws-region: "${{ steps.stack.outputs.region }}"}}
                          - {uses: %1$s, with: {command: up, stack-name: prod}}
                    """.formatted(PULUMI, AWS));
            var violations = regionsNotFromTheirStack(w);
            assertReports(violations, "job shared takes its AWS region from '${{vars.AWS_REGION}}'");
            assertReports(violations, "job other reads its region with");
        }
    }
}
