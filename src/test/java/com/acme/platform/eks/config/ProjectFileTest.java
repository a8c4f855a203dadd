package com.acme.platform.eks.config;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Pulumi.yaml declares the keys the program reads, with the same types and defaults. */
class ProjectFileTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> projectFile() throws Exception {
        return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(Path.of("Pulumi.yaml")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void projectFileDeclaresEveryKeyWithItsTypeAndDefault() throws Exception {
        var declared = new TreeMap<String, String>();
        ((Map<String, Map<String, Object>>) projectFile().get("config")).forEach((key, spec) ->
                declared.put(key, spec.get("type") + " default=" + spec.get("default")));
        var expected = ConfigKeys.ALL.stream().filter(ConfigKey::declaredInProjectFile)
                .collect(Collectors.toMap(ConfigKey::name, k -> k.type() + " default=" + k.defaultValue(),
                        (a, b) -> a, TreeMap::new));
        assertEquals(expected, declared);
    }

    @Test
    @SuppressWarnings("unchecked")
    void pulumiRunsTheJarThatMavenBuilds() throws Exception {
        var runtime = (Map<String, Object>) projectFile().get("runtime");
        assertEquals("java", runtime.get("name"));
        assertEquals("target/eks-platform.jar", ((Map<String, Object>) runtime.get("options")).get("binary"));
        assertEquals("eks-platform", projectFile().get("name"));
    }
}
