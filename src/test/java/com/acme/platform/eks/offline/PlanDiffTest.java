package com.acme.platform.eks.offline;

import com.acme.platform.eks.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanDiffTest {

    private static String render(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = RenderCommand.run("render", args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void switchingToANatPerAzShowsTheNewGatewayAndTheReroutedSubnet(@TempDir Path dir) throws Exception {
        render("--config", Stacks.file("dev").toString(), "--stack", "dev", "--out", dir.resolve("base").toString());
        var changed = dir.resolve("Pulumi.dev.yaml");
        Files.writeString(changed, Files.readString(Stacks.file("dev"))
                .replace("natGateways: single", "natGateways: perAz"));

        String markdown = render("--config", changed.toString(), "--out", dir.resolve("head").toString(),
                "--diff", dir.resolve("base/plan.json").toString());

        assertTrue(markdown.contains("| + | `network-nat-b` | `aws:ec2/natGateway:NatGateway` |"), markdown);
        assertTrue(markdown.contains("| + | `network-nat-b` | `aws:ec2/eip:Eip` |"), markdown);
        assertTrue(markdown.contains("| ~ | `network-private-b-default` | `aws:ec2/route:Route` | `dependsOn`, "
                + "`inputs.natGatewayId` |"), markdown);
        assertFalse(markdown.contains("network-private-a-default"), "subnet a keeps its NAT: " + markdown);
        assertFalse(markdown.contains("| - |"), markdown);
        assertEquals(markdown, Files.readString(dir.resolve("head/diff.md")));
    }

    @Test
    void theSameStackRenderedTwiceHasNoChanges(@TempDir Path dir) {
        render("--config", Stacks.file("prod").toString(), "--stack", "prod", "--out", dir.resolve("base").toString());
        String markdown = render("--config", Stacks.file("prod").toString(), "--stack", "prod", "--out", dir.resolve("head").toString(),
                "--diff", dir.resolve("base/plan.json").toString());
        assertTrue(markdown.contains("No changes."), markdown);
    }

    @Test
    void removedResourcesAreListed(@TempDir Path dir) {
        render("--config", Stacks.file("prod").toString(), "--stack", "prod", "--out", dir.resolve("base").toString());
        String markdown = render("--config", Stacks.file("dev").toString(), "--stack", "dev", "--out", dir.resolve("head").toString(),
                "--diff", dir.resolve("base/plan.json").toString());
        assertTrue(markdown.contains("| - | `network-flow-logs` | `aws:ec2/flowLog:FlowLog` |"), markdown);
    }

    private static Map<String, Object> planWithPolicy(String policy) {
        var resource = Map.<String, Object>of("type", "aws:iam/rolePolicy:RolePolicy", "name", "app-policy",
                "inputs", Map.of("role", "app", "policy", policy), "dependsOn", List.of(), "protect", false);
        return Map.of("stack", "dev", "resources", List.of(resource));
    }

    @Test
    void policyTextThatDiffersOnlyInKeyOrderAndSpacingIsNoChange() {
        var base = planWithPolicy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":[\"s3:GetObject\"],\"Resource\":\"*\"}]}");
        var head = planWithPolicy("{\"Statement\": [{\"Resource\": \"*\", \"Action\": [\"s3:GetObject\"], "
                + "\"Effect\": \"Allow\"}], \"Version\": \"2012-10-17\"}");

        var diff = PlanDiff.between(base, head);

        assertTrue(diff.isEmpty(), () -> PlanDiff.markdown(diff));
    }

    @Test
    void aChangedValueInsidePolicyTextIsAChangeAtItsPath() {
        var base = planWithPolicy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":[\"s3:GetObject\"],\"Resource\":\"*\"}]}");
        var head = planWithPolicy("{\"Statement\":[{\"Resource\":\"*\",\"Action\":[\"s3:PutObject\"],"
                + "\"Effect\":\"Allow\"}],\"Version\":\"2012-10-17\"}");

        var diff = PlanDiff.between(base, head);

        assertEquals(List.of(new PlanDiff.Change("aws:iam/rolePolicy:RolePolicy", "app-policy",
                List.of("inputs.policy.Statement[0].Action[0]"))), diff.changed());
    }

    @Test
    void textThatIsNotAJsonDocumentIsComparedAsText() {
        var diff = PlanDiff.between(planWithPolicy("{not json"), planWithPolicy("{not  json"));

        assertEquals(List.of("inputs.policy"), diff.changed().get(0).paths());
    }
}
