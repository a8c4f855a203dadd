package com.acme.platform.eks.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import static com.acme.platform.eks.config.ConfigKeys.*;

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

    /** The edge section, checked; null when a key of it has a problem. */
    static EdgeConfig read(ConfigValues v) {
        boolean enabled = v.bool(INGRESS_ENABLED);
        String domain = v.string(DOMAIN);
        if (enabled && !v.isSet(DOMAIN)) {
            v.problem(DOMAIN, null, "is required when ingressEnabled is true: the public DNS domain of the"
                    + " application, e.g. example.com");
        }
        String privateZone = v.isSet(PRIVATE_ZONE_NAME) ? v.string(PRIVATE_ZONE_NAME)
                : domain == null ? null : "internal." + domain;
        if (v.isSet(PRIVATE_ZONE_NAME) && privateZone != null && privateZone.equals(domain)) {
            v.problem(PRIVATE_ZONE_NAME, privateZone, "must differ from the domain: the public and private instances"
                    + " of external-dns would otherwise manage the same names");
        }
        List<String> names = v.strings(CERTIFICATE_NAMES);
        names.stream().filter(name -> domain != null && !name.replaceFirst("^\\*\\.", "").equals(domain)
                && !name.endsWith("." + domain)).forEach(name -> v.problem(CERTIFICATE_NAMES, name, "is not within"
                + " the domain " + domain + ": the certificate is validated through records in the domain's public"
                + " zone"));
        if (!v.valid(INGRESS_ENABLED, DOMAIN, PUBLIC_ZONE_ID, PRIVATE_ZONE_NAME, CERTIFICATE_NAMES,
                WILDCARD_CERTIFICATE, EXTERNAL_DNS_POLICY, LOAD_BALANCER_CONTROLLER_REPLICAS)) {
            return null;
        }
        return new EdgeConfig(enabled, domain, Optional.ofNullable(v.string(PUBLIC_ZONE_ID)), privateZone, names,
                v.bool(WILDCARD_CERTIFICATE), v.string(EXTERNAL_DNS_POLICY), v.integer(LOAD_BALANCER_CONTROLLER_REPLICAS));
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
