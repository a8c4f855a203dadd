package com.acme.platform.eks;

import com.acme.platform.eks.config.ConfigKey;
import com.acme.platform.eks.config.ConfigKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Under {@code pulumi up} the program reads the whole config the engine hands it, with the project's defaults applied
 * by the CLI, and gets the same config as {@code render} gets from the stack file.
 */
class EngineConfigTest {

    /** What the CLI passes in PULUMI_CONFIG for a stack file: its values plus Pulumi.yaml's defaults. */
    static Map<String, String> engineEnvironmentOf(String stack, Map<String, ?> overrides) {
        var values = new LinkedHashMap<String, Object>(Stacks.withOverrides(stack, overrides));
        for (ConfigKey key : ConfigKeys.ALL) {
            if (key.declaredInProjectFile() && key.defaultValue() != null) {
                values.putIfAbsent(key.fullKey(Stacks.PROJECT), key.defaultValue());
            }
        }
        var env = new LinkedHashMap<>(Stacks.engineEnvironment(values, List.of()));
        env.put("PULUMI_STACK", stack);
        return env;
    }

    private static String[] run(Map<String, String> env, boolean expectConfig) {
        var err = new ByteArrayOutputStream();
        var config = EngineConfig.read(env, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(expectConfig, config.isPresent(), () -> err.toString(StandardCharsets.UTF_8));
        return new String[]{err.toString(StandardCharsets.UTF_8)};
    }

    @ParameterizedTest
    @MethodSource("com.acme.platform.eks.Stacks#all")
    void theEngineGetsTheSameConfigAsRender(String stack) {
        var err = new ByteArrayOutputStream();
        var fromEngine = EngineConfig.read(engineEnvironmentOf(stack, Map.of()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertTrue(fromEngine.isPresent(), () -> err.toString(StandardCharsets.UTF_8));
        assertEquals(Stacks.config(stack, Map.of()), fromEngine.get());
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anUnknownKeyStopsPulumiUpToo() {
        String err = run(engineEnvironmentOf("dev", Map.of("vpcCidrr", "10.0.0.0/16")), false)[0];
        assertTrue(err.startsWith("Invalid configuration for stack 'dev' (1 problem):\n  - eks-platform:vpcCidrr:"
                + " unknown key; did you mean eks-platform:vpcCidr? (docs/configuration.md, Configuration reference)"), err);
    }

    @Test
    void aPlatformKeySetInABootstrapStackIsStillRefusedWhenItDiffersFromTheDefault() {
        run(engineEnvironmentOf("bootstrap-prod", Map.of()), true);
        String err = run(engineEnvironmentOf("bootstrap-prod", Map.of("azCount", 3)), false)[0];
        assertTrue(err.contains("eks-platform:azCount: is not read by the delivery bootstrap stack"), err);
    }

    @Test
    void aSecretKeyIsNeverEchoed() {
        var env = new LinkedHashMap<>(engineEnvironmentOf("dev", Map.of("clusterName", "bad name hunter2")));
        env.put("PULUMI_CONFIG_SECRET_KEYS", "[\"eks-platform:clusterName\"]");
        String err = run(env, false)[0];
        assertTrue(err.contains("eks-platform:clusterName = [secret]: is not a valid EKS cluster name"), err);
        assertTrue(!err.contains("hunter2"), err);
    }
}
