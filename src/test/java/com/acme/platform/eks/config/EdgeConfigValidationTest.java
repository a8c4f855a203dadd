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

class EdgeConfigValidationTest {

    @ParameterizedTest
    @ValueSource(strings = {"-bad-.example.com", "example", "Example.com", "exa_mple.com", "example..com",
            "example.com.", "bad-.example.com"})
    void domainIsAValidDnsName(String domain) {
        // certificateNames of the stack file would no longer lie within the domain: drop them for this check
        assertSingleProblem("domain", Map.of("domain", domain, "certificateNames", List.of()), "not a valid DNS name");
    }

    @Test
    void domainLabelsAndLengthAreBounded() {
        assertSingleProblem("domain", Map.of("domain", "a".repeat(64) + ".com", "certificateNames", List.of()),
                "1-63");
        String long254 = ("a".repeat(62) + ".").repeat(4) + "co";
        assertEquals(254, long254.length());
        assertSingleProblem("domain", Map.of("domain", long254, "certificateNames", List.of()), "253");
        String ok = "a".repeat(63) + ".example.com";
        assertEquals(ok, Stacks.config("dev", Map.of("domain", ok, "certificateNames", List.of(),
                "appHostName", ok, "argocdEnabled", false)).edge().domain());
    }

    @Test
    void domainIsRequiredWhenIngressIsEnabled() {
        var missing = new HashMap<String, Object>();
        missing.put("domain", null);
        missing.put("certificateNames", null);
        assertSingleProblem("domain", missing, "required when ingressEnabled");
        missing.put("ingressEnabled", false);
        assertFalse(Stacks.config("dev", missing).edge().ingressEnabled());
    }

    @Test
    void externalDnsPolicyIsSyncOrUpsertOnly() {
        assertSingleProblem("externalDnsPolicy", Map.of("externalDnsPolicy", "create-everything"),
                "[sync, upsert-only]");
    }

    @Test
    void certificateNamesLieWithinTheDomain() {
        assertSingleProblem("certificateNames", Map.of("certificateNames", List.of("api.other.com")),
                "not within the domain dev.example.com");
        assertSingleProblem("certificateNames", Map.of("certificateNames", List.of("notdev.example.com")),
                "not within the domain");
        assertSingleProblem("certificateNames", Map.of("certificateNames", List.of("-x.dev.example.com")),
                "not a valid DNS name");
        assertEquals(List.of("*.dev.example.com"), Stacks.config("dev",
                Map.of("certificateNames", List.of("*.dev.example.com"), "argocdEnabled", false)).edge()
                .certificateNames());
    }

    @Test
    void publicZoneIdIsARoute53ZoneId() {
        assertSingleProblem("publicZoneId", Map.of("publicZoneId", "/hostedzone/Z123"), "hosted zone id");
        assertSingleProblem("publicZoneId", Map.of("publicZoneId", "z123abc"), "hosted zone id");
        assertEquals("Z0123456789ABCDEFGHIJ", Stacks.config("dev", Map.of("publicZoneId", "Z0123456789ABCDEFGHIJ"))
                .edge().publicZoneId().orElseThrow());
    }

    @Test
    void privateZoneDefaultsUnderTheDomainAndDiffersFromIt() {
        assertEquals("internal.dev.example.com", Stacks.config("dev", Map.of()).edge().privateZoneName());
        assertEquals("corp.internal", Stacks.config("dev",
                Map.of("privateZoneName", "corp.internal", "argocdEnabled", false))
                .edge().privateZoneName());
        assertSingleProblem("privateZoneName", Map.of("privateZoneName", "dev.example.com"), "must differ");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 6})
    void loadBalancerControllerReplicasOutsideOneToFiveAreRejected(int replicas) {
        assertSingleProblem("loadBalancerControllerReplicas", Map.of("loadBalancerControllerReplicas", replicas),
                "1 and 5");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5})
    void loadBalancerControllerReplicasFromOneToFiveAreAccepted(int replicas) {
        assertEquals(replicas, Stacks.config("dev", Map.of("loadBalancerControllerReplicas", replicas)).edge()
                .loadBalancerControllerReplicas());
    }

    @Test
    void stackFilesDifferWhereTheEnvironmentsShould() {
        var dev = Stacks.config("dev", Map.of()).edge();
        var prod = Stacks.config("prod", Map.of()).edge();
        assertEquals("sync", dev.externalDnsPolicy());
        assertEquals("upsert-only", prod.externalDnsPolicy());
        assertEquals(2, prod.loadBalancerControllerReplicas());
        assertEquals(List.of("example.com", "api.example.com", "*.example.com"), prod.certificateDomains());
    }
}
