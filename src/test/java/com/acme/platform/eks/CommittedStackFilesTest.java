package com.acme.platform.eks;

import com.acme.platform.eks.config.ConfigException;
import com.acme.platform.eks.config.ConfigSource;
import com.acme.platform.eks.config.PulumiCliConfigRules;
import com.acme.platform.eks.guardrails.Guardrails;
import com.acme.platform.eks.offline.OfflineRun;
import com.acme.platform.eks.offline.Plan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed {@code Pulumi.<stack>.yaml} files are the team's own values (accounts, domains, region, repository),
 * so they are held only to rules that hold for any valid values: the Pulumi CLI's config rules, the loader's
 * validation, the render succeeding, and the guardrail pack on the render. Everything else is asserted on the
 * fixtures under src/test/resources/stacks. Proven by rewriting the committed files with other values.
 */
class CommittedStackFilesTest {

    /** Everything wrong with the stack files in {@code dir}, checked against the repository's Pulumi.yaml. */
    static List<String> problems(Path dir) throws IOException {
        var problems = new ArrayList<String>();
        String project = Files.readString(Path.of("Pulumi.yaml"));
        PulumiCliConfigRules.projectProblems(project).forEach(p -> problems.add("Pulumi.yaml: " + p));
        var stacks = Stacks.stacksIn(dir);
        if (stacks.isEmpty()) {
            problems.add(dir + ": no stack file");
        }
        for (String stack : stacks) {
            Path file = dir.resolve("Pulumi." + stack + ".yaml");
            PulumiCliConfigRules.stackProblems(project, stack, Files.readString(file))
                    .forEach(p -> problems.add(file.getFileName() + " (Pulumi CLI): " + p));
            Plan plan;
            boolean bootstrap;
            boolean production;
            try {
                var config = Stacks.config(file, stack, Map.of());
                bootstrap = config.deliveryBootstrap();
                production = config.production();
                plan = OfflineRun.run(config);
            } catch (ConfigException e) {
                problems.add(file.getFileName() + ": " + e.getMessage());
                continue;
            }
            plan.errors().forEach(e -> problems.add(file.getFileName() + " (render): " + e));
            for (var policy : Guardrails.POLICIES) {
                if (policy.enforcedOn().covers(bootstrap, production)) {
                    policy.validate(plan).forEach(v -> problems.add(file.getFileName() + " (" + policy.name() + "): "
                            + v));
                }
            }
        }
        return problems;
    }

    @Test
    void theCommittedStackFilesKeepEveryRuleThatHoldsForAnyValidValues() throws IOException {
        assertTrue(Stacks.committed().containsAll(List.of("dev", "prod", "bootstrap-dev", "bootstrap-prod")));
        assertEquals(List.of(), problems(Path.of(".")));
    }

    /** A team's own values: other account ids, repository, domains and region than the examples. */
    static final Map<String, String> OTHER_VALUES = new LinkedHashMap<>();

    static {
        OTHER_VALUES.put("111122223333", "210987654321");
        OTHER_VALUES.put("444455556666", "123412341234");
        OTHER_VALUES.put("acme/eks-platform", "example-org/platform-infra");
        OTHER_VALUES.put("dev.example.com", "staging.shop.example.net");
        OTHER_VALUES.put("example.com", "shop.example.net");
        OTHER_VALUES.put("eu-west-1", "us-east-2");
        OTHER_VALUES.put("Z0EXAMPLEDEV00000001", "Z09876543210ABCDEFGHI");
        OTHER_VALUES.put("Z0EXAMPLEPROD0000001", "Z01234567890ABCDEFGHI");
    }

    static Path rewritten(Path dir, Map<String, String> substitutions) throws IOException {
        for (String stack : Stacks.committed()) {
            String text = Files.readString(Path.of("Pulumi." + stack + ".yaml"));
            // In order: dev.example.com before example.com, which would catch it.
            for (var e : substitutions.entrySet()) {
                text = text.replace(e.getKey(), e.getValue());
            }
            Files.writeString(dir.resolve("Pulumi." + stack + ".yaml"), text);
        }
        return dir;
    }

    @Test
    void otherAccountsDomainsRepositoryAndRegionPassTheSameChecks(@TempDir Path dir) throws IOException {
        rewritten(dir, OTHER_VALUES);
        String dev = Files.readString(dir.resolve("Pulumi.dev.yaml"));
        assertTrue(dev.contains("210987654321") && dev.contains("staging.shop.example.net")
                && dev.contains("us-east-2") && !dev.contains("example.com"), dev);
        assertEquals(List.of(), problems(dir));
        // The workflows' region step follows the file.
        assertEquals("us-east-2", ConfigSource.fromStackFile(dir.resolve("Pulumi.prod.yaml")).get("aws:region")
                .orElseThrow());
    }

    @Test
    void aCommittedFileThatBreaksARuleIsReported(@TempDir Path dir) throws IOException {
        rewritten(dir, Map.of("eks-platform:endpointPublicAccess: false", "eks-platform:endpointPublicAccess: true",
                "eks-platform:vpcCidr: 10.10.0.0/16", "eks-platform:vpcCidr: 10.10.0.0/33"));
        var problems = problems(dir);
        // The loader's production promises catch it before the guardrail pack (private-api-endpoint) would.
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("Pulumi.prod.yaml")
                && p.contains("endpointPublicAccess")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("Pulumi.dev.yaml: Invalid configuration")
                && p.contains("vpcCidr")), problems.toString());
    }
}
