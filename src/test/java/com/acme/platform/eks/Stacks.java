package com.acme.platform.eks;

import com.acme.platform.eks.config.ConfigException;
import com.acme.platform.eks.config.ConfigSource;
import com.acme.platform.eks.config.StackConfig;
import com.acme.platform.eks.config.StackConfigLoader;
import com.acme.platform.eks.offline.OfflineRun;
import com.acme.platform.eks.offline.Plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The test harness: the fixture stack files ({@code src/test/resources/stacks/}, the example values the behaviour
 * tests assert on), optionally with some keys changed, run through the same loader and mock engine as the offline
 * render. The committed {@code Pulumi.<stack>.yaml} files are a team's own values: they are checked only by rules
 * that hold for any valid values ({@link #committed()}, CommittedStackFilesTest).
 */
public final class Stacks {
    public static final String PROJECT = "eks-platform";
    private static final Map<String, Plan> PLANS = new ConcurrentHashMap<>();
    /** {@code Pulumi.<stack>.yaml}; the project file {@code Pulumi.yaml} has no stack part. */
    private static final Pattern STACK_FILE = Pattern.compile("Pulumi\\.(.+)\\.yaml");

    /** The keys a platform stack must set; everything else has a default. */
    public static final Map<String, Object> MINIMAL = Map.of(
            "aws:region", "us-east-1",
            PROJECT + ":environment", "development",
            PROJECT + ":clusterAdminRoleArns", List.of("arn:aws:iam::111122223333:role/admin"),
            PROJECT + ":appImageRepository", "ghcr.io/stefanprodan/podinfo",
            PROJECT + ":appImageTag", "6.9.1",
            PROJECT + ":appHostName", "app.example.com");

    private Stacks() { }

    /** Where the fixture stack files live. */
    public static final Path FIXTURES = Path.of("src", "test", "resources", "stacks");

    /** Every fixture stack file. */
    public static List<String> all() {
        return stacksIn(FIXTURES);
    }

    /** Every committed {@code Pulumi.<stack>.yaml} of the repository (the team's values). */
    public static List<String> committed() {
        return stacksIn(Path.of("."));
    }

    /** The stacks whose files are in the folder; a stack name may contain dots ({@code Pulumi.team.eu-1.yaml}). */
    public static List<String> stacksIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> STACK_FILE.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(m -> m.group(1))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository's platform stacks (dev, prod, ...): every stack but the delivery bootstrap stack. */
    public static List<String> platform() {
        return all().stream().filter(stack -> !deliveryBootstrap(stack)).toList();
    }

    /** Whether a fixture stack file is the delivery bootstrap stack (builds the GitHub deploy roles only). */
    public static boolean deliveryBootstrap(String stack) {
        var value = stackFile(stack).get(PROJECT + ":deliveryBootstrap");
        return Boolean.TRUE.equals(value) || "true".equals(value);
    }

    /** The fixture stack file of a stack. */
    public static Path file(String stack) {
        return FIXTURES.resolve("Pulumi." + stack + ".yaml");
    }

    /** The {@code config:} block of a repository stack file, as the offline render reads it. */
    public static Map<String, Object> stackFile(String stack) {
        return values(ConfigSource.fromStackFile(file(stack)));
    }

    /**
     * A stack file's config with keys replaced (un-namespaced keys belong to the project); a null value removes
     * the key.
     */
    public static Map<String, Object> withOverrides(String stack, Map<String, ?> overrides) {
        return values(overridden(ConfigSource.fromStackFile(file(stack)), overrides));
    }

    public static StackConfig config(String stack, Map<String, ?> overrides) {
        return config(file(stack), stack, overrides);
    }

    /**
     * Any stack file read the way {@code render} reads it ({@link ConfigSource#fromStackFile}: {@code secure:}
     * values, number text), with the overrides on top.
     */
    public static StackConfig config(Path stackFile, String stack, Map<String, ?> overrides) {
        return StackConfigLoader.load(PROJECT, stack, overridden(ConfigSource.fromStackFile(stackFile), overrides));
    }

    private static ConfigSource overridden(ConfigSource base, Map<String, ?> overrides) {
        var replaced = new LinkedHashMap<String, Object>();
        overrides.forEach((key, value) -> replaced.put(key.contains(":") ? key : PROJECT + ":" + key, value));
        return base.with(replaced);
    }

    /**
     * The environment the Pulumi language host gives the program for these values (PULUMI_CONFIG: scalars as text,
     * lists and maps as JSON; PULUMI_CONFIG_SECRET_KEYS), as {@code pulumi up} would run it.
     */
    public static Map<String, String> engineEnvironment(Map<String, ?> values, List<String> secretKeys) {
        var gson = new com.google.gson.Gson();
        var config = new com.google.gson.JsonObject();
        values.forEach((key, value) -> config.addProperty(key, value instanceof Map || value instanceof List
                ? gson.toJson(value) : String.valueOf(value)));
        return Map.of("PULUMI_PROJECT", PROJECT, "PULUMI_STACK", "dev", "PULUMI_CONFIG", config.toString(),
                "PULUMI_CONFIG_SECRET_KEYS", gson.toJson(secretKeys));
    }

    private static Map<String, Object> values(ConfigSource source) {
        return source.values();
    }

    /** The plan of a repository stack file as it is (cached: the program is deterministic). */
    public static Plan plan(String stack) {
        return PLANS.computeIfAbsent(stack, s -> checked(OfflineRun.run(config(s, Map.of()))));
    }

    public static Plan plan(String stack, Map<String, ?> overrides) {
        return checked(OfflineRun.run(config(stack, overrides)));
    }

    private static Plan checked(Plan plan) {
        assertEquals(List.of(), plan.errors(), "the program reported errors for stack " + plan.stack());
        return plan;
    }

    /** The problems the loader reports for the dev stack file with these keys changed (it must reject it). */
    public static List<String> problems(Map<String, ?> overrides) {
        return assertThrows(ConfigException.class, () -> config("dev", overrides)).problems();
    }

    /** The problems the loader reports for a stack file with these keys changed (it must reject it). */
    public static List<String> problemsOf(String stack, Map<String, ?> overrides) {
        return assertThrows(ConfigException.class, () -> config(stack, overrides)).problems();
    }

    /** The dev stack file with these keys changed fails with exactly one problem, naming the key and saying what. */
    public static void assertSingleProblem(String key, Map<String, ?> overrides, String expectedFragment) {
        var problems = problems(overrides);
        assertEquals(1, problems.size(), () -> "expected one problem, got " + problems);
        String fullKey = key.contains(":") ? key : PROJECT + ":" + key;
        assertTrue(problems.get(0).startsWith(fullKey),
                () -> "problem should name the key " + fullKey + ": " + problems.get(0));
        assertTrue(problems.get(0).contains(expectedFragment),
                () -> "problem should say '" + expectedFragment + "': " + problems.get(0));
    }
}
