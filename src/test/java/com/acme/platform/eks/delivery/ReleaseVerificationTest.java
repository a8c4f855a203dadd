package com.acme.platform.eks.delivery;

import com.acme.platform.eks.Stacks;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every {@code pulumi up} in deploy.yml is followed by a check of the release it made (scripts/verify-release): the
 * app is ready and runs the version just deployed, within a bounded time, or the job fails with what it saw. The
 * script itself runs here against a local HTTP server and a stand-in kubectl.
 */
class ReleaseVerificationTest {
    static final Path DEPLOY = Path.of(".github/workflows/deploy.yml");
    static final Path SCRIPT = Path.of("scripts/verify-release");
    /** The stack outputs the script reads, by the env variable it reads each from. */
    static final Map<String, String> OUTPUT_OF_ENV = Map.ofEntries(
            Map.entry("APP_EXPOSURE", "appExposure"), Map.entry("APP_URL", "appUrl"),
            Map.entry("READINESS_PATH", "appReadinessPath"), Map.entry("VERSION_PATH", "appVersionPath"),
            Map.entry("VERSION_FIELD", "appVersionField"), Map.entry("VERSION_HEADER", "appVersionHeader"),
            Map.entry("EXPECTED_VERSION", "appExpectedVersion"), Map.entry("APP_NAME", "appName"),
            Map.entry("APP_NAMESPACE", "appNamespace"), Map.entry("CLUSTER_NAME", "clusterName"),
            Map.entry("AWS_REGION", "region"));

    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    // ---- the workflow -------------------------------------------------------------------------------------------

    @Test
    void everyUpOfDeployYmlIsFollowedByAReleaseCheckOfTheSameStack() throws IOException {
        var violations = releaseChecksMissing(Files.readString(DEPLOY));
        assertEquals(List.of(), violations, () -> String.join("\n", violations));
        long ups = Files.readString(DEPLOY).lines().filter(l -> l.trim().equals("command: up")).count();
        assertEquals(2, ups, "deploy.yml runs up on dev and prod");
    }

    @Test
    void anUpWithoutACheckIsCaught() {
        String bad = """
                jobs:
                  deploy:
                    timeout-minutes: 30
                    steps:
                      - uses: pulumi/actions@8e5e406f4007fca908480587cb9893c07090f58d # v7.0.0
                        with: {command: up, stack-name: dev}
                      - id: out
                        uses: pulumi/actions@8e5e406f4007fca908480587cb9893c07090f58d # v7.0.0
                        with: {command: output, stack-name: prod}
                      - env: {APP_URL: "${{ steps.out.outputs.appUrl }}", VERIFY_TIMEOUT_SECONDS: '60'}
                        run: APP_EXPOSURE=${{ steps.out.outputs.appExposure }} scripts/verify-release
                """;
        var violations = releaseChecksMissing(bad);
        assertTrue(violations.stream().anyMatch(v -> v.contains("no pulumi/actions output step for dev")),
                violations::toString);
        String interpolated = bad.replace("stack-name: prod}", "stack-name: dev}");
        var more = releaseChecksMissing(interpolated);
        assertTrue(more.stream().anyMatch(v -> v.contains("interpolates an expression")), more::toString);
        assertTrue(more.stream().anyMatch(v -> v.contains("does not pass READINESS_PATH")), more::toString);
    }

    @Test
    void theReleaseCheckIsBoundedWithinTheJobsTimeout() throws IOException {
        var violations = releaseChecksMissing(Files.readString(DEPLOY).replace("VERIFY_TIMEOUT_SECONDS: '900'",
                "VERIFY_TIMEOUT_SECONDS: '99999'"));
        assertTrue(violations.stream().anyMatch(v -> v.contains("VERIFY_TIMEOUT_SECONDS")), violations::toString);
    }

    /** What is missing after each pulumi/actions {@code up}: an {@code output} step of the same stack, then the script
     *  with every output through env, no expression in its script, and a deadline shorter than the job. */
    @SuppressWarnings("unchecked")
    static List<String> releaseChecksMissing(String workflowText) {
        var doc = (Map<String, Object>) new Yaml(new LoaderOptions()).load(workflowText);
        var problems = new ArrayList<String>();
        var jobs = (Map<String, Map<String, Object>>) doc.get("jobs");
        for (var job : jobs.entrySet()) {
            var steps = (List<Map<String, Object>>) job.getValue().get("steps");
            int jobSeconds = ((Number) job.getValue().getOrDefault("timeout-minutes", 360)).intValue() * 60;
            for (int i = 0; i < steps.size(); i++) {
                var with = (Map<String, Object>) steps.get(i).getOrDefault("with", Map.of());
                if (!pulumiAction(steps.get(i)) || !"up".equals(with.get("command"))) {
                    continue;
                }
                String stack = String.valueOf(with.get("stack-name"));
                String where = job.getKey() + " (up " + stack + ")";
                String outputId = null;
                int j = i + 1;
                for (; j < steps.size(); j++) {
                    var w = (Map<String, Object>) steps.get(j).getOrDefault("with", Map.of());
                    if (pulumiAction(steps.get(j)) && "output".equals(w.get("command"))
                            && stack.equals(String.valueOf(w.get("stack-name"))) && steps.get(j).get("id") != null) {
                        outputId = String.valueOf(steps.get(j).get("id"));
                        break;
                    }
                }
                if (outputId == null) {
                    problems.add(where + ": no pulumi/actions output step for " + stack + " (with an id) after the up");
                    continue;
                }
                Map<String, Object> check = null;
                for (int k = j + 1; k < steps.size() && check == null; k++) {
                    if (String.valueOf(steps.get(k).get("run")).contains("scripts/verify-release")) {
                        check = steps.get(k);
                    }
                }
                if (check == null) {
                    problems.add(where + ": no step runs scripts/verify-release after reading the outputs");
                    continue;
                }
                if (String.valueOf(check.get("run")).contains("${{")) {
                    problems.add(where + ": the release check interpolates an expression into its script (template"
                            + " injection); pass values through env");
                }
                var env = (Map<String, Object>) check.getOrDefault("env", Map.of());
                for (var e : OUTPUT_OF_ENV.entrySet()) {
                    String expected = "steps." + outputId + ".outputs." + e.getValue();
                    if (!String.valueOf(env.get(e.getKey())).replace(" ", "").equals("${{" + expected + "}}")) {
                        problems.add(where + ": the release check does not pass " + e.getKey() + " from " + expected);
                    }
                }
                String timeout = String.valueOf(env.get("VERIFY_TIMEOUT_SECONDS"));
                if (!timeout.matches("\\d+") || Integer.parseInt(timeout) >= jobSeconds) {
                    problems.add(where + ": VERIFY_TIMEOUT_SECONDS must be a number of seconds below the job's timeout"
                            + " (" + jobSeconds + " s), got " + timeout);
                }
            }
        }
        return problems;
    }

    private static boolean pulumiAction(Map<String, Object> step) {
        return String.valueOf(step.get("uses")).startsWith("pulumi/actions@");
    }

    // ---- the program's outputs ----------------------------------------------------------------------------------

    @Test
    void stacksExportWhatTheCheckReads() {
        var outputs = Stacks.plan("prod").outputs();
        for (String output : OUTPUT_OF_ENV.values()) {
            assertTrue(outputs.containsKey(output), "prod exports " + output + ": " + outputs.keySet());
        }
        assertEquals("public", outputs.get("appExposure"));
        assertEquals("https://api.example.com", outputs.get("appUrl"));
        assertEquals("/readyz", outputs.get("appReadinessPath"));
        assertEquals("/", outputs.get("appVersionPath"));
        assertEquals("version", outputs.get("appVersionField"));
        assertEquals("6.9.1", outputs.get("appExpectedVersion"));
    }

    @Test
    void theExpectedVersionFollowsTheImageAndAnInternalAppIsCheckedInTheCluster() {
        var outputs = Stacks.plan("dev", Map.of("appImageTag", "6.9.2", "appExposure", "internal",
                "appHostName", "api.internal.dev.example.com", "certificateNames",
                List.of("dev.example.com", "api.internal.dev.example.com", "argocd.internal.dev.example.com"),
                "appVersionHeader", "X-Version")).outputs();
        assertEquals("6.9.2", outputs.get("appExpectedVersion"));
        assertEquals("internal", outputs.get("appExposure"));
        assertEquals("X-Version", outputs.get("appVersionHeader"));
    }

    // ---- the script ---------------------------------------------------------------------------------------------

    @Test
    void passesOnceTheAppIsReadyWithTheDeployedVersion() throws Exception {
        var readiness = serve(2, "{\"hostname\":\"backend-1\",\"version\":\"6.9.1\"}", Map.of());
        var run = script(publicApp("6.9.1", 30));
        assertEquals(0, run.exit, run.output);
        assertTrue(readiness.get() >= 3, "retried until ready: " + readiness.get() + " readiness calls");
        assertTrue(run.output.contains("running 6.9.1"), run.output);
    }

    @Test
    void failsWithTheVersionItSawWhenTheOldReleaseStillAnswers() throws Exception {
        serve(0, "{\"version\":\"6.9.0\"}", Map.of());
        long start = System.nanoTime();
        var run = script(publicApp("6.9.1", 2));
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        assertEquals(1, run.exit, run.output);
        assertTrue(run.output.contains("::error") && run.output.contains("'6.9.0'") && run.output.contains("6.9.1"),
                run.output);
        assertTrue(seconds < 30, "bounded by VERIFY_TIMEOUT_SECONDS, took " + seconds + " s");
    }

    @Test
    void failsWithTheStatusItSawWhenTheAppNeverGetsReady() throws Exception {
        serve(Integer.MAX_VALUE, "{\"version\":\"6.9.1\"}", Map.of());
        var run = script(publicApp("6.9.1", 2));
        assertEquals(1, run.exit, run.output);
        assertTrue(run.output.contains("-> 503"), run.output);
    }

    @Test
    void readsTheJsonVersionWithPythonWhereJqIsMissing(@TempDir Path bin) throws Exception {
        serve(0, "{\"version\":\"6.9.1\"}", Map.of());
        // A PATH with bash, curl, python3 and the coreutils the script uses, but no jq.
        for (String tool : List.of("bash", "curl", "date", "sleep", "head", "tr", "awk")) {
            var found = java.util.Arrays.stream(System.getenv("PATH").split(":"))
                    .map(dir -> Path.of(dir, tool)).filter(Files::isExecutable).findFirst();
            Files.createSymbolicLink(bin.resolve(tool), found.orElseThrow(() -> new AssertionError(tool + " missing")));
        }
        // The interpreter itself, not a version manager's shim that needs its own PATH.
        var python = new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)").start();
        String interpreter = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, python.waitFor());
        Files.createSymbolicLink(bin.resolve("python3"), Path.of(interpreter));
        var env = publicApp("6.9.1", 10);
        env.put("PATH", bin.toString());
        var run = script(env);
        assertEquals(0, run.exit, run.output);
        env.put("EXPECTED_VERSION", "6.9.2");
        env.put("VERIFY_TIMEOUT_SECONDS", "1");
        var stale = script(env);
        assertEquals(1, stale.exit, stale.output);
        assertTrue(stale.output.contains("'6.9.1'"), stale.output);
    }

    @Test
    void readsTheVersionFromAHeaderWhenConfigured() throws Exception {
        serve(0, "ok", Map.of("X-App-Version", "2.0.0"));
        var env = publicApp("2.0.0", 10);
        env.put("VERSION_HEADER", "x-app-version");
        var run = script(env);
        assertEquals(0, run.exit, run.output);
        env.put("EXPECTED_VERSION", "2.0.1");
        env.put("VERIFY_TIMEOUT_SECONDS", "1");
        assertEquals(1, script(env).exit);
    }

    @Test
    void anInternalAppIsCheckedByItsRolloutAndImage(@TempDir Path bin) throws Exception {
        Path kubectl = bin.resolve("kubectl");
        Files.writeString(kubectl, """
                #!/usr/bin/env bash
                case "$1" in
                  rollout) echo "deployment \\"$3\\" successfully rolled out" ;;
                  get) printf '%s' "ghcr.io/stefanprodan/podinfo:6.9.1@sha256:2625" ;;
                esac
                """);
        assertTrue(kubectl.toFile().setExecutable(true));
        var env = new LinkedHashMap<String, String>();
        env.put("APP_EXPOSURE", "internal");
        env.put("APP_NAME", "backend");
        env.put("APP_NAMESPACE", "backend");
        env.put("EXPECTED_VERSION", "6.9.1");
        env.put("VERIFY_TIMEOUT_SECONDS", "5");
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        var run = script(env);
        assertEquals(0, run.exit, run.output);
        env.put("EXPECTED_VERSION", "7.0.0");
        var wrong = script(env);
        assertEquals(1, wrong.exit, wrong.output);
        assertTrue(wrong.output.contains("not version 7.0.0"), wrong.output);
    }

    @Test
    void refusesAnUnknownExposure() throws Exception {
        var run = script(new LinkedHashMap<>(Map.of("APP_EXPOSURE", "")));
        assertEquals(1, run.exit);
        assertFalse(run.output.isEmpty());
    }

    private Map<String, String> publicApp(String expected, int timeoutSeconds) {
        var env = new LinkedHashMap<String, String>();
        env.put("APP_EXPOSURE", "public");
        env.put("APP_URL", "http://127.0.0.1:" + server.getAddress().getPort());
        env.put("READINESS_PATH", "/readyz");
        env.put("VERSION_PATH", "/");
        env.put("VERSION_FIELD", "version");
        env.put("EXPECTED_VERSION", expected);
        env.put("VERIFY_TIMEOUT_SECONDS", String.valueOf(timeoutSeconds));
        env.put("VERIFY_INTERVAL_SECONDS", "0.2");
        return env;
    }

    /** /readyz answers 503 the first {@code notReadyFor} times, then 200; / answers the body and headers. */
    private AtomicInteger serve(int notReadyFor, String body, Map<String, String> headers) throws IOException {
        var readinessCalls = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/readyz", exchange -> {
            int call = readinessCalls.incrementAndGet();
            exchange.sendResponseHeaders(call <= notReadyFor ? 503 : 200, -1);
            exchange.close();
        });
        server.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return readinessCalls;
    }

    record Run(int exit, String output) { }

    private static Run script(Map<String, String> env) throws Exception {
        var builder = new ProcessBuilder("bash", SCRIPT.toString()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("APP_") || k.startsWith("VERSION_")
                || k.startsWith("VERIFY_") || k.equals("EXPECTED_VERSION") || k.equals("CLUSTER_NAME"));
        builder.environment().putAll(env);
        var process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the script ends");
        return new Run(process.exitValue(), output);
    }
}
