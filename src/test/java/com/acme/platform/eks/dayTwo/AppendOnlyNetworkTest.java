package com.acme.platform.eks.dayTwo;

import com.acme.platform.eks.Stacks;
import com.acme.platform.eks.config.Ipv4Cidr;
import com.acme.platform.eks.config.NatMode;
import com.acme.platform.eks.config.NetworkConfig;
import com.acme.platform.eks.offline.OfflineRun;
import com.acme.platform.eks.offline.Plan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.acme.platform.eks.ResourceTypes.SUBNET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 17, item 1: raising azCount adds subnets and never moves one; a change that would move one is refused. */
class AppendOnlyNetworkTest {

    static Stream<String> platformStacks() {
        return Stacks.platform().stream();
    }

    /** Every layout the loader's rules allow (VPC /16-/24, subnet prefixes longer than the VPC's, at most /28). */
    @Test
    void theFirstNSubnetsAreTheSameForEveryAzCountOfAtLeastN() {
        int layouts = 0;
        for (int vpcPrefix = 16; vpcPrefix <= 24; vpcPrefix++) {
            var vpc = Ipv4Cidr.parse("10.0.0.0/" + vpcPrefix).orElseThrow();
            for (int privatePrefix = vpcPrefix + 1; privatePrefix <= 28; privatePrefix++) {
                for (int publicPrefix = vpcPrefix + 1; publicPrefix <= 28; publicPrefix++) {
                    for (int block = 0; block <= 4; block++) {
                        var byAzCount = new ArrayList<NetworkConfig>();
                        for (int azCount = 2; azCount <= NetworkConfig.MAX_AZ_COUNT; azCount++) {
                            var layout = new NetworkConfig(vpc, azCount, List.of(), privatePrefix, publicPrefix, block,
                                    NatMode.SINGLE, false, 30);
                            if (fits(layout)) {
                                byAzCount.add(layout);
                                assertDisjoint(layout);
                            }
                        }
                        for (var smaller : byAzCount) {
                            for (var larger : byAzCount) {
                                if (larger.azCount() < smaller.azCount()) {
                                    continue;
                                }
                                int n = smaller.azCount();
                                assertEquals(smaller.privateSubnetCidrs(), larger.privateSubnetCidrs().subList(0, n),
                                        () -> "private subnets move between " + smaller + " and " + larger);
                                assertEquals(smaller.publicSubnetCidrs(), larger.publicSubnetCidrs().subList(0, n),
                                        () -> "public subnets move between " + smaller + " and " + larger);
                            }
                        }
                        layouts += byAzCount.size();
                    }
                }
            }
        }
        assertTrue(layouts > 1000, "the property ran over " + layouts + " valid layouts");
    }

    /** As the loader decides: every subnet inside the VPC. */
    private static boolean fits(NetworkConfig layout) {
        var all = new ArrayList<>(layout.privateSubnetCidrs());
        all.addAll(layout.publicSubnetCidrs());
        return all.stream().allMatch(layout.vpcCidr()::contains);
    }

    private static void assertDisjoint(NetworkConfig layout) {
        var all = new ArrayList<>(layout.privateSubnetCidrs());
        all.addAll(layout.publicSubnetCidrs());
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                assertFalse(all.get(i).overlaps(all.get(j)), all.get(i) + " overlaps " + all.get(j) + " in " + layout);
            }
        }
    }

    private static Map<String, List<Object>> subnets(Plan plan) {
        var byName = new LinkedHashMap<String, List<Object>>();
        plan.ofType(SUBNET).forEach(s -> byName.put(s.name(), List.of(s.string("cidrBlock"),
                String.valueOf(s.input("availabilityZone")))));
        return byName;
    }

    @ParameterizedTest
    @MethodSource("platformStacks")
    void anAddedAzAddsSubnetsAndMovesNone(String stack) {
        var before = Stacks.plan(stack);
        int azCount = Stacks.config(stack, Map.of()).network().azCount();
        for (int more : new java.util.TreeSet<>(List.of(azCount + 1, NetworkConfig.MAX_AZ_COUNT))) {
            var after = subnets(Stacks.plan(stack, Map.of("azCount", more)));
            subnets(before).forEach((name, placement) -> assertEquals(placement, after.get(name),
                    stack + ": " + name + " moved"));
            assertEquals(2 * more, after.size());
        }
    }

    @Test
    void devAndProdKeepTheirCommittedSubnets() {
        assertEquals(List.of("10.10.0.0/19", "10.10.32.0/19", "10.10.64.0/24", "10.10.65.0/24"), cidrs("dev"));
        assertEquals(List.of("10.20.0.0/19", "10.20.32.0/19", "10.20.64.0/19", "10.20.96.0/24", "10.20.97.0/24",
                "10.20.98.0/24"), cidrs("prod"));
    }

    private static List<String> cidrs(String stack) {
        var network = Stacks.config(stack, Map.of()).network();
        var all = new ArrayList<String>();
        network.privateSubnetCidrs().forEach(c -> all.add(c.toString()));
        network.publicSubnetCidrs().forEach(c -> all.add(c.toString()));
        return all;
    }

    static Stream<Map<String, Object>> movingChanges() {
        return Stream.of(Map.of("privateSubnetPrefixLength", 20), Map.of("publicSubnetPrefixLength", 25),
                Map.of("publicSubnetBlock", 5), Map.of("availabilityZones", List.of("eu-west-1b", "eu-west-1c")));
    }

    @ParameterizedTest
    @MethodSource("movingChanges")
    void aChangeThatMovesAnExistingSubnetIsRefusedNamingTheMigration(Map<String, Object> change) {
        var before = Stacks.plan("dev");
        var after = OfflineRun.run(Stacks.config("dev", change), before.outputs());
        assertFalse(after.errors().isEmpty(), "the change was not refused: " + change);
        String message = String.join("\n", after.errors());
        assertTrue(message.contains("subnets of AZ a would move"), message);
        assertTrue(message.contains("Migration: a new stack with the new layout"), message);
        assertTrue(message.contains("eks-platform:plannedRebuild: true"), message);
        assertEquals(List.of(), after.resources().stream().filter(r -> r.type().startsWith("aws:")).toList(),
                "a refused change registers no AWS resource");

        var rebuild = new LinkedHashMap<String, Object>(change);
        rebuild.put("plannedRebuild", true);
        assertEquals(List.of(), OfflineRun.run(Stacks.config("dev", rebuild), before.outputs()).errors());
    }

    @Test
    void raisingAzCountIsNotRefused() {
        var before = Stacks.plan("dev");
        assertEquals(List.of(), OfflineRun.run(Stacks.config("dev", Map.of("azCount", 3)), before.outputs()).errors());
    }

    @ParameterizedTest
    @MethodSource("platformStacks")
    void subnetsNatGatewaysAndRouteTablesAreProtectedWhereTheStackProtects(String stack) {
        var plan = Stacks.plan(stack);
        boolean protect = Stacks.config(stack, Map.of()).protect();
        var kept = plan.matching(r -> List.of(SUBNET, "aws:ec2/natGateway:NatGateway", "aws:ec2/eip:Eip",
                "aws:ec2/routeTable:RouteTable", "aws:ec2/internetGateway:InternetGateway").contains(r.type()));
        assertFalse(kept.isEmpty());
        kept.forEach(r -> assertEquals(protect, r.protect(), r.type() + " " + r.name()));
        assertTrue(Stacks.config("prod", Map.of()).protect(), "prod protects");
    }
}
