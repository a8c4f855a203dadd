package com.acme.platform.eks;

import com.acme.platform.eks.offline.OfflineRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The harness reads stack files the way render does, so what a test proves holds for the render too. */
class StacksTest {

    @Test
    void aStackFileWithASecureValueLoadsAndTheValueStaysSecret(@TempDir Path dir) throws Exception {
        var file = dir.resolve("Pulumi.dev.yaml");
        Files.writeString(file, Files.readString(Stacks.file("dev"))
                + "  eks-platform:appSecretEnv:\n    DB_PASSWORD:\n      secure: v1:AAAAbase64ciphertext\n");

        var config = Stacks.config(file, "dev", Map.of("azCount", 3));

        assertEquals(3, config.network().azCount(), "the override is applied on top of the file");
        assertEquals("[secret]", config.app().secretEnv().get("DB_PASSWORD").reveal());
        assertEquals("[secret]", config.app().secretEnv().get("DB_PASSWORD").toString());
        assertFalse(config.toString().contains("AAAAbase64ciphertext"), config.toString());
        var plan = OfflineRun.run(config);
        assertEquals(List.of(), plan.errors());
        var secret = plan.ofType("kubernetes:core/v1:Secret");
        assertEquals(1, secret.size());
        assertEquals("[secret]", secret.get(0).input("stringData"));
    }

    @Test
    void overridesReplaceAddAndRemoveKeys() {
        var overrides = new HashMap<String, Object>();
        overrides.put("vpcCidr", "10.99.0.0/16");
        overrides.put("appEnv", Map.of("MODE", "test"));
        overrides.put("eks-platform:tags", null);

        var values = Stacks.withOverrides("dev", overrides);

        assertEquals("10.99.0.0/16", values.get("eks-platform:vpcCidr"));
        assertEquals(Map.of("MODE", "test"), values.get("eks-platform:appEnv"));
        assertFalse(values.containsKey("eks-platform:tags"), values.keySet().toString());
        var config = Stacks.config("dev", overrides);
        assertEquals("10.99.0.0/16", config.network().vpcCidr().toString());
        assertEquals(Map.of(), config.tags());
    }

    @Test
    void stackNamesMayContainDotsAndTheProjectFileIsNoStack(@TempDir Path dir) throws Exception {
        for (String name : List.of("Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.team.eu-1.yaml", "Pulumi.prod.yml",
                "README.md")) {
            Files.writeString(dir.resolve(name), "config: {}\n");
        }
        assertEquals(List.of("dev", "team.eu-1"), Stacks.stacksIn(dir));
    }
}
