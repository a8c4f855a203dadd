package com.acme.platform.eks.cluster;

import com.acme.platform.eks.Stacks;
import com.acme.platform.eks.config.ConfigException;
import com.acme.platform.eks.platform.SystemNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static com.acme.platform.eks.ResourceTypes.CLUSTER;
import static com.acme.platform.eks.ResourceTypes.NODE_GROUP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tainted system node group the controllers run on. */
class SystemNodeGroupTest {

    private static List<String> problems(Map<String, ?> overrides) {
        return assertThrows(ConfigException.class, () -> Stacks.config("dev", overrides)).problems();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void systemNodeGroupRunsOnlyInPrivateSubnets(String stack) {
        var plan = Stacks.plan(stack);
        var nodeGroup = plan.get(NODE_GROUP, "cluster-system");
        assertEquals(plan.outputs().get("privateSubnetIds"), nodeGroup.input("subnetIds"));
        assertEquals(plan.outputs().get("privateSubnetIds"), plan.get(CLUSTER, "cluster-eks").input("vpcConfig.subnetIds"));
    }

    @Test
    void systemNodeGroupIsNamedByPrefixSoItCanBeReplaced() {
        var nodeGroup = Stacks.plan("prod").get(NODE_GROUP, "cluster-system");
        assertNull(nodeGroup.input("nodeGroupName"), "a fixed name collides with the group a replacement creates first");
        assertEquals("system-", nodeGroup.string("nodeGroupNamePrefix"));
    }

    @Test
    void prodSystemNodesSpreadOverEveryAz() {
        var plan = Stacks.plan("prod");
        var nodeGroup = plan.get(NODE_GROUP, "cluster-system");
        int azs = ((List<?>) plan.outputs().get("availabilityZones")).size();
        assertEquals(azs, ((List<?>) nodeGroup.input("subnetIds")).size());
        assertTrue((Long) nodeGroup.input("scalingConfig.minSize") >= azs, "at least one system node per AZ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void systemNodesAreTaintedLabelledAndHardened(String stack) {
        var plan = Stacks.plan(stack);
        var nodeGroup = plan.get(NODE_GROUP, "cluster-system");
        assertEquals("AL2023_x86_64_STANDARD", nodeGroup.string("amiType"));
        assertEquals(Map.of(SystemNodes.LABEL_KEY, SystemNodes.LABEL_VALUE), nodeGroup.input("labels"));
        assertEquals(List.of(Map.of("key", SystemNodes.TAINT_KEY, "value", SystemNodes.TAINT_VALUE,
                "effect", "NO_SCHEDULE")), nodeGroup.input("taints"));
        var template = plan.get("aws:ec2/launchTemplate:LaunchTemplate", "cluster-system-nodes");
        assertEquals(template.name(), nodeGroup.dependsOn().stream().filter(template.name()::equals).findFirst()
                .orElseThrow(), "the node group uses the hardened launch template");
        assertEquals("required", template.string("metadataOptions.httpTokens"));
        assertEquals(1L, template.input("metadataOptions.httpPutResponseHopLimit"));
        assertEquals("true", template.string("blockDeviceMappings.0.ebs.encrypted"));
        assertEquals("gp3", template.string("blockDeviceMappings.0.ebs.volumeType"));
        assertNull(template.input("vpcSecurityGroupIds"), "EKS attaches the cluster security group only without");
    }

    @Test
    void systemNodeGroupSizesMustBeConsistent() {
        var problems = problems(Map.of("systemNodeMinSize", 0, "systemNodeDesiredSize", 5, "systemNodeMaxSize", 3,
                "systemNodeCapacityType", "RESERVED"));
        assertEquals(3, problems.size(), problems::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"m7g.large", "c6gn.xlarge", "r8g.large", "t4g.large", "m7gd.large", "im4gn.large",
            "a1.large"})
    void gravitonSystemNodesGetTheArmAmi(String type) {
        var plan = Stacks.plan("dev", Map.of("systemNodeInstanceTypes", List.of(type)));
        assertEquals("AL2023_ARM_64_STANDARD", plan.get(NODE_GROUP, "cluster-system").string("amiType"));
    }

    @Test
    void aSystemNodeGroupHasOneArchitecture() {
        var problems = problems(Map.of("systemNodeInstanceTypes", List.of("m7g.large", "m7i.large", "c7g.large")));
        assertEquals(List.of("eks-platform:systemNodeInstanceTypes = [m7g.large, m7i.large, c7g.large]: mixes Graviton"
                + " (arm64) types [m7g.large, c7g.large] with x86_64 ones; a node group has one AMI type, so list"
                + " types of one architecture only"), problems);
        assertEquals("AL2023_ARM_64_STANDARD", Stacks.config("dev", Map.of("systemNodeInstanceTypes",
                List.of("m7g.large", "c7g.large"))).cluster().systemNodes().amiType());
    }

    @ParameterizedTest
    @ValueSource(strings = {"m7i.large", "m7i-flex.large", "c6in.xlarge", "g4dn.xlarge", "m6a.large", "t3.large"})
    void x86SystemNodesGetTheX86Ami(String type) {
        assertEquals("AL2023_x86_64_STANDARD", Stacks.config("dev", Map.of("systemNodeInstanceTypes", List.of(type)))
                .cluster().systemNodes().amiType());
    }
}
