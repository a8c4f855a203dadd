package com.acme.platform.eks.config;

import java.util.ArrayList;
import java.util.List;

import static com.acme.platform.eks.config.ConfigKeys.*;

/**
 * The rules across sections, in one place: hosts served by the edge, and the production promises that a stack
 * declared {@code environment: production} must keep (checked from the values, before anything is registered;
 * GuardrailsTest checks the rendered plans for the same promises as a second line).
 */
public final class StackRules {
    private StackRules() { }

    /** A production API endpoint may be public only for CIDRs that together cover at most a /8's worth of IPv4. */
    public static final long MAX_PUBLIC_ENDPOINT_ADDRESSES = 1L << 24;

    /**
     * With the edge on, every host an Ingress serves lies in the zone its external-dns publishes to and is on the
     * certificate the ALB presents; a mistake would otherwise show only as a failed listener or a missing record.
     */
    static void hostsServedByTheEdge(ConfigValues v, EdgeConfig edge, AppConfig app, ArgoCdConfig argoCd) {
        if (!edge.ingressEnabled() || edge.domain() == null) {
            return;
        }
        var certificateNames = edge.certificateDomains();
        boolean internal = app.exposure() == AppConfig.Exposure.INTERNAL;
        String zone = internal ? edge.privateZoneName() : edge.domain();
        String host = app.hostName();
        // the private zone's apex counts as inside it: a public host equal to it would be published only in the VPC
        boolean inPrivateZone = host.equals(edge.privateZoneName()) || !hostOutsideZone(host, edge.privateZoneName());
        if (!host.equals(zone) && hostOutsideZone(host, zone) || !internal && inPrivateZone) {
            v.problem(APP_HOST_NAME, host, "must lie in " + (internal ? "the private zone " : "the public domain ")
                    + zone + (internal ? "" : " and outside the private zone " + edge.privateZoneName())
                    + " (appExposure is " + app.exposure().configValue() + ")");
        } else if (!covered(host, certificateNames)) {
            v.problem(APP_HOST_NAME, host, "is not on the ACM certificate " + certificateNames
                    + "; add it to certificateNames");
        }
        argoCd.hostName().filter(h -> argoCd.enabled()).ifPresent(argoHost -> {
            if (hostOutsideZone(argoHost, edge.privateZoneName())) {
                v.problem(ARGOCD_HOST_NAME, argoHost, "must lie in the private zone " + edge.privateZoneName()
                        + ": the Argo CD UI is internal only");
            } else if (!covered(argoHost, certificateNames)) {
                v.problem(ARGOCD_HOST_NAME, argoHost, "is not on the ACM certificate " + certificateNames
                        + "; add it to certificateNames");
            }
        });
    }

    /** ACM semantics: an exact name, or a wildcard covering exactly one more label. */
    static boolean covered(String host, List<String> certificateNames) {
        return certificateNames.stream().anyMatch(name -> name.equals(host) || name.startsWith("*.")
                && host.endsWith(name.substring(1)) && host.indexOf('.') == host.length() - name.length() + 1);
    }

    /** Whether {@code host} lies outside {@code zone} (a name in the zone, not the apex). */
    static boolean hostOutsideZone(String host, String zone) {
        return !host.endsWith("." + zone);
    }

    /** The promises of a production stack, each reported on the key that breaks it. */
    static void productionPromises(ConfigValues v, String project, boolean bootstrap) {
        if (bootstrap) {
            promise(v, GITHUB_DEPLOY_ROLES, !v.strings(GITHUB_DEPLOY_ROLES).contains("deploy-dev"), v.strings(
                    GITHUB_DEPLOY_ROLES), "a production account never holds deploy-dev, which every push to main"
                    + " can assume without the approval; list only preview, production-preview, deploy-prod");
            return;
        }
        promise(v, PROTECT, v.bool(PROTECT), false, "protect: true keeps the VPC, cluster, keys and zones from a"
                + " stray destroy");
        if (v.bool(ENDPOINT_PUBLIC_ACCESS)) {
            List<String> cidrs = v.strings(PUBLIC_ACCESS_CIDRS);
            long covered = Ipv4Cidr.coveredAddresses(cidrs);
            promise(v, cidrs.isEmpty() ? ENDPOINT_PUBLIC_ACCESS : PUBLIC_ACCESS_CIDRS, !cidrs.isEmpty()
                    && covered <= MAX_PUBLIC_ENDPOINT_ADDRESSES, cidrs.isEmpty() ? true : cidrs,
                    "a private API endpoint, or a public one only for listed CIDRs (the runners' egress): these "
                            + (cidrs.isEmpty() ? "are none, which means the whole internet"
                            : "cover " + covered + " addresses, " + covered * 100 / (1L << 32) + "% of IPv4")
                            + "; at most " + MAX_PUBLIC_ENDPOINT_ADDRESSES + " (a /8) are allowed");
        }
        Integer azCount = v.integer(AZ_COUNT);
        promise(v, AZ_COUNT, azCount == null || azCount >= 3, azCount, "at least 3 AZs");
        promise(v, NAT_GATEWAYS, "perAz".equals(v.string(NAT_GATEWAYS)), v.string(NAT_GATEWAYS),
                "a NAT gateway in each AZ (perAz), so no AZ's egress depends on another");
        promise(v, FLOW_LOGS, v.bool(FLOW_LOGS), false, "VPC flow logs");
        for (var key : List.of(FLOW_LOG_RETENTION_DAYS, CLUSTER_LOG_RETENTION_DAYS)) {
            Integer days = v.integer(key);
            promise(v, key, days == null || days >= 90, days, "logs kept at least 90 days");
        }
        promise(v, EXTERNAL_DNS_POLICY, "upsert-only".equals(v.string(EXTERNAL_DNS_POLICY)),
                v.string(EXTERNAL_DNS_POLICY), "external-dns upsert-only: it never deletes records");
        promise(v, APP_IMAGE_DIGEST, v.isSet(APP_IMAGE_DIGEST), null, "the app's image pinned by digest");
        var replicas = new ArrayList<>(List.of(KARPENTER_REPLICAS, METRICS_SERVER_REPLICAS));
        if (v.bool(INGRESS_ENABLED)) {
            replicas.add(LOAD_BALANCER_CONTROLLER_REPLICAS);
        }
        if (v.bool(ARGOCD_ENABLED)) {
            replicas.add(ARGOCD_REPLICAS);
        }
        for (var key : replicas) {
            Integer n = v.integer(key);
            promise(v, key, n == null || n >= 2, n, "at least 2 replicas (with a disruption budget) of every"
                    + " controller that supports them");
        }
        promise(v, KARPENTER_CAPACITY_TYPES, v.strings(KARPENTER_CAPACITY_TYPES).contains("on-demand"),
                v.strings(KARPENTER_CAPACITY_TYPES), "on-demand capacity available to Karpenter (spot alone can run"
                        + " dry)");
        for (var key : List.of(CLUSTER_ADMIN_ROLE_ARNS, CLUSTER_VIEWER_ROLE_ARNS)) {
            for (String arn : v.strings(key)) {
                for (String role : List.of("preview", "deploy-dev")) {
                    promise(v, key, !arn.endsWith(":role/" + project + "-github-" + role), arn, "no cluster access"
                            + " for the " + role + " role, which " + (role.equals("preview") ? "unreviewed pull"
                            + " requests" : "every push to main") + " can assume");
                }
            }
        }
    }

    private static void promise(ConfigValues v, ConfigKey key, boolean kept, Object given, String promise) {
        if (!kept && !v.faulty(key)) {
            v.problem(key, given, "breaks a production promise: " + promise + " (environment: production)");
        }
    }
}
