package com.acme.platform.eks;

import com.acme.platform.eks.offline.PlannedResource;
import com.acme.platform.eks.offline.StackRegionCommand;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static com.acme.platform.eks.ResourceTypes.RECORD;
import static com.acme.platform.eks.ResourceTypes.SERVICE_LINKED_ROLE;
import static com.acme.platform.eks.ResourceTypes.SG_INGRESS_RULE;
import static com.acme.platform.eks.ResourceTypes.ZONE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18: what a first deployment into two empty accounts needs from the program, in the order the deploy guide
 * (docs/deploying.md) does it.
 */
class FirstDeploymentTest {
    private static final String SPOT_ROLE =
            "arn:aws:iam::111122223333:role/aws-service-role/spot.amazonaws.com/AWSServiceRoleForEC2Spot";

    // ------------------------------------------------------------ item 4: the EC2 Spot service-linked role

    @Test
    void aStackWithSpotCapacityCreatesTheSpotServiceLinkedRoleAndKeepsItOnDestroy() {
        var roles = Stacks.plan("dev", Map.of("karpenterCapacityTypes", List.of("spot", "on-demand"))).ofType(SERVICE_LINKED_ROLE);
        assertEquals(1, roles.size(), roles.toString());
        var role = roles.get(0);
        assertEquals("spot.amazonaws.com", role.string("awsServiceName"));
        assertTrue(role.retainOnDelete(), "one role per account: destroying a stack must not delete it");
        assertNull(role.importId());
        assertEquals(List.of(), Stacks.plan("dev", Map.of("karpenterCapacityTypes", List.of("on-demand"))).ofType(SERVICE_LINKED_ROLE),
                "on-demand only needs no spot role");
        assertEquals(List.of(), Stacks.plan("dev", Map.of("karpenterCapacityTypes", List.of("spot"),
                "karpenterSpotServiceLinkedRole", "external")).ofType(SERVICE_LINKED_ROLE));
    }

    @Test
    void anExistingSpotServiceLinkedRoleIsAdoptedByItsArn() {
        var role = Stacks.plan("dev", Map.of("karpenterCapacityTypes", List.of("spot"),
                "karpenterSpotServiceLinkedRole", SPOT_ROLE)).ofType(SERVICE_LINKED_ROLE).get(0);
        assertEquals(SPOT_ROLE, role.importId());
        Stacks.assertSingleProblem("karpenterSpotServiceLinkedRole", Map.of("karpenterSpotServiceLinkedRole",
                "arn:aws:iam::111122223333:role/AWSServiceRoleForEC2Spot"), "must be create, external, or the ARN");
    }

    // ------------------------------------------------------------ item 5: the runner's way to the API

    @Test
    void listedRunnersReachTheApiThroughTheClusterSecurityGroupOn443() {
        var plan = Stacks.plan("prod", Map.of("clusterApiAccessSecurityGroupIds", List.of("sg-0123456789abcdef0"),
                "clusterApiAccessCidrs", List.of("10.99.0.0/24")));
        var rules = plan.ofType(SG_INGRESS_RULE);
        assertEquals(2, rules.size(), rules.toString());
        for (PlannedResource rule : rules) {
            assertEquals(plan.outputs().get("clusterSecurityGroupId"), rule.string("securityGroupId"));
            assertEquals(List.of("443", "443", "tcp"), List.of(rule.string("fromPort").replace(".0", ""),
                    rule.string("toPort").replace(".0", ""), rule.string("ipProtocol")));
        }
        assertEquals(Set.of("sg-0123456789abcdef0", "10.99.0.0/24"), rules.stream()
                .map(r -> r.string("referencedSecurityGroupId") != null ? r.string("referencedSecurityGroupId")
                        : r.string("cidrIpv4")).collect(Collectors.toSet()));
        var provider = plan.byName("cluster-kubernetes");
        rules.forEach(r -> assertTrue(provider.dependsOn().contains(r.name()),
                "Kubernetes objects wait for the runner's way in: " + r.name()));
    }

    @Test
    void everyPlatformStackExportsItsClusterSecurityGroup() {
        for (String stack : Stacks.platform()) {
            assertTrue(Stacks.plan(stack).outputs().containsKey("clusterSecurityGroupId"), stack);
        }
    }

    @Test
    void theApiIsNeverOpenedToTheInternetOrToSomethingThatIsNoSecurityGroup() {
        Stacks.assertSingleProblem("clusterApiAccessCidrs", Map.of("clusterApiAccessCidrs", List.of("0.0.0.0/0")),
                "admits the whole internet");
        Stacks.assertSingleProblem("clusterApiAccessSecurityGroupIds",
                Map.of("clusterApiAccessSecurityGroupIds", List.of("runner")), "is not a security group id");
    }

    // ------------------------------------------------------------ item 4: zones before the first platform up

    @Test
    void theBootstrapStacksBuildThePublicZonesAndProdsDelegatesDevs() {
        var prod = Stacks.plan("bootstrap-prod");
        var zone = prod.ofType(ZONE);
        assertEquals(1, zone.size());
        assertEquals(Stacks.stackFile("bootstrap-prod").get("eks-platform:domain"), zone.get(0).string("name"));
        assertTrue(zone.get(0).protect(), "the bootstrap stacks protect what they build");
        var ns = prod.ofType(RECORD);
        assertEquals(1, ns.size());
        assertEquals("NS", ns.get(0).string("type"));
        assertEquals(Stacks.stackFile("bootstrap-dev").get("eks-platform:domain"), ns.get(0).string("name"));
        assertEquals(4, ((List<?>) ns.get(0).input("records")).size());
        assertTrue(prod.outputs().keySet().containsAll(Set.of("publicZoneId", "publicZoneNameServers")));
        var dev = Stacks.plan("bootstrap-dev");
        assertEquals(1, dev.ofType(ZONE).size());
        assertEquals(List.of(), dev.ofType(RECORD));
    }

    @Test
    void thePlatformStacksUseTheirBootstrapStacksZone() {
        for (String stack : Stacks.platform()) {
            var config = Stacks.stackFile(stack);
            if (Boolean.TRUE.equals(config.get("eks-platform:ingressEnabled"))) {
                assertTrue(config.containsKey("eks-platform:publicZoneId"), stack + " creates its own public zone:"
                        + " its delegation could only happen after its first up");
                assertEquals(List.of(), Stacks.plan(stack).matching(r -> r.type().equals(ZONE)
                        && r.input("vpcs") == null), stack);
            }
        }
    }

    @Test
    void aDelegationMustBeUnderTheDomainWithItsNameServers() {
        assertEquals(List.of("eks-platform:publicZoneDelegations = 'dev.example.org': is not a DNS name under"
                + " example.com"), Stacks.problemsOf("bootstrap-prod", Map.of("publicZoneDelegations",
                Map.of("dev.example.org", "ns-1.example.net,ns-2.example.net"))));
        var problems = Stacks.problemsOf("bootstrap-prod", Map.of("publicZoneDelegations",
                Map.of("dev.example.com", "ns-1.example.net")));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("must map to 2 to 8 comma-separated name servers"), problems.toString());
        var withoutDomain = Stacks.problemsOf("bootstrap-prod", Collections.singletonMap("domain", null));
        assertTrue(withoutDomain.stream().anyMatch(p -> p.startsWith("eks-platform:publicZoneDelegations")
                && p.contains("needs domain")), withoutDomain.toString());
        assertTrue(Stacks.problemsOf("dev", Map.of("publicZoneDelegations", Map.of())).stream()
                .anyMatch(p -> p.contains("publicZoneDelegations")));
    }

    // ------------------------------------------------------------ item 6: no role that nothing creates

    /**
     * Every role a committed platform stack names in its access entries is one its account's bootstrap stack builds:
     * EKS refuses an access entry for a principal that does not exist, so an uncreated role (the former
     * {@code platform-engineers}) failed the first up.
     */
    @Test
    void everyRoleWithClusterAccessIsOneABootstrapStackBuilds() {
        var built = new TreeSet<String>();
        for (String stack : Stacks.all()) {
            if (Stacks.deliveryBootstrap(stack)) {
                Stacks.plan(stack).ofType("aws:iam/role:Role").forEach(r -> built.add(r.string("name")));
            }
        }
        for (String stack : Stacks.platform()) {
            var config = Stacks.config(stack, Map.of()).cluster();
            for (String arn : concat(config.adminRoleArns(), config.viewerRoleArns())) {
                String name = arn.substring(arn.lastIndexOf('/') + 1);
                assertTrue(built.contains(name), stack + " gives cluster access to " + arn + ", which no bootstrap"
                        + " stack builds (built: " + built + ")");
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        var all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    // ------------------------------------------------------------ item 2: the region of each stack

    @Test
    void theRegionCommandPrintsTheStacksOwnRegionAndRefusesABadFile() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        // The command reads the committed stack files (the workflows' job runs it in the checkout).
        for (String stack : Stacks.committed()) {
            out.reset();
            assertEquals(0, StackRegionCommand.run(new String[] {"--stack", stack}, new PrintStream(out),
                    new PrintStream(err)), err.toString(StandardCharsets.UTF_8));
            assertEquals(com.acme.platform.eks.config.ConfigSource.fromStackFile(java.nio.file.Path.of("Pulumi." + stack
                    + ".yaml")).get("aws:region").orElseThrow() + "\n", out.toString(StandardCharsets.UTF_8));
        }
        assertEquals(66, StackRegionCommand.run(new String[] {"--stack", "nope"}, new PrintStream(out),
                new PrintStream(err)));
        assertEquals(64, StackRegionCommand.run(new String[] {}, new PrintStream(out), new PrintStream(err)));
        assertFalse(err.toString(StandardCharsets.UTF_8).isEmpty());
    }
}
