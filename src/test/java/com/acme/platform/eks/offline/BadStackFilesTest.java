package com.acme.platform.eks.offline;

import com.acme.platform.eks.EngineConfig;
import com.acme.platform.eks.Stacks;
import com.acme.platform.eks.config.ConfigSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad stack files, generated from the committed ones with one wrong thing each, and the dangerous production
 * variants: every one ends with exit status 2 and one message naming the key, never a stack trace, never a secret,
 * under {@code render} and (where the engine would hand the program the same values) under {@code pulumi up}.
 */
class BadStackFilesTest {
    private static final String P = Stacks.PROJECT + ":";
    private static final String TOKEN = "ghp_0123456789abcdefghijklmnopqrstuvwxyz";
    private static final String SECRET = "hunter2-super-secret";

    /** One bad file: its class, the stack file it starts from, what it changes and the key the message must name. */
    record Case(String kind, String stack, String what, UnaryOperator<byte[]> change, String key, boolean engine,
                String mustNotShow) {
        @Override
        public String toString() {
            return kind + ": " + what;
        }
    }

    private static String text(String stack) {
        try {
            return Files.readString(Path.of("Pulumi." + stack + ".yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stack file with {@code key} set to the YAML text {@code value} (its old line or block removed). */
    static String set(String text, String key, String value) {
        var lines = new ArrayList<>(List.of(text.split("\n", -1)));
        String prefix = "  " + (key.contains(":") ? key : P + key) + ":";
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix + " ") || lines.get(i).equals(prefix)) {
                lines.remove(i);
                while (i < lines.size() && lines.get(i).startsWith("    ")) {
                    lines.remove(i);
                }
                break;
            }
        }
        String joined = String.join("\n", lines).stripTrailing() + "\n";
        return value == null ? joined : joined + prefix + (value.startsWith("\n") ? "" : " ") + value + "\n";
    }

    private static Case text(String kind, String stack, String what, UnaryOperator<String> change, String key) {
        return new Case(kind, stack, what, bytes -> change.apply(new String(bytes, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8), key, true, null);
    }

    private static Case value(String kind, String stack, String key, String value) {
        return text(kind, stack, key + ": " + (value == null ? "(removed)" : value.length() > 60
                ? value.substring(0, 40) + "... (" + value.length() + " characters)" : value.strip()),
                t -> set(t, key, value), key.contains(":") ? key : P + key);
    }

    private static Case fileOnly(String kind, String what, UnaryOperator<byte[]> change, String key) {
        return new Case(kind, "dev", what, change, key, false, null);
    }

    static List<Case> cases() {
        var cases = new ArrayList<Case>();
        // unknown keys and namespaces
        cases.add(text("unknown key or namespace", "dev", "misspelt namespace eks-platfrom:vpcCidr",
                t -> t.replace(P + "vpcCidr", "eks-platfrom:vpcCidr"), "eks-platfrom:vpcCidr"));
        cases.add(text("unknown key or namespace", "dev", "un-namespaced key vpcCidr", t -> t + "  vpcCidr: 10.30.0.0/16\n",
                "vpcCidr"));
        cases.add(text("unknown key or namespace", "dev", "unknown key eks-platform:vpcCidrr",
                t -> t + "  eks-platform:vpcCidrr: 10.30.0.0/16\n", P + "vpcCidrr"));
        cases.add(text("unknown key or namespace", "bootstrap-dev", "platform key in a bootstrap stack",
                t -> set(t, "azCount", "3"), P + "azCount"));
        cases.add(text("unknown key or namespace", "dev", "bootstrap key in a platform stack",
                t -> set(t, "githubRepository", "acme/eks-platform"), P + "githubRepository"));
        // YAML the CLI reads differently or refuses
        cases.add(fileOnly("YAML: duplicate key", "azCount twice", bytes -> (new String(bytes, StandardCharsets.UTF_8)
                + "  eks-platform:azCount: 3\n").getBytes(StandardCharsets.UTF_8), P + "azCount"));
        cases.add(fileOnly("YAML: duplicate key", "a tag twice", bytes -> new String(bytes, StandardCharsets.UTF_8)
                .replace("    cost-center: platform-poc\n", "    cost-center: platform-poc\n    cost-center: x\n")
                .getBytes(StandardCharsets.UTF_8), P + "tags.cost-center"));
        for (var bool : List.of("flowLogs: yes", "protect: on", "endpointPublicAccess: off", "ingressEnabled: Yes",
                "wildcardCertificate: no")) {
            cases.add(value("YAML 1.1 boolean", "dev", bool.substring(0, bool.indexOf(':')), bool.substring(
                    bool.indexOf(':') + 2)));
        }
        for (var key : List.of("protect", "azCount", "vpcCidr", "flowLogs", "appImageRepository", "karpenterCpuLimit")) {
            cases.add(value("empty value", "prod", key, ""));
        }
        // numbers out of range
        cases.add(value("number out of range", "dev", "karpenterCpuLimit", "2147483648"));
        cases.add(value("number out of range", "dev", "karpenterCpuLimit", "4294967300"));
        cases.add(value("number out of range", "dev", "appMinReplicas", "4294967298"));
        cases.add(value("number out of range", "dev", "azCount", "99999999999999999999999"));
        cases.add(value("number out of range", "dev", "systemNodeMaxSize", "100000"));
        cases.add(value("number out of range", "dev", "appContainerPort", "-1"));
        // quantities and durations that overflow
        cases.add(value("quantity overflow", "dev", "appMemoryLimit", "99999999999999Ti"));
        cases.add(value("quantity overflow", "dev", "appCpuLimit", "\"99999999999999999999\""));
        cases.add(value("quantity overflow", "dev", "appCpuRequest", "99999999999999999999m"));
        cases.add(value("quantity overflow", "dev", "karpenterExpireAfter", "9999999999999999h"));
        // values that only matched a loose pattern
        cases.add(value("loose pattern tightened", "dev", "kubernetesVersion", "\"1.99\""));
        cases.add(value("loose pattern tightened", "dev", "aws:region", "eu-west-9"));
        cases.add(value("loose pattern tightened", "dev", "clusterAdminRoleArns",
                "[\"arn:aws-foo-bar:iam::111122223333:role/admin\"]"));
        cases.add(value("loose pattern tightened", "dev", "clusterViewerRoleArns",
                "[\"arn:aws-cn:iam::111122223333:role/viewer\"]"));
        cases.add(value("loose pattern tightened", "dev", "karpenterDisruptionFreezeSchedule", "\"61 25 * * *\""));
        cases.add(value("loose pattern tightened", "dev", "karpenterDisruptionFreezeSchedule", "one two three four five"));
        cases.add(value("loose pattern tightened", "dev", "karpenterExpireAfter", "0s"));
        cases.add(value("loose pattern tightened", "dev", "karpenterAmiAlias", "al2023@v20251399"));
        cases.add(value("loose pattern tightened", "dev", "tags", IntStream.rangeClosed(1, 51)
                .mapToObj(i -> "\n    tag" + i + ": v").collect(Collectors.joining())));
        // the program crashed on these before
        cases.add(text("crashed before", "dev", "VPC CIDR at the top of the address space", t -> set(set(set(t,
                "vpcCidr", "255.255.255.0/24"), "privateSubnetPrefixLength", "25"), "publicSubnetPrefixLength", "26"),
                P + "vpcCidr"));
        cases.add(fileOnly("crashed before", "not UTF-8 (Latin-1 bytes)", bytes -> concat(bytes,
                "  eks-platform:appName: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1)), "Pulumi.dev.yaml"));
        cases.add(fileOnly("crashed before", "binary (NUL bytes)", bytes -> concat(bytes, new byte[]{0, 1, 2, 3}),
                "Pulumi.dev.yaml"));
        cases.add(fileOnly("crashed before", "not YAML", bytes -> concat(bytes, "  eks-platform:azCount: [3\n"
                .getBytes(StandardCharsets.UTF_8)), "Pulumi.dev.yaml"));
        // wrong types
        cases.add(value("wrong type", "dev", "azCount", "three"));
        cases.add(value("wrong type", "dev", "availabilityZones", "eu-west-1a"));
        cases.add(value("wrong type", "dev", "vpcCidr", "[10.0.0.0/16]"));
        cases.add(value("wrong type", "dev", "appEnv", "[A, B]"));
        // echoes
        var huge = value("huge value", "dev", "appName", "x".repeat(2_500_000));
        cases.add(new Case(huge.kind(), huge.stack(), huge.what(), huge.change(), huge.key(), false, null));
        var secret = value("secret in plain text", "dev", "appSecretEnv", "\n    DB_PASSWORD: " + SECRET);
        cases.add(new Case(secret.kind(), secret.stack(), secret.what(), secret.change(), secret.key(), false, SECRET));
        var credential = value("credential in a URL", "dev", "argocdRepoUrl", "https://x-access-token:" + TOKEN
                + "@github.com/acme/manifests.git");
        cases.add(new Case(credential.kind(), credential.stack(), credential.what(), credential.change(),
                credential.key(), true, TOKEN));
        var tokenOnly = value("credential in a URL", "dev", "argocdRepoUrl", "https://" + TOKEN + "@github.com/a/b");
        cases.add(new Case(tokenOnly.kind(), tokenOnly.stack(), tokenOnly.what(), tokenOnly.change(), tokenOnly.key(),
                true, TOKEN));
        // the tier
        cases.add(value("environment tier", "dev", "environment", null));
        cases.add(value("environment tier", "prod", "environment", "prod"));
        cases.add(value("environment tier", "bootstrap-prod", "environment", null));
        cases.addAll(everyKey());
        cases.addAll(dangerousProductionVariants());
        return cases;
    }

    /** Every declared key, in a stack that reads it, given a value of the wrong type, and no value at all. */
    static List<Case> everyKey() {
        var cases = new ArrayList<Case>();
        for (var key : com.acme.platform.eks.config.ConfigKeys.ALL) {
            String stack = key.scope() == com.acme.platform.eks.config.ConfigKey.Scope.BOOTSTRAP ? "bootstrap-dev"
                    : "dev";
            String wrong = switch (key.type()) {
                case STRING -> "[a, b]";
                case INTEGER -> "three";
                case BOOLEAN -> "maybe";
                case LIST, MAP, SECRET_MAP -> "x";
            };
            cases.add(value("every key: wrong type", stack, key.name(), wrong));
            cases.add(value("every key: no value", stack, key.name(), ""));
        }
        return cases;
    }

    /** The 16 production files of issue 11 that each make one dangerous choice. */
    static List<Case> dangerousProductionVariants() {
        String kind = "production promise";
        return List.of(
                text(kind, "prod", "public endpoint open to the world", t -> set(t, "endpointPublicAccess", "true"),
                        P + "endpointPublicAccess"),
                text(kind, "prod", "public endpoint for 0.0.0.0/0", t -> set(set(t, "endpointPublicAccess", "true"),
                        "publicAccessCidrs", "[0.0.0.0/0]"), P + "publicAccessCidrs"),
                text(kind, "prod", "public endpoint for 0.0.0.0/1 + 128.0.0.0/1", t -> set(set(t,
                        "endpointPublicAccess", "true"), "publicAccessCidrs", "[0.0.0.0/1, 128.0.0.0/1]"),
                        P + "publicAccessCidrs"),
                value(kind, "prod", "protect", "false"),
                value(kind, "prod", "protect", null),
                value(kind, "prod", "natGateways", "single"),
                text(kind, "prod", "two AZs", t -> set(set(t, "azCount", "2"), "systemNodeMinSize", "2"),
                        P + "azCount"),
                value(kind, "prod", "flowLogs", "false"),
                value(kind, "prod", "externalDnsPolicy", "sync"),
                value(kind, "prod", "appImageDigest", null),
                value(kind, "prod", "clusterViewerRoleArns", "[arn:aws:iam::444455556666:role/eks-platform-github-preview]"),
                value(kind, "prod", "clusterAdminRoleArns", "[arn:aws:iam::444455556666:role/eks-platform-github-preview,"
                        + " arn:aws:iam::444455556666:role/platform-engineers]"),
                text(kind, "prod", "one replica of each controller", t -> set(set(t, "karpenterReplicas", "1"),
                        "metricsServerReplicas", "1").replace(P + "loadBalancerControllerReplicas: 2",
                        P + "loadBalancerControllerReplicas: 1"), P + "karpenterReplicas"),
                value(kind, "prod", "karpenterCapacityTypes", "[spot]"),
                value(kind, "prod", "clusterLogRetentionDays", "1"),
                value(kind, "bootstrap-prod", "githubDeployRoles", "[preview, production-preview, deploy-prod,"
                        + " deploy-dev]"));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        var out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private record Result(int exit, String out, String err) { }

    private static Result render(Path file, Path dir) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = RenderCommand.run("render", new String[]{"--config", file.toString(), "--out",
            dir.resolve("out").toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** What {@code pulumi up} hands the program for the same file: every value as text or JSON. */
    private static Map<String, String> engineEnvironment(Path file) {
        var source = ConfigSource.fromStackFile(file);
        var values = new LinkedHashMap<String, Object>();
        source.keys().forEach(key -> source.get(key).ifPresent(v -> values.put(key, v == ConfigSource.EMPTY ? ""
                : v instanceof ConfigSource.EncryptedValue ? "decrypted" : v)));
        var env = new LinkedHashMap<>(Stacks.engineEnvironment(values, List.of()));
        env.put("PULUMI_STACK", file.getFileName().toString().replaceAll("^Pulumi\\.|\\.yaml$", ""));
        return env;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyBadFileEndsWithStatus2AndOneMessageNamingTheKey(Case bad, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("Pulumi." + bad.stack() + ".yaml");
        Files.write(file, bad.change().apply(Files.readAllBytes(Path.of("Pulumi." + bad.stack() + ".yaml"))));
        var result = render(file, dir);
        assertEquals(2, result.exit(), () -> bad + "\n" + result.err());
        assertEquals("", result.out());
        assertMessage(bad, result.err());
        if (bad.engine()) {
            var err = new ByteArrayOutputStream();
            var config = EngineConfig.read(engineEnvironment(file), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertTrue(config.isEmpty(), () -> bad + ": pulumi up would go on");
            assertMessage(bad, err.toString(StandardCharsets.UTF_8));
        }
    }

    private static void assertMessage(Case bad, String err) {
        assertTrue(err.startsWith("Invalid configuration for stack '"), () -> bad + ": " + err);
        assertEquals(1, err.split("Invalid configuration", -1).length - 1, () -> "one message: " + err);
        assertTrue(err.lines().anyMatch(l -> l.startsWith("  - ") && l.contains(bad.key())), () -> bad
                + ": no problem names " + bad.key() + ":\n" + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), () -> "a stack trace: " + err);
        assertTrue(err.length() < 3000, () -> "message of " + err.length() + " characters");
        if (bad.mustNotShow() != null) {
            assertFalse(err.contains(bad.mustNotShow()), () -> "echoes a secret: " + err);
        }
    }

    @Test
    void everyCommittedStackFileLoadsWithoutWarnings() {
        for (String stack : Stacks.all()) {
            assertEquals(List.of(), Stacks.config(stack, Map.of()).warnings(), stack);
        }
    }

    /** The engine hands a value of megabytes over as it is: the message still shows 80 characters of it. */
    @Test
    void aHugeValueFromTheEngineIsCutInTheMessage() {
        var values = Stacks.withOverrides("dev", Map.of("appName", "x".repeat(2_500_000)));
        var err = new ByteArrayOutputStream();
        assertTrue(EngineConfig.read(Stacks.engineEnvironment(values, List.of()), new PrintStream(err, true,
                StandardCharsets.UTF_8)).isEmpty());
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains(P + "appName = '" + "x".repeat(80) + "... (2500000 characters)'"), message);
        assertTrue(message.length() < 500, message);
    }

    @Test
    void keysOfOtherNamespacesThatNothingReadsAreWarnedAbout(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("Pulumi.dev.yaml");
        Files.writeString(file, text("dev") + "  aws:regoin: eu-west-2\n  aws:profile: dev\n");
        var warnings = Stacks.config(file, "dev", Map.of()).warnings();
        assertEquals(2, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).startsWith("aws:regoin: nothing in this program reads it")
                && warnings.get(0).contains("did you mean aws:region?"), warnings::toString);
        assertTrue(warnings.get(1).startsWith("aws:profile: nothing in this program reads it"), warnings::toString);
    }

    /** The figures of docs/configuration.md, Bad input: how many cases each class tries and how they end. */
    static String figures() {
        var byKind = new TreeMap<String, List<Case>>();
        cases().forEach(c -> byKind.computeIfAbsent(c.kind(), k -> new ArrayList<>()).add(c));
        var out = new StringBuilder("| class | cases | how each ends |\n|---|---|---|\n");
        byKind.forEach((kind, list) -> out.append("| ").append(kind).append(" | ").append(list.size()).append(" | exit 2,"
                + " one message naming the key, no stack trace").append(list.stream().anyMatch(c -> c.mustNotShow()
                != null) ? ", the secret not shown" : "").append(kind.equals("huge value") ? "; render refuses lines"
                + " over 64 KiB, `pulumi up` (the engine hands the value over whole) shows 80 characters of it"
                : list.stream().allMatch(Case::engine)
                ? "; the same under `pulumi up`" : list.stream().anyMatch(Case::engine)
                ? "; the same under `pulumi up` where the CLI hands the values over" : "; render only (the Pulumi CLI"
                + " reads the file itself)").append(" |\n"));
        out.append("| **all** | ").append(cases().size()).append(" | |\n");
        return out.toString();
    }

    @Test
    void documentedFiguresCountTheCases() throws Exception {
        Path page = Path.of("docs", "configuration.md");
        String text = Files.readString(page);
        String start = "<!-- bad-input:start -->\n";
        int i = text.indexOf(start) + start.length();
        int j = text.indexOf("<!-- bad-input:end -->");
        assertTrue(i >= start.length() && j >= i, page + " lacks the bad-input markers");
        String expected = text.substring(0, i) + figures() + text.substring(j);
        if (Boolean.getBoolean("config.reference.write")) {
            Files.writeString(page, expected);
        }
        assertEquals(expected, text, page + "'s bad-input figures are stale: run scripts/update-config-reference");
        assertEquals(16, dangerousProductionVariants().size());
    }
}
