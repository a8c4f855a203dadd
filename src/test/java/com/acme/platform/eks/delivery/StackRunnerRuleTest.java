package com.acme.platform.eks.delivery;

import com.acme.platform.eks.Stacks;
import com.acme.platform.eks.config.ClusterConfig;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17, item 4: prod's runner rule for every stack. A deploy or drift job of a stack can reach the stack's API
 * endpoint from a GitHub-hosted runner only while the stack file leaves the endpoint public and open to all; a job of
 * a stack whose endpoint is private or CIDR-restricted runs on the stack's runner inside the VPC
 * ({@code <STACK>_RUNNER}), with the same first-step check as prod's jobs, and never assumes the endpoint public.
 */
class StackRunnerRuleTest {
    static final List<String> WORKFLOWS = List.of("deploy.yml", "drift.yml");

    /** The repository variable prefix of a stack: {@code dev} to {@code DEV}, {@code team-eu} to {@code TEAM_EU}. */
    static String variablePrefix(String stack) {
        return stack.toUpperCase().replaceAll("[^A-Z0-9]", "_");
    }

    /** Whether GitHub's hosted runners cannot reach the stack's API endpoint (private, or limited to CIDRs). */
    static boolean endpointClosedToGithub(ClusterConfig cluster) {
        return !cluster.endpointPublicAccess()
                || !cluster.publicAccessCidrs().isEmpty() && !cluster.publicAccessCidrs().contains("0.0.0.0/0");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> jobs(String workflow) {
        try {
            var doc = (Map<String, Object>) new Yaml(new LoaderOptions())
                    .load(Files.readString(Path.of(".github/workflows", workflow)));
            return (Map<String, Map<String, Object>>) doc.get("jobs");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stacks a job runs pulumi on (the {@code stack-name} of its pulumi/actions steps). */
    @SuppressWarnings("unchecked")
    static List<String> stacksOf(Map<String, Object> job) {
        var stacks = new ArrayList<String>();
        for (var step : (List<Map<String, Object>>) job.getOrDefault("steps", List.of())) {
            if (String.valueOf(step.get("uses")).startsWith("pulumi/actions@") && step.get("with") instanceof Map<?, ?> with
                    && with.get("stack-name") instanceof String stack && !stacks.contains(stack)) {
                stacks.add(stack);
            }
        }
        return stacks;
    }

    /** The rule over the workflows, for stacks whose endpoint is (true) or is not (false) closed to GitHub. */
    @SuppressWarnings("unchecked")
    static List<String> problems(Map<String, Boolean> closedByStack) {
        var problems = new ArrayList<String>();
        for (String workflow : WORKFLOWS) {
            for (var entry : jobs(workflow).entrySet()) {
                var job = entry.getValue();
                for (String stack : stacksOf(job)) {
                    if (!closedByStack.containsKey(stack)) {
                        continue;
                    }
                    String prefix = variablePrefix(stack);
                    String where = workflow + " " + entry.getKey() + " (stack " + stack + ")";
                    if (!String.valueOf(job.get("runs-on")).contains("vars." + prefix + "_RUNNER")) {
                        problems.add(where + ": runs-on must be the stack's runner, vars." + prefix + "_RUNNER");
                    }
                    var first = ((List<Map<String, Object>>) job.get("steps")).get(0);
                    var env = first.get("env") instanceof Map<?, ?> m ? m : Map.of();
                    String run = String.valueOf(first.get("run"));
                    if (!String.valueOf(env.get(prefix + "_RUNNER")).equals("${{ vars." + prefix + "_RUNNER }}")
                            || !run.contains("$" + prefix + "_RUNNER") || !run.contains("command -v aws")
                            || !run.contains(ProdRunnerTest.NODE24_RUNNER)) {
                        problems.add(where + ": the first step must check " + prefix + "_RUNNER, the AWS CLI and name"
                                + " the runner version node24 actions need, as prod's jobs do");
                    }
                    Object apiPublic = env.get(prefix + "_API_PUBLIC");
                    if (closedByStack.get(stack) && !("${{ vars." + prefix + "_API_PUBLIC }}").equals(apiPublic)) {
                        problems.add(where + ": Pulumi." + stack + ".yaml makes the API endpoint private or"
                                + " CIDR-restricted, so GitHub's runners cannot reach it: " + prefix + "_API_PUBLIC must"
                                + " not default to 'true' (was " + apiPublic + "); run the job on " + prefix
                                + "_RUNNER, a runner inside the VPC");
                    }
                }
            }
        }
        return problems;
    }

    private static Map<String, Boolean> committedStacks() {
        var closed = new LinkedHashMap<String, Boolean>();
        Stacks.platform().forEach(stack -> closed.put(stack,
                endpointClosedToGithub(Stacks.config(stack, Map.of()).cluster())));
        return closed;
    }

    @Test
    void everyStacksDeployAndDriftJobsFollowTheRunnerRule() {
        var closed = committedStacks();
        assertTrue(closed.get("prod"), "prod's endpoint is private");
        assertEquals(List.of(), problems(closed));
        for (String stack : closed.keySet()) {
            long jobs = WORKFLOWS.stream().flatMap(w -> jobs(w).values().stream())
                    .filter(job -> stacksOf(job).contains(stack)).count();
            assertTrue(jobs >= 2, stack + " has deploy and drift jobs under the rule, found " + jobs);
        }
    }

    /** A runner inside a stack's VPC takes no job of a pull request workflow (DeliveryHardeningTest, for prod). */
    @Test
    @SuppressWarnings("unchecked")
    void noPullRequestWorkflowNamesAStacksRunner() throws IOException {
        var problems = new ArrayList<String>();
        try (var files = Files.list(Path.of(".github/workflows"))) {
            for (Path file : files.filter(f -> f.toString().matches(".*\\.ya?ml")).toList()) {
                String text = Files.readString(file);
                var doc = (Map<Object, Object>) new Yaml(new LoaderOptions()).load(text);
                // YAML 1.1 reads the key `on` as true.
                Object on = doc.containsKey("on") ? doc.get("on") : doc.get(Boolean.TRUE);
                String triggers = String.valueOf(on);
                if (!triggers.contains("pull_request")) {
                    continue;
                }
                for (String stack : Stacks.platform()) {
                    if (text.contains(variablePrefix(stack) + "_RUNNER")) {
                        problems.add(file.getFileName() + " runs on pull requests and names " + variablePrefix(stack)
                                + "_RUNNER");
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void makingDevsEndpointPrivateWithoutItsRunnerIsCaught() {
        var closed = committedStacks();
        assertFalse(closed.get("dev"), "the committed dev endpoint is public and open");
        for (var change : List.<Map<String, Object>>of(Map.of("endpointPublicAccess", false),
                Map.of("publicAccessCidrs", List.of("203.0.113.0/24")))) {
            closed.put("dev", endpointClosedToGithub(Stacks.config("dev", change).cluster()));
            var problems = problems(closed);
            assertEquals(2, problems.size(), change + ": " + problems);
            assertTrue(problems.stream().allMatch(p -> p.contains("DEV_RUNNER") && p.contains("stack dev")), problems::toString);
        }
    }
}
