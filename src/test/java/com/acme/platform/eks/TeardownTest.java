package com.acme.platform.eks;

import com.acme.platform.eks.offline.Plan;
import com.acme.platform.eks.offline.PlannedResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code pulumi destroy} deletes last. The engine deletes a resource before everything it depends on: its
 * dependencies, its provider and its parent (pulumi/pulumi pkg/resource/graph, DependencyGraph). The engine
 * harness (scripts/engine-test) checks the same order against a real destroy.
 */
public class TeardownTest {
    /** The way out of the private subnets that Karpenter and the load balancer controller clean up through. */
    static final Set<String> EGRESS_TYPES = Set.of("aws:ec2/route:Route",
            "aws:ec2/routeTableAssociation:RouteTableAssociation", "aws:ec2/natGateway:NatGateway",
            "aws:ec2/eip:Eip", "aws:ec2/internetGateway:InternetGateway", "aws:ec2/vpcEndpoint:VpcEndpoint");

    static Stream<String> platformStacks() {
        return Stacks.platform().stream();
    }

    /** Everything that outlives {@code urn} in a destroy. */
    public static Set<String> outlives(Plan plan, String urn) {
        var byUrn = new HashMap<String, PlannedResource>();
        plan.resources().forEach(r -> byUrn.put(r.urn(), r));
        var seen = new TreeSet<String>();
        var queue = new ArrayDeque<>(List.of(urn));
        while (!queue.isEmpty()) {
            var r = byUrn.get(queue.pop());
            if (r == null) {
                continue;
            }
            var next = new ArrayList<>(r.dependsOnUrns());
            if (r.providerUrn() != null) {
                next.add(r.providerUrn());
            }
            if (r.parentUrn() != null) {
                next.add(r.parentUrn());
            }
            next.stream().filter(seen::add).forEach(queue::add);
        }
        return seen;
    }

    @ParameterizedTest
    @MethodSource("platformStacks")
    void destroyKeepsEgressUntilEveryInClusterObjectIsGone(String stack) {
        var plan = Stacks.plan(stack);
        var egress = plan.matching(r -> EGRESS_TYPES.contains(r.type())).stream().map(PlannedResource::urn).toList();
        assertTrue(egress.size() >= 6, "routes, associations, NAT, IGW and endpoint: " + egress);
        var inCluster = plan.matching(r -> r.custom() && r.type().startsWith("kubernetes:"));
        assertFalse(inCluster.isEmpty());
        var cutOff = new ArrayList<String>();
        for (var object : inCluster) {
            var kept = outlives(plan, object.urn());
            egress.stream().filter(e -> !kept.contains(e)).findFirst()
                    .ifPresent(e -> cutOff.add(object.urn() + " outlives " + e));
        }
        assertEquals(List.of(), cutOff, "an in-cluster object would be deleted after part of the egress path");
    }

    @ParameterizedTest
    @MethodSource("platformStacks")
    void systemNodesKeepEgressUntilTheyAreGone(String stack) {
        var plan = Stacks.plan(stack);
        var nodeGroup = plan.ofType("aws:eks/nodeGroup:NodeGroup").get(0);
        var kept = outlives(plan, nodeGroup.urn());
        plan.matching(r -> EGRESS_TYPES.contains(r.type()))
                .forEach(e -> assertTrue(kept.contains(e.urn()), e.urn()));
    }

    @ParameterizedTest
    @MethodSource("allStacks")
    void aProtectedStacksDestroyStopsBeforeDeletingAnything(String stack) {
        var plan = Stacks.plan(stack);
        var group = plan.ofType("aws:resourcegroups/group:Group");
        assertEquals(1, group.size(), "one stack resource group");
        assertEquals(Stacks.config(stack, Map.of()).protect(), group.get(0).protect());
        var kept = outlives(plan, group.get(0).urn());
        var deletedBefore = plan.matching(r -> r.custom() && !r.type().startsWith("pulumi:providers:")
                && r != group.get(0) && !kept.contains(r.urn()));
        assertEquals(List.of(), deletedBefore.stream().map(PlannedResource::urn).toList(),
                "the destroy would delete these before reaching the protected group");
    }

    static Stream<String> allStacks() {
        return Stacks.all().stream();
    }

    @Test
    void everyResourceHasAUniqueUrnThatNamesItsParentChain() {
        var plan = Stacks.plan("dev");
        var urns = plan.resources().stream().map(PlannedResource::urn).toList();
        assertEquals(urns.size(), Set.copyOf(urns).size(), "URNs are unique");
        var subnet = plan.get("aws:ec2/subnet:Subnet", "network-private-a");
        assertEquals("urn:pulumi:dev::eks-platform::eks-platform:network:Network$aws:ec2/subnet:Subnet"
                + "::network-private-a", subnet.urn());
        var sameName = plan.matching(r -> r.name().equals("network-private-a"));
        assertTrue(sameName.size() >= 3, "a subnet, a route table and an association share the name");
        sameName.forEach(r -> assertTrue(urns.contains(r.urn())));
        plan.resources().stream().filter(r -> r.parentUrn() != null)
                .forEach(r -> assertTrue(urns.contains(r.parentUrn()), r.urn() + " has parent " + r.parentUrn()));
        plan.resources().forEach(r -> r.dependsOnUrns().forEach(d -> assertTrue(urns.contains(d), r.urn() + " -> " + d)));
    }

    @Test
    void planJsonNamesParentsAndDependenciesByUrn() {
        var json = com.acme.platform.eks.offline.PlanWriter.planJson(Stacks.plan("dev"));
        @SuppressWarnings("unchecked")
        var resources = (List<Map<String, Object>>) json.get("resources");
        var urns = resources.stream().map(r -> r.get("urn")).toList();
        for (var r : resources) {
            if (r.get("parent") != null) {
                assertTrue(urns.contains(r.get("parent")), r.toString());
            }
            for (Object d : (List<?>) r.get("dependsOn")) {
                assertTrue(urns.contains(d), r.get("urn") + " -> " + d);
            }
        }
    }
}
