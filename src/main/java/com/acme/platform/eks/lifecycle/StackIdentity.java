package com.acme.platform.eks.lifecycle;

import com.acme.platform.eks.config.AppConfig;
import com.acme.platform.eks.config.ConfigKeys;
import com.acme.platform.eks.config.StackConfig;
import com.pulumi.Context;
import com.pulumi.core.Output;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What cannot change in place: docs/day-2.md#what-identifies-a-stack-is-refused-to-change. */
public record StackIdentity(String vpcCidr, String clusterName, String domain, String privateZoneName,
                            List<SubnetPair> subnets, String appDeliveredBy, boolean appHandOver) {

    public static final String OUTPUT = "stackIdentity";

    public record SubnetPair(String zone, String privateCidr, String publicCidr) { }

    public StackIdentity {
        subnets = List.copyOf(subnets);
    }

    /** This run's identity; zones only where the stack file pins them (looked-up ones are known only later). */
    public static StackIdentity of(StackConfig config) {
        var network = config.network();
        var pinned = network.pinnedAvailabilityZones().orElse(List.of());
        var subnets = new ArrayList<SubnetPair>();
        for (int i = 0; i < network.azCount(); i++) {
            subnets.add(new SubnetPair(i < pinned.size() ? pinned.get(i) : null,
                    network.privateSubnetCidr(i).toString(), network.publicSubnetCidr(i).toString()));
        }
        var edge = config.edge();
        return new StackIdentity(network.vpcCidr().toString(), config.cluster().name(),
                edge.ingressEnabled() ? edge.domain() : null, edge.ingressEnabled() ? edge.privateZoneName() : null,
                subnets, config.app().deliveredBy().configValue(), config.app().handOver());
    }

    /** The stack output: this identity with the zones the network was given (looked up or pinned). */
    public Map<String, Object> toOutput(List<String> zones) {
        var out = new LinkedHashMap<String, Object>();
        out.put("vpcCidr", vpcCidr);
        out.put("clusterName", clusterName);
        out.put("domain", domain);
        out.put("privateZoneName", privateZoneName);
        var pairs = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < subnets.size(); i++) {
            var pair = new LinkedHashMap<String, Object>();
            pair.put("zone", i < zones.size() ? zones.get(i) : subnets.get(i).zone());
            pair.put("private", subnets.get(i).privateCidr());
            pair.put("public", subnets.get(i).publicCidr());
            pairs.add(pair);
        }
        out.put("subnets", pairs);
        out.put("appDeliveredBy", appDeliveredBy);
        out.put("appHandOver", appHandOver);
        return out;
    }

    /** The identity a previous run exported; empty for a stack that has none yet (first run, or an older program). */
    public static Optional<StackIdentity> fromOutputs(Map<String, ?> outputs) {
        if (outputs == null || !(outputs.get(OUTPUT) instanceof Map<?, ?> out)) {
            return Optional.empty();
        }
        var subnets = new ArrayList<SubnetPair>();
        if (out.get("subnets") instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> pair) {
                    subnets.add(new SubnetPair(text(pair.get("zone")), text(pair.get("private")),
                            text(pair.get("public"))));
                }
            }
        }
        return Optional.of(new StackIdentity(text(out.get("vpcCidr")), text(out.get("clusterName")),
                text(out.get("domain")), text(out.get("privateZoneName")), subnets, text(out.get("appDeliveredBy")),
                Boolean.TRUE.equals(out.get("appHandOver"))));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** The refused changes, each naming key, values and migration; empty when safe or a planned rebuild. */
    public List<String> refusals(StackIdentity previous, boolean plannedRebuild) {
        var problems = new ArrayList<String>();
        if (!plannedRebuild) {
            identityChanges(previous, problems);
        }
        if (AppConfig.Delivery.PULUMI.configValue().equals(previous.appDeliveredBy())
                && AppConfig.Delivery.ARGOCD.configValue().equals(appDeliveredBy) && !previous.appHandOver()) {
            problems.add(key(ConfigKeys.APP_DELIVERED_BY) + ": pulumi -> argocd would delete the app's Deployment,"
                    + " Service and Ingress while Argo CD takes them over (a gap in service); first run an up with "
                    + key(ConfigKeys.APP_HAND_OVER) + ": true (Pulumi then retains them), then switch"
                    + " (docs/workload.md, hand-over)");
        }
        return problems;
    }

    private void identityChanges(StackIdentity previous, List<String> problems) {
        String rebuild = "; if the stack is to be rebuilt, set " + key(ConfigKeys.PLANNED_REBUILD) + ": true for that"
                + " up (docs/day-2.md, planned rebuild)";
        changed(ConfigKeys.VPC_CIDR, previous.vpcCidr(), vpcCidr, "AWS replaces the VPC, and EKS cannot move to"
                + " another VPC: the cluster and every subnet are replaced. Migration: a new stack in the new CIDR"
                + " and a DNS cut-over", rebuild, problems);
        changed(ConfigKeys.CLUSTER_NAME, previous.clusterName(), clusterName, "the cluster, its node groups, add-ons"
                + " and every Kubernetes object and release are re-created. Migration: a new stack (blue/green) and"
                + " a DNS cut-over", rebuild, problems);
        changed(ConfigKeys.DOMAIN, previous.domain(), domain, "the public zone (and its delegation), the"
                + " certificate and every record are replaced. Migration: create the new zone and delegate it"
                + " before switching", rebuild, problems);
        changed(ConfigKeys.PRIVATE_ZONE_NAME, previous.privateZoneName(), privateZoneName, "the private zone is"
                + " replaced and re-associated with the VPC; internal names vanish meanwhile. Migration: a planned"
                + " rebuild", rebuild, problems);
        for (int i = 0; i < Math.min(previous.subnets().size(), subnets.size()); i++) {
            var before = previous.subnets().get(i);
            var after = subnets.get(i);
            var moves = new ArrayList<String>();
            if (!Objects.equals(before.privateCidr(), after.privateCidr())) {
                moves.add("private " + before.privateCidr() + " -> " + after.privateCidr());
            }
            if (!Objects.equals(before.publicCidr(), after.publicCidr())) {
                moves.add("public " + before.publicCidr() + " -> " + after.publicCidr());
            }
            if (before.zone() != null && after.zone() != null && !before.zone().equals(after.zone())) {
                moves.add("zone " + before.zone() + " -> " + after.zone());
            }
            if (!moves.isEmpty()) {
                problems.add("subnets of AZ " + (char) ('a' + i) + " would move (" + String.join(", ", moves)
                        + "): a moved subnet is replaced, with the node group and NAT gateway in it, and a new"
                        + " subnet overlapping an old one fails the up half-way. Check "
                        + key(ConfigKeys.PRIVATE_SUBNET_PREFIX) + ", " + key(ConfigKeys.PUBLIC_SUBNET_PREFIX) + ", "
                        + key(ConfigKeys.PUBLIC_SUBNET_BLOCK) + " and " + key(ConfigKeys.AVAILABILITY_ZONES)
                        + " (raising azCount alone never moves a subnet). Migration: a new stack with the new"
                        + " layout" + rebuild);
            }
        }
    }

    private static void changed(com.acme.platform.eks.config.ConfigKey key, String before, String after, String why,
                                String rebuild, List<String> problems) {
        if (before != null && !before.equals(after)) {
            problems.add(key(key) + ": " + before + " -> " + after + " of a created stack: " + why + rebuild);
        }
    }

    /** The region, after the identity check: a refused change fails before any AWS resource is registered. */
    public static Output<String> regionAfterCheck(Context ctx, StackConfig config, PreviousOutputs previous) {
        var identity = of(config);
        return previous.read(ctx, config).applyValue(outputs -> {
            fromOutputs(outputs).ifPresent(before -> {
                var refusals = identity.refusals(before, config.plannedRebuild());
                if (!refusals.isEmpty()) {
                    throw new IdentityChangeRefused(config.stack(), refusals);
                }
            });
            return config.region();
        });
    }

    private static String key(com.acme.platform.eks.config.ConfigKey key) {
        return "eks-platform:" + key.name();
    }
}
