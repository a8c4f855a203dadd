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

    /** The diff's Markdown from a render of {@code base} to one of {@code head}. */
    private static String diffOfStacks(Path dir, String base, String head) {
        render("--config", Stacks.file(base).toString(), "--stack", base, "--out", dir.resolve("base").toString());
        return render("--config", Stacks.file(head).toString(), "--stack", head, "--out", dir.resolve("head").toString(),
                "--diff", dir.resolve("base/plan.json").toString());
    }

    @Test
    void theSameStackRenderedTwiceHasNoChanges(@TempDir Path dir) {
        assertTrue(diffOfStacks(dir, "prod", "prod").contains("No changes."));
    }

    @Test
    void removedResourcesAreListed(@TempDir Path dir) {
        String markdown = diffOfStacks(dir, "prod", "dev");
        assertTrue(markdown.contains("| - | `network-flow-logs` | `aws:ec2/flowLog:FlowLog` |"), markdown);
    }

    private static final String GET_OBJECT = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"s3:GetObject\"],\"Resource\":\"*\"}]}";

    private static Map<String, Object> planWithPolicy(String policy) {
        var resource = Map.<String, Object>of("type", "aws:iam/rolePolicy:RolePolicy", "name", "app-policy",
                "inputs", Map.of("role", "app", "policy", policy), "dependsOn", List.of(), "protect", false);
        return Map.of("stack", "dev", "resources", List.of(resource));
    }

    @Test
    void policyTextThatDiffersOnlyInKeyOrderAndSpacingIsNoChange() {
        var diff = PlanDiff.between(planWithPolicy(GET_OBJECT), planWithPolicy("{\"Statement\": [{\"Resource\": \"*\","
                + " \"Action\": [\"s3:GetObject\"], \"Effect\": \"Allow\"}], \"Version\": \"2012-10-17\"}"));

        assertTrue(diff.isEmpty(), () -> PlanDiff.markdown(diff));
    }

    @Test
    void aChangedValueInsidePolicyTextIsAChangeAtItsPath() {
        var diff = PlanDiff.between(planWithPolicy(GET_OBJECT), planWithPolicy(GET_OBJECT.replace("GetObject",
                "PutObject")));

        assertEquals(List.of(new PlanDiff.Change("aws:iam/rolePolicy:RolePolicy", "app-policy",
                List.of("inputs.policy.Statement[0].Action[0]"))), diff.changed());
    }

    @Test
    void textThatIsNotAJsonDocumentIsComparedAsText() {
        var diff = PlanDiff.between(planWithPolicy("{not json"), planWithPolicy("{not  json"));

        assertEquals(List.of("inputs.policy"), diff.changed().get(0).paths());
    }

    private static Map<String, Object> resource(String urn, String type, String name, String parent, Map<String, Object> inputs,
                                                List<String> dependsOn) {
        var resource = new java.util.HashMap<String, Object>(Map.of("urn", urn, "type", type, "name", name,
                "inputs", inputs, "dependsOn", dependsOn, "protect", false, "retainOnDelete", false));
        resource.put("parent", parent);
        return resource;
    }

    private static final String STACK = "urn:pulumi:dev::p::";

    /** Base: a node group and an add-on waiting for it, both under the cluster component. */
    private static Map<String, Object> plan(String nodeGroupParent, String nodeGroupUrn, Map<String, Object> nodeInputs) {
        var component = resource(STACK + "p:cluster:" + nodeGroupParent, "p:cluster:" + nodeGroupParent,
                "cluster", null, Map.of(), List.of());
        var nodes = resource(nodeGroupUrn, "aws:eks/nodeGroup:NodeGroup", "cluster-system",
                STACK + "p:cluster:" + nodeGroupParent + "::cluster", nodeInputs, List.of());
        var coreDns = resource(STACK + "p:cluster:EksCluster$aws:eks/addon:Addon::cluster-coredns",
                "aws:eks/addon:Addon", "cluster-coredns", STACK + "p:cluster:EksCluster::cluster",
                Map.of("addonName", "coredns"), List.of(nodeGroupUrn));
        return Map.of("project", "p", "stack", "dev", "resources", nodeGroupParent.equals("EksCluster")
                ? List.of(component, nodes, coreDns)
                : List.of(resource(STACK + "p:cluster:EksCluster", "p:cluster:EksCluster", "cluster", null, Map.of(),
                        List.of()), component, nodes, coreDns));
    }

    @Test
    void aResourceUnderAnotherParentWithTheSameInputsIsMovedAndItsDependentsAreUnchanged() {
        String before = STACK + "p:cluster:EksCluster$aws:eks/nodeGroup:NodeGroup::cluster-system";
        String after = STACK + "p:cluster:SystemNodeGroup$aws:eks/nodeGroup:NodeGroup::cluster-system";
        var diff = PlanDiff.between(plan("EksCluster", before, Map.of("minSize", 3)),
                plan("SystemNodeGroup", after, Map.of("minSize", 3)));

        assertEquals(List.of(new PlanDiff.Move("aws:eks/nodeGroup:NodeGroup", "cluster-system",
                "p:cluster:EksCluster::cluster", "p:cluster:SystemNodeGroup::cluster")), diff.moved());
        assertTrue(diff.changed().isEmpty(), () -> PlanDiff.markdown(diff));
        assertTrue(diff.removed().isEmpty(), () -> PlanDiff.markdown(diff));
        assertTrue(diff.added().isEmpty(), () -> PlanDiff.markdown(diff));
        assertEquals(List.of("+ p:cluster:SystemNodeGroup"), diff.regrouped().stream().map(r -> r[0] + " " + r[1])
                .toList(), "the new component is a regrouping, nothing in the cloud");
        assertTrue(PlanDiff.markdown(diff).contains("| > | `cluster-system` | `aws:eks/nodeGroup:NodeGroup` | from "
                + "`p:cluster:EksCluster::cluster` to `p:cluster:SystemNodeGroup::cluster` |"), PlanDiff.markdown(diff));
    }

    @Test
    void aResourceUnderAnotherParentWithOtherInputsIsRemovedAndAdded() {
        String before = STACK + "p:cluster:EksCluster$aws:eks/nodeGroup:NodeGroup::cluster-system";
        String after = STACK + "p:cluster:SystemNodeGroup$aws:eks/nodeGroup:NodeGroup::cluster-system";
        var diff = PlanDiff.between(plan("EksCluster", before, Map.of("minSize", 3)),
                plan("SystemNodeGroup", after, Map.of("minSize", 4)));

        assertTrue(diff.moved().isEmpty(), () -> PlanDiff.markdown(diff));
        assertEquals(List.of("cluster-system"), diff.removed().stream().map(r -> r[1]).toList());
        assertEquals(List.of("dependsOn"), diff.changed().get(0).paths(), "the add-on now waits for another URN");
    }
}
