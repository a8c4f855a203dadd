package com.acme.platform.eks.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The README's configuration reference names every key the program reads. */
class ReadmeTest {

    @Test
    void readmeDocumentsEveryConfigKey() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        var missing = ConfigKeys.ALL.stream()
                .map(ConfigKey::name)
                .filter(name -> !readme.contains("| `" + name + "` |"))
                .toList();
        assertEquals(java.util.List.of(), missing, "config keys without a row in the README's reference table");
    }
}
