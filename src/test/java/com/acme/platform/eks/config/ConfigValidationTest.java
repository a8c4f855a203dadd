package com.acme.platform.eks.config;

import static com.acme.platform.eks.Stacks.assertSingleProblem;
import static com.acme.platform.eks.Stacks.problems;

import com.acme.platform.eks.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigValidationTest {

    /**
     * Each repository stack file loads as written: its region and tags (which differ between the files), and for a
     * platform stack its cluster name (clusterName, or project-stack when the file does not set it).
     */
    @Test
    void repositoryStackFilesLoadAsWritten() {
        for (String stack : Stacks.all()) {
            var file = Stacks.stackFile(stack);
            var config = Stacks.config(stack, Map.of());
            assertEquals(file.get("aws:region"), config.region(), stack);
            var tags = (Map<?, ?>) file.get(Stacks.PROJECT + ":tags");
            assertFalse(tags == null || tags.isEmpty(), stack + " sets no tags");
            var written = new HashMap<String, String>();
            tags.forEach((k, v) -> written.put(String.valueOf(k), String.valueOf(v)));
            assertEquals(written, config.tags(), stack);
            if (!Stacks.deliveryBootstrap(stack)) {
                assertEquals(file.getOrDefault(Stacks.PROJECT + ":clusterName", Stacks.PROJECT + "-" + stack),
                        config.cluster().name(), stack);
            }
        }
    }

    @Test
    void defaultsApplyWhenAStackSetsOnlyTheRegion() {
        var config = StackConfigLoader.load("eks-platform", "minimal", ConfigSource.of(Stacks.MINIMAL));
        assertEquals("10.0.0.0/16", config.network().vpcCidr().toString());
        assertEquals(2, config.network().azCount());
        assertEquals(NatMode.SINGLE, config.network().nat());
        assertEquals("eks-platform-minimal", config.cluster().name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "10.0.0.1/16", "300.0.0.0/16", "10.0.0.0", "ten/16"})
    void vpcCidrMustBeACanonicalIpv4Cidr(String cidr) {
        assertSingleProblem("vpcCidr", Map.of("vpcCidr", cidr), "not a canonical IPv4 CIDR");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/8", "10.0.0.0/25"})
    void vpcCidrPrefixIsBetween16And24(String cidr) {
        assertSingleProblem("vpcCidr", Map.of("vpcCidr", cidr, "publicSubnetPrefixLength", 28,
                "privateSubnetPrefixLength", 27), "allowed /16 to /24");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 0, -2})
    void azCountIsBetweenTwoAndSix(int azCount) {
        assertSingleProblem("azCount", Map.of("azCount", azCount), "between 2 and 6");
    }

    @Test
    void azCountAcceptsTheBoundaries() {
        assertEquals(6, Stacks.config("dev", Map.of("azCount", 6)).network().azCount());
        assertEquals(2, Stacks.config("dev", Map.of("azCount", "2")).network().azCount());
    }

    @Test
    void subnetsMustFitTheVpc() {
        // 3 x /19 private + 3 x /20 public need more than a /18
        assertSingleProblem("vpcCidr", Map.of("vpcCidr", "10.0.0.0/18", "azCount", 3, "publicSubnetPrefixLength", 20),
                "too small");
        var fits = Stacks.config("dev", Map.of("vpcCidr", "10.0.0.0/18", "azCount", 2,
                "privateSubnetPrefixLength", 20, "publicSubnetPrefixLength", 24));
        assertEquals("10.0.32.0/24", fits.network().publicSubnetCidrs().get(0).toString());
    }

    @Test
    void subnetPrefixMustBeLongerThanTheVpcsAndAtMost28() {
        assertSingleProblem("privateSubnetPrefixLength", Map.of("privateSubnetPrefixLength", 16), "longer than the VPC");
        assertSingleProblem("publicSubnetPrefixLength", Map.of("publicSubnetPrefixLength", 29), "at most 28");
    }

    @Test
    void natGatewaysIsSingleOrPerAz() {
        assertSingleProblem("natGateways", Map.of("natGateways", "perAZ"), "[single, perAz]");
        assertEquals(NatMode.PER_AZ, Stacks.config("dev", Map.of("natGateways", "perAz")).network().nat());
    }

    @Test
    void pinnedZonesMustMatchCountAndRegion() {
        assertSingleProblem("availabilityZones", Map.of("availabilityZones", List.of("eu-west-1a")), "azCount is 2");
        assertSingleProblem("availabilityZones", Map.of("availabilityZones", List.of("eu-west-1a", "us-east-1b")),
                "not a zone of region eu-west-1");
        assertSingleProblem("availabilityZones", Map.of("availabilityZones", List.of("eu-west-1a", "eu-west-1a")),
                "twice");
        assertEquals(List.of("eu-west-1b", "eu-west-1c"), Stacks.config("dev",
                Map.of("availabilityZones", List.of("eu-west-1b", "eu-west-1c"))).network().availabilityZones());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-starts-with-dash", "has space", "has.dot", ""})
    void clusterNameFollowsTheEksPattern(String name) {
        assertSingleProblem("clusterName", Map.of("clusterName", name), "not a valid EKS cluster name");
    }

    @Test
    void clusterNameIsAtMost100Characters() {
        assertSingleProblem("clusterName", Map.of("clusterName", "c".repeat(101)), "1-100");
        // 80, not 100: Karpenter's interruption queue is named after the cluster (see KarpenterConfigTest)
        assertEquals(80, Stacks.config("dev", Map.of("clusterName", "c".repeat(80))).cluster().name().length());
    }

    @Test
    void regionIsRequiredAndWellFormed() {
        var missing = new HashMap<String, Object>();
        missing.put("aws:region", null);
        assertSingleProblem("aws:region", missing, "required");
        assertSingleProblem("aws:region", Map.of("aws:region", "Europe"), "not an AWS region");
    }

    @Test
    void tagsMustBeValidAndNotReserved() {
        assertSingleProblem("tags", Map.of("tags", Map.of("aws:owner", "x")), "not a valid tag key");
        assertSingleProblem("tags", Map.of("tags", Map.of("stack", "x")), "reserved");
        assertSingleProblem("tags", Map.of("tags", Map.of("team", "x".repeat(257))), "invalid tag value");
        assertSingleProblem("tags", Map.of("tags", List.of("a")), "mapping");
    }

    @Test
    void flowLogRetentionIsACloudWatchValue() {
        assertSingleProblem("flowLogRetentionDays", Map.of("flowLogRetentionDays", 31), "allowed");
    }

    @Test
    void wrongTypesAreReportedWithTheKey() {
        assertSingleProblem("azCount", Map.of("azCount", "three"), "whole number");
        assertSingleProblem("flowLogs", Map.of("flowLogs", "yes"), "true or false");
        assertSingleProblem("availabilityZones", Map.of("availabilityZones", "eu-west-1a"), "list of strings");
    }

    @Test
    void unknownProjectKeysAreRejected() {
        assertSingleProblem("vpcCdir", Map.of("vpcCdir", "10.0.0.0/16"), "unknown key");
    }

    @Test
    void secretsAreRejectedWhereAPlainValueIsExpected() {
        assertSingleProblem("vpcCidr", Map.of("vpcCidr", new ConfigSource.EncryptedValue("v1:abc")), "secret");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        var problems = problems(Map.of("vpcCidr", "10.0.0.0/33", "azCount", 7, "natGateways", "many",
                "clusterName", "bad name"));
        assertEquals(4, problems.size(), problems::toString);
        var message = assertThrows(ConfigException.class, () -> Stacks.config("dev",
                Map.of("vpcCidr", "10.0.0.0/33", "azCount", 7))).getMessage();
        assertTrue(message.contains("eks-platform:vpcCidr = '10.0.0.0/33'") && message.contains("eks-platform:azCount = 7"),
                message);
    }

    @Test
    void aPublicAppHostLiesInTheDomainOutsideThePrivateZone() {
        assertSingleProblem("appHostName", Map.of("appHostName", "api.other.com"), "must lie in the public domain");
        assertSingleProblem("appHostName", Map.of("appHostName", "api.internal.dev.example.com"),
                "outside the private zone");
        // the private zone's apex is in the private zone too (on the certificate here, so only the zone is wrong)
        assertSingleProblem("appHostName", Map.of("appHostName", "internal.dev.example.com", "certificateNames",
                List.of("dev.example.com", "internal.dev.example.com", "argocd.internal.dev.example.com")),
                "outside the private zone internal.dev.example.com");
    }

    @Test
    void servedHostsMustBeOnTheCertificate() {
        assertSingleProblem("appHostName", Map.of("appHostName", "www.dev.example.com"), "not on the ACM certificate");
        assertSingleProblem("argocdHostName", Map.of("argocdHostName", "cd.internal.dev.example.com"),
                "not on the ACM certificate");
        assertEquals("www.dev.example.com", Stacks.config("dev", Map.of("appHostName", "www.dev.example.com",
                "wildcardCertificate", true)).app().hostName());
    }

    @Test
    void argoCdIsServedOnlyInThePrivateZone() {
        assertSingleProblem("argocdHostName", Map.of("argocdHostName", "argocd.dev.example.com"),
                "must lie in the private zone");
    }

    /** internal.<domain> of a 250-character domain would be no DNS name: the computed default is checked too. */
    @Test
    void aComputedDefaultIsCheckedLikeASetValue() {
        String domain = ("a".repeat(61) + ".").repeat(4) + "co";
        assertSingleProblem("privateZoneName", Map.of("domain", domain, "certificateNames", List.of(),
                "argocdEnabled", false), "(the default, internal.<domain>; set privateZoneName)");
    }

    @Test
    void aWildcardCoversExactlyOneLabel() {
        var names = List.of("*.dev.example.com");
        assertTrue(StackRules.covered("api.dev.example.com", names));
        assertFalse(StackRules.covered("a.b.dev.example.com", names));
        assertFalse(StackRules.covered("dev.example.com", names));
    }
}
