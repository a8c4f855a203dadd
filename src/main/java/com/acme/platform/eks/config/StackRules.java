package com.acme.platform.eks.config;

import java.util.*;
import java.util.regex.Pattern;

/** The rules across sections and the production promises: docs/internals.md#config-records. */
public final class StackRules {
    private StackRules() { }

    /** A production API endpoint may be public only for CIDRs that together cover at most a /8's worth of IPv4. */
    public static final long MAX_PUBLIC_ENDPOINT_ADDRESSES = 1L << 24;

    /** Every rule across sections; one that reads a key with a problem is skipped (the problem is reported). */
    static void check(ConfigValues v, StackConfig config) {
        if (config.deliveryBootstrap()) {
            if (config.production()) {
                promise(v, "githubDeployRoles", !config.githubDelivery().builds(GithubDeployRole.DEPLOY_DEV),
                        config.githubDelivery().roles().stream().sorted().map(GithubDeployRole::configValue).toList(),
                        "a production account never holds deploy-dev, which every push to main can assume without"
                                + " the approval; list only preview, production-preview, deploy-prod");
            }
            return;
        }
        String region = config.region();
        if (region != null && v.valid("availabilityZones")) {
            config.network().availabilityZones().stream().filter(zone -> !zone.matches(Pattern.quote(region)
                    + "[a-z]")).forEach(zone -> v.problem("availabilityZones", zone, "is not a zone of region "
                    + region + " (expected " + region + "a, " + region + "b, ...)"));
        }
        if (region != null) {
            String partition = ConfigKeys.Facts.REGIONS_BY_PARTITION.entrySet().stream().filter(e -> e.getValue()
                    .contains(region)).map(Map.Entry::getKey).findFirst().orElseThrow();
            roleArns(config.cluster()).forEach((key, arns) -> arns.stream().filter(arn -> v.valid(key)
                    && !arn.startsWith("arn:" + partition + ":")).toList().forEach(arn -> v.problem(key, arn, "is not"
                    + " in partition " + partition + ", the partition of the stack's region")));
        }
        var app = config.app();
        var argoCd = config.argoCd();
        if (v.valid("appDeliveredBy") && app.deliveredBy() == AppConfig.Delivery.ARGOCD) {
            v.unless(argoCd.enabled(), "appDeliveredBy", "argocd", "requires argocdEnabled: true");
            v.unless(argoCd.repoUrl().isPresent(), "argocdRepoUrl", null, "is required when appDeliveredBy is argocd");
            v.unless(argoCd.path() != null, "argocdPath", null, "is required when appDeliveredBy is argocd");
        }
        var edge = config.edge();
        if (edge.ingressEnabled() && edge.domain() != null && v.clean(EdgeConfig.class, AppConfig.class,
                ArgoCdConfig.class, "argocdRepoUrl", "argocdPath")) {
            hostsServedByTheEdge(v, edge, app, argoCd);
        }
        if (config.production()) {
            productionPromises(v, config);
        }
    }

    private static Map<String, List<String>> roleArns(ClusterConfig cluster) {
        var arns = new LinkedHashMap<String, List<String>>();
        arns.put("clusterAdminRoleArns", cluster.adminRoleArns());
        arns.put("clusterViewerRoleArns", cluster.viewerRoleArns());
        return arns;
    }

    /** Every Ingress host in its external-dns zone and on the certificate, else a failed listener is the first sign. */
    private static void hostsServedByTheEdge(ConfigValues v, EdgeConfig edge, AppConfig app, ArgoCdConfig argoCd) {
        var names = edge.certificateDomains();
        boolean internal = app.exposure() == AppConfig.Exposure.INTERNAL;
        String privateZone = edge.privateZoneName();
        String zone = internal ? privateZone : edge.domain();
        String host = app.hostName();
        // the private zone's apex counts as inside it: a public host equal to it would be published only in the VPC
        boolean inPrivateZone = host.equals(privateZone) || host.endsWith("." + privateZone);
        if (!host.equals(zone) && !host.endsWith("." + zone) || !internal && inPrivateZone) {
            v.problem("appHostName", host, "must lie in " + (internal ? "the private zone " : "the public domain ")
                    + zone + (internal ? "" : " and outside the private zone " + privateZone) + " (appExposure is "
                    + app.exposure().configValue() + ")");
        } else {
            v.unless(covered(host, names), "appHostName", host, "is not on the ACM certificate " + names + "; add it"
                    + " to certificateNames");
        }
        argoCd.hostName().filter(h -> argoCd.enabled()).ifPresent(argoHost -> {
            if (!argoHost.endsWith("." + privateZone)) {
                v.problem("argocdHostName", argoHost, "must lie in the private zone " + privateZone + ": the Argo CD"
                        + " UI is internal only");
            } else {
                v.unless(covered(argoHost, names), "argocdHostName", argoHost, "is not on the ACM certificate "
                        + names + "; add it to certificateNames");
            }
        });
    }

    /** ACM semantics: an exact name, or a wildcard covering exactly one more label. */
    static boolean covered(String host, List<String> certificateNames) {
        return certificateNames.stream().anyMatch(name -> name.equals(host) || name.startsWith("*.")
                && host.endsWith(name.substring(1)) && host.indexOf('.') == host.length() - name.length() + 1);
    }

    /** The promises of a production platform stack, each reported on the key that breaks it. */
    private static void productionPromises(ConfigValues v, StackConfig config) {
        var network = config.network();
        var cluster = config.cluster();
        promise(v, "protect", config.protect(), false, "protect: true keeps the VPC, cluster, keys and zones from a"
                + " stray destroy");
        promise(v, "azCount", network.azCount() >= 3, network.azCount(), "at least 3 AZs");
        promise(v, "natGateways", network.nat() == NatMode.PER_AZ, network.nat().configValue(), "a NAT gateway in each"
                + " AZ (perAz), so no AZ's egress depends on another");
        promise(v, "flowLogs", network.flowLogs(), false, "VPC flow logs");
        promise(v, "flowLogRetentionDays", network.flowLogRetentionDays() >= 90, network.flowLogRetentionDays(),
                "logs kept at least 90 days");
        List<String> cidrs = cluster.publicAccessCidrs();
        long covered = Ipv4Cidr.coveredAddresses(cidrs);
        promise(v, cidrs.isEmpty() ? "endpointPublicAccess" : "publicAccessCidrs", !cluster.endpointPublicAccess()
                || !cidrs.isEmpty() && covered <= MAX_PUBLIC_ENDPOINT_ADDRESSES, cidrs.isEmpty() ? true : cidrs, "a"
                + " private API endpoint, or a public one only for listed CIDRs (the runners' egress): these "
                + (cidrs.isEmpty() ? "are none, which means the whole internet" : "cover " + covered + " addresses, "
                + covered * 100 / (1L << 32) + "% of IPv4") + "; at most " + MAX_PUBLIC_ENDPOINT_ADDRESSES + " (a /8)"
                + " are allowed");
        promise(v, "clusterLogRetentionDays", cluster.logRetentionDays() >= 90, cluster.logRetentionDays(),
                "logs kept at least 90 days");
        roleArns(cluster).forEach((key, arns) -> arns.forEach(arn -> List.of("preview", "deploy-dev").forEach(role ->
                promise(v, key, !arn.endsWith(":role/" + config.project() + "-github-" + role), arn, "no cluster"
                        + " access for the " + role + " role, which " + (role.equals("preview") ? "unreviewed pull"
                        + " requests" : "every push to main") + " can assume"))));
        promise(v, "externalDnsPolicy", config.edge().externalDnsPolicy().equals("upsert-only"),
                config.edge().externalDnsPolicy(), "external-dns upsert-only: it never deletes records");
        promise(v, "appImageDigest", config.app().imageDigest().isPresent(), null, "the app's image pinned by digest");
        promise(v, "karpenterCapacityTypes", config.karpenter().capacityTypes().contains("on-demand"),
                config.karpenter().capacityTypes(), "on-demand capacity available to Karpenter (spot alone can run"
                        + " dry)");
        var replicas = new LinkedHashMap<String, Integer>();
        replicas.put("karpenterReplicas", config.karpenter().replicas());
        replicas.put("metricsServerReplicas", config.metricsServer().replicas());
        replicas.put("loadBalancerControllerReplicas", config.edge().ingressEnabled()
                ? config.edge().loadBalancerControllerReplicas() : null);
        replicas.put("argocdReplicas", config.argoCd().enabled() ? config.argoCd().replicas() : null);
        replicas.forEach((key, n) -> promise(v, key, n == null || n >= 2, n, "at least 2 replicas (with a disruption"
                + " budget) of every controller that supports them"));
    }

    private static void promise(ConfigValues v, String key, boolean kept, Object given, String promise) {
        if (!kept && v.clean(key)) {
            v.problem(key, given, "breaks a production promise: " + promise + " (environment: production)");
        }
    }
}
