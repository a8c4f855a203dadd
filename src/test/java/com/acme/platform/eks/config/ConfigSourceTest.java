package com.acme.platform.eks.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigSourceTest {
    private static final String P = "eks-platform:";

    /** The same settings as a stack file writes them. */
    private static final String STACK_FILE = """
            config:
              aws:region: us-east-1
              eks-platform:environment: development
              eks-platform:clusterAdminRoleArns:
                - arn:aws:iam::111122223333:role/admin
              eks-platform:appImageRepository: ghcr.io/stefanprodan/podinfo
              eks-platform:appImageTag: 6.9.1
              eks-platform:appHostName: app.example.com
              eks-platform:kubernetesVersion: 1.40
              eks-platform:azCount: 3
              eks-platform:tags:
                build: 4711
                cost-center: 42
              eks-platform:appEnv:
                WORKERS: 8
                MODE: fast
                RATIO: 0.50
                VERSION: 1.40
            """;

    /** The same settings as the Pulumi engine hands them over: scalars as written, structured values as JSON. */
    private static final Map<String, String> ENGINE_TEXT = Map.of(
            "aws:region", "us-east-1",
            P + "clusterAdminRoleArns", "[\"arn:aws:iam::111122223333:role/admin\"]",
            P + "appImageRepository", "ghcr.io/stefanprodan/podinfo",
            P + "appImageTag", "6.9.1",
            P + "appHostName", "app.example.com",
            P + "kubernetesVersion", "1.40",
            P + "azCount", "3",
            P + "tags", "{\"build\":4711,\"cost-center\":42}",
            P + "appEnv", "{\"WORKERS\":8,\"MODE\":\"fast\",\"RATIO\":0.50,\"VERSION\":1.40}");

    private static ConfigSource stackFile(Path dir, String text) throws Exception {
        var file = dir.resolve("Pulumi.test.yaml");
        Files.writeString(file, text);
        return ConfigSource.fromStackFile(file);
    }

    private static ConfigSource engine() {
        return engine(ENGINE_TEXT);
    }

    private static ConfigSource engine(Map<String, String> text) {
        var config = new com.google.gson.JsonObject();
        text.forEach(config::addProperty);
        config.addProperty(P + "environment", "development");
        return ConfigSource.fromEngine(Map.of("PULUMI_CONFIG", config.toString()));
    }

    @Test
    void aStackFileKeepsNumbersAsWrittenWhereTheirValueWouldPrintDifferently(@TempDir Path dir) throws Exception {
        var source = stackFile(dir, """
                config:
                  eks-platform:kubernetesVersion: 1.40
                  eks-platform:azCount: 3
                  eks-platform:appEnv:
                    RATIO: 0.50
                    MODE: 010
                    WORKERS: 8
                    QUOTED: "1.40"
                """);
        assertEquals("1.40", source.get(P + "kubernetesVersion").orElseThrow());
        assertEquals(java.math.BigInteger.valueOf(3), source.get(P + "azCount").orElseThrow());
        assertEquals(Map.of("RATIO", "0.50", "MODE", "010", "WORKERS", java.math.BigInteger.valueOf(8), "QUOTED", "1.40"),
                source.get(P + "appEnv").orElseThrow());
    }

    /** 0.50 and 1.40 print as 0.5 and 1.4 once parsed as a double: only their text keeps them as written. */
    @Test
    void numbersInsideStructuredEngineValuesKeepTheirText() {
        var tags = (Map<?, ?>) engine().get(P + "tags").orElseThrow();
        assertEquals("4711", String.valueOf(tags.get("build")));
        assertEquals("42", String.valueOf(tags.get("cost-center")));
        var appEnv = (Map<?, ?>) engine().get(P + "appEnv").orElseThrow();
        assertEquals("0.50", String.valueOf(appEnv.get("RATIO")));
        assertEquals("1.40", String.valueOf(appEnv.get("VERSION")));
    }

    @Test
    void theSameSettingsThroughEitherSourceLoadTheSameConfig(@TempDir Path dir) throws Exception {
        // 1.40 is no version EKS offers: both sources reject it, quoting it as written (not 1.4)
        for (var source : List.of(stackFile(dir, STACK_FILE), engine())) {
            var problems = assertThrows(ConfigException.class, () -> StackConfigLoader.load("eks-platform", "test",
                    source)).problems();
            assertEquals(1, problems.size(), problems::toString);
            assertTrue(problems.get(0).startsWith(P + "kubernetesVersion = '1.40': is newer than 1.36"), problems.get(0));
        }
        var fromFile = StackConfigLoader.load("eks-platform", "test", stackFile(dir, STACK_FILE.replace(
                "kubernetesVersion: 1.40", "kubernetesVersion: 1.35")));
        var engineText = new java.util.HashMap<>(ENGINE_TEXT);
        engineText.put(P + "kubernetesVersion", "1.35");
        var fromEngine = StackConfigLoader.load("eks-platform", "test", engine(engineText));

        assertEquals("1.35", fromFile.cluster().kubernetesVersion());
        assertEquals(fromFile.cluster().kubernetesVersion(), fromEngine.cluster().kubernetesVersion());
        assertEquals(Map.of("build", "4711", "cost-center", "42"), fromFile.tags());
        assertEquals(fromFile.tags(), fromEngine.tags());
        assertEquals(Map.of("WORKERS", "8", "MODE", "fast", "RATIO", "0.50", "VERSION", "1.40"), fromFile.app().env());
        assertEquals(fromFile.app().env(), fromEngine.app().env());
        assertEquals(fromFile.network().azCount(), fromEngine.network().azCount());
    }

    @Test
    void aStackFileThatIsNotYamlIsAConfigProblemNamingTheFile(@TempDir Path dir) throws Exception {
        var file = dir.resolve("Pulumi.test.yaml");
        Files.writeString(file, "config:\n  eks-platform:azCount: [3\n");
        var e = assertThrows(ConfigException.class, () -> ConfigSource.fromStackFile(file));
        assertEquals(1, e.problems().size(), e.problems()::toString);
        assertTrue(e.problems().get(0).startsWith(file + ": not valid YAML: "), e.problems().get(0));
        assertTrue(e.problems().get(0).contains("line 3"), "the YAML error says where: " + e.problems().get(0));
    }
}
