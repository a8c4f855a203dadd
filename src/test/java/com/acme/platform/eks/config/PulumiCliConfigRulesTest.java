package com.acme.platform.eks.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Pulumi CLI accepts Pulumi.yaml and every committed stack file before the program starts. */
class PulumiCliConfigRulesTest {

    private static final String PROJECT = """
            name: eks-platform
            runtime: java
            config:
              azCount: {type: integer, default: 2}
              protect: {type: boolean, default: false}
              clusterName: {type: string}
              zones: {type: array, items: {type: string}, default: []}
            """;

    @Test
    void theCliAcceptsTheProjectFileAndEveryCommittedStack() throws IOException {
        var project = Files.readString(Path.of("Pulumi.yaml"));
        var problems = new ArrayList<>(PulumiCliConfigRules.projectProblems(project));
        for (Path stack : stackFiles()) {
            var name = stack.getFileName().toString().replaceFirst("^Pulumi\\.", "").replaceFirst("\\.ya?ml$", "");
            problems.addAll(PulumiCliConfigRules.stackProblems(project, name, Files.readString(stack)));
        }
        assertEquals(List.of(), problems);
        assertTrue(stackFiles().size() >= 4, "dev, prod and the two bootstrap stacks are checked");
    }

    @Test
    void aDeclaredKeyWithoutDefaultIsRequiredInEveryStack() {
        var problems = PulumiCliConfigRules.stackProblems(PROJECT, "dev", "config:\n  eks-platform:azCount: 3\n");
        assertEquals(List.of("Stack 'dev' is missing configuration value 'clusterName'"), problems);
    }

    @Test
    void valuesMustHaveTheDeclaredType() {
        var problems = PulumiCliConfigRules.stackProblems(PROJECT, "prod", """
                config:
                  eks-platform:clusterName: prod
                  eks-platform:azCount: three
                  eks-platform:protect: yes
                  eks-platform:zones: [1, eu-west-1b]
                """);
        assertEquals(List.of(
                "Stack 'prod' with configuration key 'azCount' must be of type 'integer'",
                "Stack 'prod' with configuration key 'protect' must be of type 'boolean'",
                "Stack 'prod' with configuration key 'zones' must be of type 'array'"), problems);
    }

    @Test
    void numbersAndBooleansAsTextAreWhatTheCliReads() {
        var problems = PulumiCliConfigRules.stackProblems(PROJECT, "dev", """
                config:
                  eks-platform:clusterName: "2"
                  eks-platform:azCount: "3"
                  eks-platform:protect: "true"
                  eks-platform:zones: [eu-west-1a, "1"]
                """);
        assertEquals(List.of(), problems);
    }

    @Test
    void aDeclarationHoldsOnlyWhatTheCliKnowsAndAnArrayDeclaresItsItems() {
        var problems = PulumiCliConfigRules.projectProblems("""
                name: eks-platform
                runtime: java
                config:
                  tags: {type: array}
                  azCount: {type: integer, default: two}
                  replicas: {type: integer, minimum: 1}
                  aws:region: {type: string}
                """);
        assertEquals(List.of(
                "tags: declares an array but not its items",
                "azCount: the default is not of type integer",
                "replicas: 'minimum' is not a field of a config declaration",
                "aws:region: a key of another namespace cannot be declared with a type or default"), problems);
    }

    private static List<Path> stackFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("."))) {
            return files.filter(p -> p.getFileName().toString().matches("Pulumi\\..+\\.ya?ml"))
                    .sorted().toList();
        }
    }
}
