package com.acme.platform.eks.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * How traffic and names reach the cluster: Route 53 zones, the ACM certificate, the AWS Load Balancer Controller
 * and external-dns. With {@code ingressEnabled} false nothing of it is created and the other fields are unused.
 *
 * @param domain              the public domain (e.g. {@code example.com}); null only when ingress is disabled
 * @param publicZoneId        an existing public hosted zone of {@code domain} to use instead of creating one
 * @param privateZoneName     the private zone for internal names, attached to the VPC
 * @param certificateNames    public host names the certificate covers, each the domain or under it
 * @param wildcardCertificate whether the certificate also covers {@code *.<domain>}
 * @param externalDnsPolicy   {@code sync} (external-dns deletes records it owns when their source goes) or
 *                            {@code upsert-only} (it never deletes)
 */
public record EdgeConfig(
        boolean ingressEnabled,
        String domain,
        Optional<String> publicZoneId,
        String privateZoneName,
        List<String> certificateNames,
        boolean wildcardCertificate,
        String externalDnsPolicy,
        int loadBalancerControllerReplicas) {

    public EdgeConfig {
        certificateNames = List.copyOf(certificateNames);
    }

    /** The names on the certificate: the configured ones (the domain when none are) plus the wildcard if asked. */
    public List<String> certificateDomains() {
        var names = new LinkedHashSet<String>(certificateNames.isEmpty() ? List.of(domain) : certificateNames);
        if (wildcardCertificate) {
            names.add("*." + domain);
        }
        return new ArrayList<>(names);
    }
}
