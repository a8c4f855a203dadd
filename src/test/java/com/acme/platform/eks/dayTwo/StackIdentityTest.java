package com.acme.platform.eks.dayTwo;

import com.acme.platform.eks.Stacks;
import com.acme.platform.eks.offline.OfflineRun;
import com.acme.platform.eks.offline.Plan;
import com.acme.platform.eks.offline.RenderCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17, item 2: what identifies a created stack (VPC CIDR, cluster name, domain, private zone) is not changed
 * by accident, and the app's NetworkPolicy follows the VPC the pods are in.
 */
class StackIdentityTest {

    static Stream<Object[]> identityChanges() {
        return Stream.of(
                new Object[]{"vpcCidr", "10.30.0.0/16", "Migration: a new stack in the new CIDR"},
                new Object[]{"clusterName", "platform-blue", "Migration: a new stack (blue/green)"},
                new Object[]{"domain", "other.example.org", "Migration: create the new zone"},
                new Object[]{"privateZoneName", "corp.dev.example.com", "Migration: a planned rebuild"});
    }

    private static Map<String, Object> change(String key, Object value) {
        var change = new LinkedHashMap<String, Object>();
        change.put(key, value);
        if (key.equals("domain")) {
            // the certificate and hosts must stay in the new domain for the loader to accept it
            change.put("certificateNames", List.of("other.example.org", "api.other.example.org",
                    "argocd.internal.other.example.org"));
            change.put("appHostName", "api.other.example.org");
            change.put("argocdHostName", "argocd.internal.other.example.org");
        }
        if (key.equals("privateZoneName")) {
            change.put("argocdHostName", "argocd.corp.dev.example.com");
            change.put("certificateNames", List.of("dev.example.com", "api.dev.example.com",
                    "argocd.corp.dev.example.com"));
        }
        return change;
    }

    @ParameterizedTest
    @MethodSource("identityChanges")
    void aCreatedStacksIdentityIsNotChangedUnlessARebuildIsPlanned(String key, Object value, String migration) {
        var before = Stacks.plan("dev");
        var after = OfflineRun.run(Stacks.config("dev", change(key, value)), before.outputs());
        String message = String.join("\n", after.errors());
        assertTrue(message.contains("eks-platform:" + key + ": "), message);
        assertTrue(message.contains(migration), message);
        assertTrue(after.resources().stream().noneMatch(r -> r.type().startsWith("aws:")
                        || r.type().startsWith("kubernetes:")), "a refused change registers nothing");

        var planned = change(key, value);
        planned.put("plannedRebuild", true);
        assertEquals(List.of(), OfflineRun.run(Stacks.config("dev", planned), before.outputs()).errors());
    }

    @Test
    void aStackWithoutPreviousIdentityIsNotChecked() {
        assertEquals(List.of(), OfflineRun.run(Stacks.config("dev", Map.of("vpcCidr", "10.30.0.0/16")),
                Map.of()).errors());
    }

    @Test
    void renderDiffRefusesAVpcCidrChangeOfTheCommittedStackFile(@TempDir Path dir) throws Exception {
        var stackFile = Files.readString(Stacks.file("dev"));
        var head = dir.resolve("Pulumi.dev.yaml");
        Files.writeString(head, stackFile.replace("eks-platform:vpcCidr: 10.10.0.0/16", "eks-platform:vpcCidr: 10.11.0.0/16"));
        assertNotEquals(stackFile, Files.readString(head));
        var sink = new java.io.ByteArrayOutputStream();
        var out = new java.io.PrintStream(sink, true, java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, RenderCommand.run("render", new String[]{"--config", Stacks.file("dev").toString(), "--stack", "dev", "--out",
                dir.resolve("base").toString()}, out, out));
        var err = new java.io.ByteArrayOutputStream();
        int status = RenderCommand.run("render", new String[]{"--config", head.toString(), "--out",
                dir.resolve("head").toString(), "--diff", dir.resolve("base/plan.json").toString()}, out,
                new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(2, status, err.toString());
        assertTrue(err.toString().contains("eks-platform:vpcCidr: 10.10.0.0/16 -> 10.11.0.0/16"), err.toString());
    }

    @ParameterizedTest
    @MethodSource("com.acme.platform.eks.dayTwo.ClusterRenameTest#platformStacks")
    void theAppsNetworkPolicyTakesItsCidrsFromTheSubnetsThatExist(String stack) {
        Plan plan = Stacks.plan(stack);
        String tier = Stacks.config(stack, Map.of()).app().exposure()
                == com.acme.platform.eks.config.AppConfig.Exposure.PUBLIC ? "public" : "private";
        var subnets = plan.ofType("aws:ec2/subnet:Subnet").stream()
                .filter(s -> s.name().startsWith("network-" + tier + "-"))
                // In AZ order (a, b, c), as the Network lists them; registration order varies between runs.
                .sorted(java.util.Comparator.comparing(com.acme.platform.eks.offline.PlannedResource::name)).toList();
        var policy = plan.get("kubernetes:networking.k8s.io/v1:NetworkPolicy", "app-allow-http");
        assertTrue(!subnets.isEmpty());
        // An output of the Network, not the config string: the policy waits for (and follows) the subnets.
        subnets.forEach(subnet -> assertTrue(policy.dependsOnUrns().contains(subnet.urn()),
                () -> "the policy must follow " + subnet.name() + ": " + policy.dependsOn()));
        var cidrs = ((List<?>) policy.input("spec.ingress.0.from")).stream()
                .map(peer -> ((Map<?, ?>) ((Map<?, ?>) peer).get("ipBlock")).get("cidr")).toList();
        assertEquals(subnets.stream().map(s -> s.string("cidrBlock")).toList(), cidrs);
    }
}
