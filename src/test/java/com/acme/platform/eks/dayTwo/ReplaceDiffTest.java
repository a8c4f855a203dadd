package com.acme.platform.eks.dayTwo;

import com.acme.platform.eks.Stacks;
import com.acme.platform.eks.offline.PlanDiff;
import com.acme.platform.eks.offline.RenderCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17, item 6: {@code render --diff} of a change to a committed stack file says "replace" where the provider
 * replaces, and shows what the replacement drags along.
 */
class ReplaceDiffTest {

    @TempDir
    Path dir;

    /** Renders the committed dev file and the edited one, and diffs them as the pull-request job does. */
    private PlanDiff.Result diff(UnaryOperator<String> edit) throws Exception {
        var committed = Files.readString(Stacks.file("dev"));
        var edited = edit.apply(committed);
        assertFalse(edited.equals(committed), "the fixture changes the stack file");
        var head = dir.resolve("Pulumi.dev.yaml");
        Files.writeString(head, edited);
        var sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(0, RenderCommand.run("render", new String[]{"--config", Stacks.file("dev").toString(), "--stack", "dev", "--out",
                dir.resolve("base").toString()}, sink, sink));
        var err = new ByteArrayOutputStream();
        assertEquals(0, RenderCommand.run("render", new String[]{"--config", head.toString(), "--out",
                dir.resolve("head").toString(), "--diff", dir.resolve("base/plan.json").toString()}, sink,
                new PrintStream(err, true, StandardCharsets.UTF_8)), err::toString);
        return PlanDiff.between(PlanDiff.read(dir.resolve("base/plan.json")),
                PlanDiff.read(dir.resolve("head/plan.json")));
    }

    private static String rebuild(String stackFile) {
        return stackFile.stripTrailing() + "\n  eks-platform:plannedRebuild: true\n";
    }

    private static Map<String, PlanDiff.Change> byTypeAndName(PlanDiff.Result diff) {
        return diff.changed().stream().collect(Collectors.toMap(c -> c.type() + " " + c.name(), c -> c));
    }

    @Test
    void aNewVpcCidrReplacesTheVpcAndDragsTheNetworkAlong() throws Exception {
        var diff = diff(file -> rebuild(file.replace("eks-platform:vpcCidr: 10.10.0.0/16",
                "eks-platform:vpcCidr: 10.11.0.0/16")));
        var changes = byTypeAndName(diff);
        var vpc = changes.get("aws:ec2/vpc:Vpc network-vpc");
        assertTrue(vpc.replace(), vpc::toString);
        assertTrue(vpc.replacing().containsKey("inputs.cidrBlock"));
        assertTrue(vpc.replacing().get("inputs.cidrBlock").contains("terraform-provider-aws"));
        for (String subnet : List.of("network-private-a", "network-private-b", "network-public-a", "network-public-b")) {
            var change = changes.get("aws:ec2/subnet:Subnet " + subnet);
            assertTrue(change.replace(), subnet);
            // the fake cloud gave the new VPC a new id: the subnets' vpcId changes with it
            assertTrue(change.replacing().containsKey("inputs.vpcId"), change::toString);
            assertTrue(change.after().contains("network-vpc"), change::toString);
        }
        var nat = changes.get("aws:ec2/natGateway:NatGateway network-nat-a");
        assertTrue(nat.replace() && nat.replacing().containsKey("inputs.subnetId"), nat::toString);
        assertTrue(nat.after().contains("network-public-a"), nat::toString);
        assertTrue(changes.get("aws:eks/nodeGroup:NodeGroup cluster-system").replace());
        String markdown = PlanDiff.markdown(diff);
        assertTrue(markdown.contains("| +- | `network-vpc` | `aws:ec2/vpc:Vpc`"), markdown);
        assertTrue(markdown.contains("follows the replaced `network-vpc`"), markdown);
        assertTrue(Files.readString(dir.resolve("head/diff.md")).contains("to replace"));
    }

    @Test
    void aClusterRenameReplacesTheClusterAndWhatIsBoundToItsName() throws Exception {
        var diff = diff(file -> rebuild(file) + "  eks-platform:clusterName: platform-blue\n");
        var changes = byTypeAndName(diff);
        assertTrue(changes.get("aws:eks/cluster:Cluster cluster-eks").replacing().containsKey("inputs.name"));
        assertTrue(changes.get("aws:eks/nodeGroup:NodeGroup cluster-system").replace());
        assertTrue(changes.get("aws:cloudwatch/logGroup:LogGroup cluster-control-plane").replace());
        for (String type : List.of("aws:eks/accessEntry:AccessEntry", "aws:eks/addon:Addon",
                "aws:eks/podIdentityAssociation:PodIdentityAssociation")) {
            var ofType = diff.changed().stream().filter(c -> c.type().equals(type)).toList();
            assertFalse(ofType.isEmpty(), type);
            assertTrue(ofType.stream().allMatch(PlanDiff.Change::replace), type + ": " + ofType);
        }
    }

    @Test
    void aNamespaceRenameReplacesTheAppsObjects() throws Exception {
        var diff = diff(file -> file.stripTrailing() + "\n  eks-platform:appNamespace: backend-v2\n");
        var changes = byTypeAndName(diff);
        for (String key : List.of("kubernetes:apps/v1:Deployment app-deployment", "kubernetes:core/v1:Service app-service",
                "kubernetes:networking.k8s.io/v1:Ingress app-ingress")) {
            assertTrue(changes.get(key).replacing().containsKey("inputs.metadata.namespace"), key);
            assertTrue(changes.get(key).replacing().get("inputs.metadata.namespace").contains("pulumi-kubernetes"));
        }
    }

    @Test
    void anUpdateInPlaceIsNotAReplacement() throws Exception {
        var diff = diff(file -> file.replace("eks-platform:systemNodeMaxSize: 3", "eks-platform:systemNodeMaxSize: 4"));
        assertEquals(List.of("cluster-system"), diff.changed().stream().map(PlanDiff.Change::name).toList());
        assertFalse(diff.changed().get(0).replace(), diff.changed()::toString);
    }
}
