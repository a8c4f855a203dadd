package com.acme.platform.eks.config;

import java.util.*;

/** How traffic and names reach the cluster: docs/internals.md#config-records. */
public record EdgeConfig(
        @Key(value = "ingressEnabled", dflt = "false", doc = "create the zones, the certificate, the AWS Load Balancer"
                + " Controller and external-dns") boolean ingressEnabled,
        @Key(value = "domain", shown = "(required when `ingressEnabled`)", scope = ConfigKey.Scope.ALL,
                format = Formats.DNS_NAME, doc = "public DNS domain; in a bootstrap stack the public hosted zone it"
                + " builds (outputs `publicZoneId`, `publicZoneNameServers`), which the platform stack names in"
                + " `publicZoneId`") String domain,
        @Key(value = "publicZoneId", shown = "none: a zone is created", regex = "Z[0-9A-Z]{1,31}", msg = "is not a"
                + " Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ (Z and upper-case letters or digits, no"
                + " /hostedzone/ prefix)", doc = "existing public hosted zone to use") Optional<String> publicZoneId,
        @Key(value = "privateZoneName", shown = "`internal.<domain>`", dflt = "internal.${domain}",
                format = Formats.DNS_NAME, doc = "private hosted zone for internal names, attached to the VPC")
        String privateZoneName,
        @Key(value = "certificateNames", shown = "[`<domain>`]", format = Formats.CERTIFICATE_NAMES, doc = "public host"
                + " names on the ACM certificate (the domain or under it)") List<String> certificateNames,
        @Key(value = "wildcardCertificate", dflt = "false", doc = "also put `*.<domain>` on the certificate")
        boolean wildcardCertificate,
        @Key(value = "externalDnsPolicy", dflt = "upsert-only", regex = "sync|upsert-only", msg = "must be one of"
                + " [sync, upsert-only]", doc = "`sync` lets external-dns delete records it owns; `upsert-only` never"
                + " deletes") String externalDnsPolicy,
        @Key(value = "loadBalancerControllerReplicas", dflt = "2", min = 1, max = 5, why = " (the controller elects one"
                + " leader; more replicas only add standby)", doc = "AWS Load Balancer Controller replicas, 1 to 5")
        int loadBalancerControllerReplicas) implements ConfigValues.Checked {

    @Override
    public void check(ConfigValues v) {
        v.unless(!ingressEnabled || domain != null, "domain", null, "is required when ingressEnabled is true: the"
                + " public DNS domain of the application, e.g. example.com", "ingressEnabled");
        v.unless(privateZoneName == null || !privateZoneName.equals(domain), "privateZoneName", privateZoneName,
                "must differ from the domain: the public and private instances of external-dns would otherwise manage"
                        + " the same names");
        certificateNames.stream().filter(name -> domain != null && !name.replaceFirst("^\\*\\.", "").equals(domain)
                && !name.endsWith("." + domain)).forEach(name -> v.problem("certificateNames", name, "is not within"
                + " the domain " + domain + ": the certificate is validated through records in the domain's public"
                + " zone"));
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
