package com.acme.platform.eks.network;

import com.acme.platform.eks.Stacks;
import com.acme.platform.eks.config.NatMode;
import com.acme.platform.eks.config.Ipv4Cidr;
import com.acme.platform.eks.offline.Plan;
import com.acme.platform.eks.offline.PlannedResource;
import com.google.gson.Gson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.acme.platform.eks.ResourceTypes.NAT;
import static com.acme.platform.eks.ResourceTypes.ROUTE;
import static com.acme.platform.eks.ResourceTypes.ROUTE_TABLE_ASSOCIATION;
import static com.acme.platform.eks.ResourceTypes.SUBNET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkTest {

    private static List<PlannedResource> subnets(Plan plan, String tier) {
        return plan.ofType(SUBNET).stream().filter(s -> s.name().startsWith("network-" + tier + "-")).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void subnetsGoToRegularAvailabilityZonesNeverToLocalZones(String stack) {
        // The fake region lists an opted-in Local Zone first, as EC2 may: the lookup must filter it out.
        @SuppressWarnings("unchecked")
        var zones = (List<String>) Stacks.plan(stack).outputs().get("availabilityZones");
        assertEquals(Stacks.config(stack, Map.of()).network().azCount(), zones.size());
        assertTrue(zones.stream().allMatch(zone -> zone.matches("eu-west-1[a-f]")), zones.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theVpcsDefaultSecurityGroupHasNoRules(String stack) {
        var plan = Stacks.plan(stack);
        var sg = plan.ofType("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup").get(0);
        assertEquals(List.of(sg), plan.ofType(sg.type()), "the default security group is adopted (and so emptied)");
        assertEquals(plan.outputs().get("vpcId"), sg.input("vpcId"));
        assertTrue(sg.input("ingress") == null || ((List<?>) sg.input("ingress")).isEmpty(), sg.inputs()::toString);
        assertTrue(sg.input("egress") == null || ((List<?>) sg.input("egress")).isEmpty(), sg.inputs()::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void aPublicAndAPrivateSubnetPerAzAndANatGatewayPerAzOrOneShared(String stack) {
        var network = Stacks.config(stack, Map.of()).network();
        var plan = Stacks.plan(stack);
        assertEquals(network.azCount(), subnets(plan, "public").size());
        assertEquals(network.azCount(), subnets(plan, "private").size());
        assertEquals(network.nat() == NatMode.PER_AZ ? network.azCount() : 1, plan.ofType(NAT).size(), network.nat()
                .configValue());
        var natSubnets = plan.ofType(NAT).stream().map(n -> n.string("subnetId")).distinct().toList();
        assertEquals(plan.ofType(NAT).size(), natSubnets.size(), "each NAT gateway in its own public subnet");
        var publicIds = subnets(plan, "public").stream().map(s -> idOf(plan, s)).toList();
        assertTrue(publicIds.containsAll(natSubnets), "NAT gateways live in public subnets");
    }

    /** The id the fake cloud gave a resource, as other resources' inputs reference it. */
    private static String idOf(Plan plan, PlannedResource resource) {
        // a route table association names the subnet by id; match it through the association of the same suffix
        String suffix = resource.name().substring(resource.name().lastIndexOf('-') + 1);
        String tier = resource.name().contains("-public-") ? "public" : "private";
        return plan.get(ROUTE_TABLE_ASSOCIATION, "network-" + tier + "-" + suffix).string("subnetId");
    }

    @Test
    void everyPrivateSubnetRoutesThroughTheNatOfItsOwnAzInProd() {
        var plan = Stacks.plan("prod");
        for (var subnet : subnets(plan, "private")) {
            String suffix = subnet.name().substring(subnet.name().lastIndexOf('-') + 1);
            var association = plan.get(ROUTE_TABLE_ASSOCIATION, "network-private-" + suffix);
            var route = plan.ofType(ROUTE).stream()
                    .filter(r -> r.string("routeTableId").equals(association.string("routeTableId"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no route in the table of " + subnet.name()));
            assertEquals("0.0.0.0/0", route.string("destinationCidrBlock"));
            var nat = plan.ofType(NAT).stream()
                    .filter(n -> route.dependsOn().contains(n.name())).findFirst()
                    .orElseThrow(() -> new AssertionError("default route of " + subnet.name() + " is not via a NAT"));
            String natSubnetId = nat.string("subnetId");
            var natAssociation = plan.ofType(ROUTE_TABLE_ASSOCIATION).stream()
                    .filter(a -> natSubnetId.equals(a.string("subnetId"))).findFirst().orElseThrow();
            assertEquals("network-public-" + suffix, natAssociation.name(),
                    subnet.name() + " must use the NAT gateway in its own AZ");
        }
    }

    @Test
    void devPrivateSubnetsShareTheSingleNat() {
        var plan = Stacks.plan("dev");
        var natName = plan.ofType(NAT).get(0).name();
        var privateRoutes = plan.ofType(ROUTE).stream().filter(r -> r.name().startsWith("network-private-")).toList();
        assertEquals(2, privateRoutes.size());
        privateRoutes.forEach(r -> assertTrue(r.dependsOn().contains(natName), r.name()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void noSubnetMapsPublicIpsOnLaunch(String stack) {
        Stacks.plan(stack).ofType(SUBNET).forEach(s ->
                assertEquals(false, s.input("mapPublicIpOnLaunch"), s.name() + " maps public IPs on launch"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void subnetsCarryLoadBalancerAndKarpenterDiscoveryTags(String stack) {
        var plan = Stacks.plan(stack);
        String cluster = "eks-platform-" + stack;
        subnets(plan, "public").forEach(s -> {
            assertEquals("1", tag(s, "kubernetes.io/role/elb"), s.name());
            assertEquals(null, tag(s, Network.DISCOVERY_TAG), "Karpenter must not launch nodes into " + s.name());
        });
        subnets(plan, "private").forEach(s -> {
            assertEquals("1", tag(s, "kubernetes.io/role/internal-elb"), s.name());
            assertEquals(cluster, tag(s, Network.DISCOVERY_TAG), s.name());
        });
    }

    private static String tag(PlannedResource resource, String key) {
        var tags = (Map<?, ?>) resource.input("tags");
        return tags == null ? null : (String) tags.get(key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void subnetCidrsLieInsideTheVpcAndDoNotOverlap(String stack) {
        var plan = Stacks.plan(stack);
        var vpc = Ipv4Cidr.parse(plan.get("aws:ec2/vpc:Vpc", "network-vpc").string("cidrBlock")).orElseThrow();
        var cidrs = new ArrayList<Ipv4Cidr>();
        for (var subnet : plan.ofType(SUBNET)) {
            var cidr = Ipv4Cidr.parse(subnet.string("cidrBlock")).orElseThrow();
            assertTrue(vpc.contains(cidr), cidr + " is outside " + vpc);
            cidrs.forEach(other -> assertFalse(other.overlaps(cidr), cidr + " overlaps " + other));
            cidrs.add(cidr);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void flowLogsAsTheStackFileSaysIntoARetainedLogGroupOnlyThisAccountsFlowLogsMayWrite(String stack) {
        var network = Stacks.config(stack, Map.of()).network();
        var plan = Stacks.plan(stack);
        var flowLogs = plan.ofType("aws:ec2/flowLog:FlowLog");
        assertEquals(network.flowLogs() ? 1 : 0, flowLogs.size());
        if (flowLogs.isEmpty()) {
            return;
        }
        assertEquals(List.of("ALL", "cloud-watch-logs"),
                List.of(flowLogs.get(0).string("trafficType"), flowLogs.get(0).string("logDestinationType")));
        assertEquals((long) network.flowLogRetentionDays(),
                plan.get("aws:cloudwatch/logGroup:LogGroup", "network-flow-logs").input("retentionInDays"));
        // Only this account's flow logs in this region may use the role (no confused deputy).
        var trust = new Gson().fromJson(plan.get("aws:iam/role:Role", "network-flow-logs").string("assumeRolePolicy"),
                Map.class).toString();
        assertTrue(trust.contains("aws:SourceAccount=123456789012"), trust);
        assertTrue(trust.contains("aws:SourceArn=arn:aws:ec2:eu-west-1:123456789012:vpc-flow-log/*"), trust);
    }

    @Test
    void s3GatewayEndpointServesEveryPrivateRouteTable() {
        var plan = Stacks.plan("prod");
        var endpoint = plan.get("aws:ec2/vpcEndpoint:VpcEndpoint", "network-s3");
        assertEquals("Gateway", endpoint.string("vpcEndpointType"));
        assertEquals("com.amazonaws." + Stacks.config("prod", Map.of()).region() + ".s3", endpoint.string("serviceName"));
        var privateTables = plan.ofType(ROUTE_TABLE_ASSOCIATION).stream().filter(a -> a.name().startsWith("network-private-"))
                .map(a -> a.string("routeTableId")).sorted().toList();
        assertEquals(privateTables, ((List<?>) endpoint.input("routeTableIds")).stream().map(String::valueOf).sorted()
                .toList());
    }

    @Test
    void pinnedZonesAreUsedInsteadOfTheRegionsList() {
        var plan = Stacks.plan("dev", Map.of("availabilityZones", List.of("eu-west-1c", "eu-west-1b")));
        assertEquals(List.of("eu-west-1c", "eu-west-1b"), plan.outputs().get("availabilityZones"));
        assertEquals("eu-west-1c", plan.get(SUBNET, "network-private-a").string("availabilityZone"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyAwsResourceUsesTheTaggedProvider(String stack) {
        var plan = Stacks.plan(stack);
        var provider = plan.get("pulumi:providers:aws", "aws");
        @SuppressWarnings("unchecked")
        var defaultTags = (Map<String, Map<String, String>>) new Gson().fromJson(provider.string("defaultTags"), Map.class);
        assertEquals(Map.of("project", "eks-platform", "stack", stack, "managed-by", "pulumi"),
                Map.of("project", defaultTags.get("tags").get("project"), "stack", defaultTags.get("tags").get("stack"),
                        "managed-by", defaultTags.get("tags").get("managed-by")));
        assertEquals("eu-west-1", provider.string("region"));
        plan.matching(r -> r.custom() && r.type().startsWith("aws:"))
                .forEach(r -> assertEquals("aws", r.provider(), r.name() + " does not use the tagged provider"));
    }

    @Test
    void vpcIsProtectedWhereConfigSaysSo() {
        assertTrue(Stacks.plan("prod").get("aws:ec2/vpc:Vpc", "network-vpc").protect());
        assertFalse(Stacks.plan("dev").get("aws:ec2/vpc:Vpc", "network-vpc").protect());
    }

    @Test
    void subnetIdsAreExported() {
        var plan = Stacks.plan("prod");
        assertNotNull(plan.outputs().get("vpcId"));
        assertEquals(3, ((List<?>) plan.outputs().get("privateSubnetIds")).size());
        assertNotEquals(plan.outputs().get("privateSubnetIds"), plan.outputs().get("publicSubnetIds"));
    }
}
