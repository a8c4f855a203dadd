package com.acme.platform.eks.delivery;

import com.acme.platform.eks.Stacks;
import com.acme.platform.eks.platform.CanonicalJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * scripts/setup-github against a fake {@code gh} and a fake {@code pulumi} on the PATH: the calls it makes (or, in a
 * dry run, would make) from the bootstrap stacks' outputs as the renders produce them.
 */
class SetupGithubTest {
    private static final String REPO = "acme/eks-platform";

    @TempDir
    Path dir;

    /** Fakes that log every call (one line, arguments separated by " | ") and what they read on stdin. */
    private Path fakes(boolean branchPolicyExists) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String stack : List.of("bootstrap-dev", "bootstrap-prod")) {
            Files.writeString(dir.resolve(stack + ".json"), CanonicalJson.write(Stacks.plan(stack).outputs()));
        }
        String log = """
                #!/usr/bin/env bash
                line="$(basename "$0")"; for a in "$@"; do line="$line | $a"; done
                echo "$line" >> "%1$s/calls.log"
                """.formatted(dir);
        fake(bin, "pulumi", log + """
                if [ "$2" = output ]; then cat "%1$s/$5.json"; fi
                exit 0
                """.formatted(dir));
        fake(bin, "gh", log + """
                case "$*" in
                  "secret set"*|*"--input -"*) echo "stdin of $3: $(cat)" >> "%1$s/stdin.log" ;;
                  "api users/alice") echo '{"id": 42}' ;;
                  "api orgs/acme/teams/leads") echo '{"id": 7}' ;;
                  *deployment-branch-policies) %2$s ;;
                esac
                exit 0
                """.formatted(dir, branchPolicyExists ? "echo '{\"branch_policies\": [{\"name\": \"main\", \"type\": \"branch\"}]}'"
                        : "exit 1"));
        return bin;
    }

    private static void fake(Path bin, String name, String script) throws IOException {
        Path file = bin.resolve(name);
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private record Run(int status, String out, List<String> calls, String stdin) { }

    private Run run(Path bin, Map<String, String> env, String... args) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of("python3", "scripts/setup-github"));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("PULUMI_"));
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes());
        int status = process.waitFor();
        Path calls = dir.resolve("calls.log");
        Path stdin = dir.resolve("stdin.log");
        var run = new Run(status, out, Files.exists(calls) ? Files.readAllLines(calls) : List.of(),
                Files.exists(stdin) ? Files.readString(stdin) : "");
        Files.deleteIfExists(calls);
        Files.deleteIfExists(stdin);
        return run;
    }

    private static String output(String stack, String name) {
        return (String) Stacks.plan(stack).outputs().get(name);
    }

    @Test
    void theDryRunReadsTheOutputsAndPrintsEveryWriteWithoutMakingIt() throws Exception {
        var run = run(fakes(false), Map.of(), "--repo", REPO, "--reviewer", "alice", "--reviewer", "team:acme/leads",
                "--prod-runner", "prod-vpc", "--create-stacks", "--dry-run");
        assertEquals(0, run.status(), run.out() + run.calls());
        for (String call : run.calls()) {
            assertTrue(call.startsWith("pulumi | stack | output | --json") || call.startsWith("gh | api | users/")
                    || call.startsWith("gh | api | orgs/") || call.endsWith("/deployment-branch-policies"),
                    "a dry run made a write: " + call);
        }
        for (var variable : List.of(
                List.of("DEPLOY_ROLE_ARN_DEV", output("bootstrap-dev", "devDeployRoleArn")),
                List.of("PREVIEW_ROLE_ARN_DEV", output("bootstrap-dev", "previewRoleArn")),
                List.of("DEPLOY_ROLE_ARN_PROD", output("bootstrap-prod", "prodDeployRoleArn")),
                List.of("PRODUCTION_PREVIEW_ROLE_ARN", output("bootstrap-prod", "productionPreviewRoleArn")),
                List.of("PROD_RUNNER", "prod-vpc"))) {
            assertTrue(run.out().contains("would run: gh variable set " + variable.get(0) + " --body " + variable.get(1)
                    + " --repo " + REPO + "\n"), variable + " in\n" + run.out());
        }
        assertTrue(run.out().contains("would run: gh api --method PUT repos/" + REPO + "/environments/production"
                + " --input - <<< {\"deployment_branch_policy\": {\"custom_branch_policies\": true,"
                + " \"protected_branches\": false}, \"prevent_self_review\": true, \"reviewers\": [{\"id\": 42,"
                + " \"type\": \"User\"}, {\"id\": 7, \"type\": \"Team\"}], \"wait_timer\": 0}"), run.out());
        assertTrue(run.out().contains("environments/production-preview --input - <<< {\"deployment_branch_policy\":"
                + " {\"custom_branch_policies\": true, \"protected_branches\": false}, \"prevent_self_review\": false,"
                + " \"reviewers\": [], \"wait_timer\": 0}"), run.out());
        assertTrue(run.out().contains("environments/production-preview/deployment-branch-policies -f name=main"
                + " -f type=branch"), run.out());
        assertTrue(run.out().contains("skipped: secret PULUMI_ACCESS_TOKEN_PROD of production"
                + " (PULUMI_ACCESS_TOKEN_PROD_DEPLOY is not set)"), run.out());
        assertTrue(run.out().contains("would run: pulumi stack select --create --stack prod"), run.out());
        assertFalse(run.out().contains("AWS_REGION"), "the region comes from each stack file");
    }

    @Test
    void secretsGoToGhOnStdinAndTheRunIsIdempotent() throws Exception {
        var env = Map.of("PULUMI_ACCESS_TOKEN_DEV", "tok-dev-123", "PULUMI_ACCESS_TOKEN_PROD_DEPLOY", "tok-deploy-456",
                "PULUMI_ACCESS_TOKEN_PROD_PREVIEW", "tok-preview-789");
        var first = run(fakes(false), env, "--repo", REPO, "--reviewer", "alice");
        assertEquals(0, first.status(), first.out());
        assertTrue(first.calls().contains("gh | secret | set | PULUMI_ACCESS_TOKEN_DEV | --repo | " + REPO),
                first.calls().toString());
        assertTrue(first.calls().contains("gh | secret | set | PULUMI_ACCESS_TOKEN_PROD | --env | production | --repo | "
                + REPO), first.calls().toString());
        assertTrue(first.calls().contains("gh | secret | set | PULUMI_ACCESS_TOKEN_PROD | --env | production-preview"
                + " | --repo | " + REPO), first.calls().toString());
        for (String token : env.values()) {
            assertTrue(first.stdin().contains(token), "secret value on stdin: " + token);
            assertTrue(first.calls().stream().noneMatch(c -> c.contains(token)), "a secret on a command line");
            assertFalse(first.out().contains(token), "a secret in the output");
        }
        long branchPolicies = first.calls().stream().filter(c -> c.contains("--method | POST")).count();
        assertEquals(2, branchPolicies, "main for each environment");

        var again = run(fakes(true), env, "--repo", REPO, "--reviewer", "alice");
        assertEquals(0, again.status(), again.out());
        assertEquals(first.calls().stream().filter(c -> !c.contains("--method | POST")).toList(), again.calls(),
                "the second run sets the same values and adds no second branch policy");
    }

    @Test
    void withPulumiOidcNoTokenIsStoredAndAMissingOutputStopsBeforeAnyWrite() throws Exception {
        var run = run(fakes(false), Map.of("PULUMI_ACCESS_TOKEN_DEV", "tok-dev-123"), "--repo", REPO, "--reviewer",
                "alice", "--pulumi-oidc-organization", "acme");
        assertEquals(0, run.status(), run.out() + run.calls());
        assertTrue(run.calls().contains("gh | variable | set | PULUMI_OIDC_ORGANIZATION | --body | acme | --repo | "
                + REPO), run.calls().toString());
        assertTrue(run.calls().stream().noneMatch(c -> c.contains("PULUMI_ACCESS_TOKEN")), run.calls().toString());

        Path bin = fakes(false);
        Files.writeString(dir.resolve("bootstrap-prod.json"), "{}");
        var broken = run(bin, Map.of(), "--repo", REPO, "--reviewer", "alice");
        assertEquals(1, broken.status());
        assertTrue(broken.out().contains("bootstrap-prod output prodDeployRoleArn (for DEPLOY_ROLE_ARN_PROD)"),
                broken.out());
        assertTrue(broken.calls().stream().allMatch(c -> c.startsWith("pulumi | stack | output")), broken.calls()
                .toString());
    }
}
