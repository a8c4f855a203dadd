package com.acme.platform.eks.offline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A Mermaid picture of one stack drawn from its plan, so it cannot drift: docs/internals.md#offline-render. */
public final class ArchitectureDiagram {
    private ArchitectureDiagram() { }

    public static String markdown(Plan plan) {
        return "## Architecture of stack `" + plan.stack() + "`\n\n```mermaid\n" + mermaid(plan) + "```\n";
    }

    public static String mermaid(Plan plan) {
        var m = new StringBuilder("flowchart TB\n");
        var ids = new Ids();

        var zones = ofType(plan, "aws:route53/zone:Zone");
        var ingresses = ofType(plan, "kubernetes:networking.k8s.io/v1:Ingress");
        boolean internetFacing = ingresses.stream()
                .anyMatch(i -> "internet-facing".equals(annotation(i, "alb.ingress.kubernetes.io/scheme")));
        if (internetFacing) {
            m.append("  internet((Internet))\n");
        }
        for (var zone : zones) {
            boolean isPrivate = zone.input("vpcs") != null;
            m.append("  ").append(ids.of(zone.name())).append("[(\"Route 53 ").append(isPrivate ? "private" : "public")
                    .append(" zone<br/>").append(zone.string("name")).append("\")]\n");
        }

        for (var vpc : ofType(plan, "aws:ec2/vpc:Vpc")) {
            m.append("  subgraph ").append(ids.of(vpc.name())).append("[\"VPC ").append(vpc.string("cidrBlock"))
                    .append("\"]\n");
            var byZone = new TreeMap<String, List<PlannedResource>>();
            for (var subnet : ofType(plan, "aws:ec2/subnet:Subnet")) {
                if (subnet.dependsOn().contains(vpc.name())) {
                    byZone.computeIfAbsent(subnet.string("availabilityZone"), z -> new ArrayList<>()).add(subnet);
                }
            }
            byZone.forEach((zone, subnets) -> {
                m.append("    subgraph ").append(ids.of("az-" + zone)).append("[\"").append(zone).append("\"]\n");
                for (var subnet : subnets) {
                    boolean isPublic = subnet.input("tags") instanceof Map<?, ?> t && t.containsKey("kubernetes.io/role/elb");
                    m.append("      ").append(ids.of(subnet.name())).append("[\"").append(isPublic ? "public " : "private ")
                            .append(subnet.string("cidrBlock")).append("\"]\n");
                    for (var nat : ofType(plan, "aws:ec2/natGateway:NatGateway")) {
                        if (nat.dependsOn().contains(subnet.name())) {
                            m.append("      ").append(ids.of(nat.name())).append("{{NAT gateway}}\n");
                        }
                    }
                }
                m.append("    end\n");
            });
            m.append("  end\n");
        }

        for (var cluster : ofType(plan, "aws:eks/cluster:Cluster")) {
            boolean publicEndpoint = Boolean.TRUE.equals(cluster.input("vpcConfig.endpointPublicAccess"));
            m.append("  subgraph ").append(ids.of(cluster.name())).append("[\"EKS ").append(cluster.string("name"))
                    .append(" ").append(cluster.string("version")).append(publicEndpoint ? ", public + private endpoint"
                            : ", private endpoint").append("\"]\n");
            for (var nodeGroup : ofType(plan, "aws:eks/nodeGroup:NodeGroup")) {
                m.append("    ").append(ids.of(nodeGroup.name())).append("[\"node group ")
                        .append(Optional.ofNullable(nodeGroup.string("nodeGroupName"))
                                .orElse(nodeGroup.string("nodeGroupNamePrefix") + "*")).append("<br/>").append(nodeGroup.input("instanceTypes"))
                        .append(" x").append(nodeGroup.input("scalingConfig.minSize")).append("-")
                        .append(nodeGroup.input("scalingConfig.maxSize")).append("\"]\n");
            }
            for (var pool : ofType(plan, "kubernetes:karpenter.sh/v1:NodePool")) {
                m.append("    ").append(ids.of(pool.name())).append("[\"Karpenter NodePool ")
                        .append(pool.string("metadata.name")).append("\"]\n");
            }
            for (var release : ofType(plan, "kubernetes:helm.sh/v3:Release")) {
                String releaseName = release.string("name") == null ? release.name() : release.string("name");
                m.append("    ").append(ids.of(release.name())).append("[\"").append(releaseName).append("<br/>")
                        .append(chartName(release)).append(" ").append(release.string("version")).append("\"]\n");
            }
            for (var service : ofType(plan, "kubernetes:core/v1:Service")) {
                m.append("    ").append(ids.of(service.name())).append("[\"Service ")
                        .append(service.string("metadata.name")).append("\"]\n");
            }
            for (var deployment : ofType(plan, "kubernetes:apps/v1:Deployment")) {
                m.append("    ").append(ids.of(deployment.name())).append("[[\"Pods of ")
                        .append(deployment.string("metadata.name")).append("\"]]\n");
            }
            m.append("  end\n");
        }

        for (var ingress : ingresses) {
            String scheme = annotation(ingress, "alb.ingress.kubernetes.io/scheme");
            m.append("  ").append(ids.of(ingress.name())).append("[/\"ALB ").append(scheme).append(", TLS<br/>")
                    .append(hosts(ingress)).append("\"/]\n");
            for (var zone : zones) {
                boolean isPrivate = zone.input("vpcs") != null;
                if (isPrivate == "internal".equals(scheme)) {
                    m.append("  ").append(ids.of(zone.name())).append(" --> ").append(ids.of(ingress.name())).append("\n");
                }
            }
            if ("internet-facing".equals(scheme)) {
                zones.stream().filter(z -> z.input("vpcs") == null).findFirst().ifPresent(zone ->
                        m.append("  internet --> ").append(ids.of(zone.name())).append("\n"));
            }
            for (var service : ofType(plan, "kubernetes:core/v1:Service")) {
                if (ingress.dependsOn().contains(service.name())
                        || String.valueOf(ingress.inputs()).contains("name=" + service.string("metadata.name") + ",")) {
                    m.append("  ").append(ids.of(ingress.name())).append(" --> ").append(ids.of(service.name())).append("\n");
                }
            }
        }
        for (var service : ofType(plan, "kubernetes:core/v1:Service")) {
            for (var deployment : ofType(plan, "kubernetes:apps/v1:Deployment")) {
                if (service.input("spec.selector") instanceof Map<?, ?> selector
                        && deployment.input("spec.template.metadata.labels") instanceof Map<?, ?> labels
                        && !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet())) {
                    m.append("  ").append(ids.of(service.name())).append(" --> ").append(ids.of(deployment.name()))
                            .append("\n");
                }
            }
        }
        // external-dns instances publish into the zone their domain filter names.
        for (var release : ofType(plan, "kubernetes:helm.sh/v3:Release")) {
            if ("external-dns".equals(chartName(release)) && release.input("values.domainFilters") instanceof List<?> f
                    && !f.isEmpty()) {
                zones.stream().filter(z -> f.get(0).equals(z.string("name"))).forEach(z -> m.append("  ")
                        .append(ids.of(release.name())).append(" -. records .-> ").append(ids.of(z.name())).append("\n"));
            }
        }
        for (var nat : ofType(plan, "aws:ec2/natGateway:NatGateway")) {
            m.append("  ").append(ids.of(nat.name())).append(" -.-> igw((Internet gateway))\n");
        }
        return m.toString();
    }

    /** Registration order varies between runs (inputs resolve asynchronously): the picture is drawn by name. */
    private static List<PlannedResource> ofType(Plan plan, String type) {
        return plan.ofType(type).stream().sorted(java.util.Comparator.comparing(PlannedResource::name)).toList();
    }

    private static String annotation(PlannedResource r, String key) {
        return r.input("metadata") instanceof Map<?, ?> meta && meta.get("annotations") instanceof Map<?, ?> a
                ? String.valueOf(a.get(key)) : null;
    }

    private static String hosts(PlannedResource ingress) {
        var hosts = new ArrayList<String>();
        if (ingress.input("spec.rules") instanceof List<?> rules) {
            rules.forEach(r -> hosts.add(String.valueOf(((Map<?, ?>) r).get("host"))));
        }
        return String.join(", ", hosts);
    }

    private static String chartName(PlannedResource release) {
        String chart = release.string("chart");
        return chart == null ? release.name() : chart.substring(chart.lastIndexOf('/') + 1);
    }

    /** Mermaid node ids: resource names with only safe characters, stable across runs. */
    private static final class Ids {
        private final Map<String, String> ids = new LinkedHashMap<>();

        String of(String name) {
            return ids.computeIfAbsent(name, n -> n.replaceAll("[^A-Za-z0-9]", "_"));
        }
    }
}
