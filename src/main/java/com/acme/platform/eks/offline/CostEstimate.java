package com.acme.platform.eks.offline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A stack's monthly on-demand estimate from its plan ({@code cost.md}): docs/internals.md#offline-render. */
public final class CostEstimate {
    static final String AWS_PROVIDER = "pulumi:providers:aws";
    private static final Pattern INSTANCE_TYPE = Pattern.compile("([a-z]+)(\\d+)([a-z-]*)\\.([a-z0-9]+)");

    /** {@code monthlyUsd}: null when the price is unknown. */
    public record Line(String item, String counted, double quantity, PriceTable.Price price, Double monthlyUsd,
                       String assumption) { }

    public record Estimate(String stack, String region, Optional<PriceTable> table, List<Line> lines) {
        public double total() {
            return lines.stream().filter(l -> l.monthlyUsd() != null).mapToDouble(Line::monthlyUsd).sum();
        }

        public List<Line> unpriced() {
            return lines.stream().filter(l -> l.monthlyUsd() == null).toList();
        }
    }

    private CostEstimate() { }

    public static Estimate of(Plan plan) {
        String region = region(plan);
        return of(plan, region, PriceTable.forRegion(region));
    }

    static Estimate of(Plan plan, String region, Optional<PriceTable> table) {
        var lines = new ArrayList<Line>();
        if (table.isEmpty()) {
            return new Estimate(plan.stack(), region, table, lines);
        }
        var prices = table.get();
        double hours = prices.assumption("hoursPerMonth");

        for (var cluster : plan.ofType("aws:eks/cluster:Cluster")) {
            String tier = Optional.ofNullable(cluster.string("upgradePolicy.supportType")).orElse("EXTENDED");
            lines.add(line("EKS control plane " + cluster.string("name") + " (" + tier + " support)",
                    "1 cluster", hours, prices.price("eks.cluster.hour." + tier),
                    fmt(hours) + " h/month" + (cluster.string("upgradePolicy.supportType") == null
                            ? "; no upgradePolicy: EKS moves a lagging cluster to extended support" : "")));
        }

        int nats = plan.ofType("aws:ec2/natGateway:NatGateway").size();
        if (nats > 0) {
            lines.add(line("NAT gateways", nats + " NAT gateway(s) in the plan", nats * hours,
                    prices.price("natgateway.hour"), fmt(hours) + " h/month each"));
            double gb = nats * prices.assumption("natGbPerGatewayMonth");
            lines.add(line("NAT data processing", nats + " NAT gateway(s)", gb, prices.price("natgateway.gb"),
                    "assumed " + fmt(prices.assumption("natGbPerGatewayMonth")) + " GB/month through each (image"
                            + " pulls, AWS APIs outside the S3 endpoint); measure BytesOutToDestination"));
        }

        double volumeGbMonths = 0;
        for (var group : plan.ofType("aws:eks/nodeGroup:NodeGroup")) {
            int desired = ((Number) group.input("scalingConfig.desiredSize")).intValue();
            String type = group.string("instanceTypes.0");
            lines.add(line("System nodes " + type + ("SPOT".equals(group.string("capacityType")) ? " (spot, priced"
                            + " on-demand)" : ""), desired + " node(s) (desiredSize)", desired * hours,
                    prices.price("ec2." + type + ".hour"), fmt(hours) + " h/month; the first of "
                            + group.input("instanceTypes") + " (EKS tries them in order)"));
            volumeGbMonths += desired * launchTemplateVolumeGb(plan);
        }

        int karpenterNodes = karpenterNodes(plan);
        var pool = plan.ofType("kubernetes:karpenter.sh/v1:NodePool").stream().findFirst();
        if (pool.isPresent() && karpenterNodes > 0) {
            var cheapest = cheapestMatching(pool.get(), prices);
            String capacity = String.valueOf(requirement(pool.get(), "karpenter.sh/capacity-type"));
            lines.add(line("Karpenter nodes for the app's minimum replicas, " + cheapest.map(p -> p.key()
                            .replaceAll("^ec2\\.|\\.hour$", "")).orElse("no priced type matches the NodePool"),
                    karpenterNodes + " node(s)", karpenterNodes * hours,
                    cheapest.orElse(prices.price("ec2.karpenter.hour")),
                    "the app's minReplicas spread over its zones (topology spread, DoNotSchedule): min(minReplicas,"
                            + " zones) nodes of the cheapest type in the price table the NodePool allows (" + capacity
                            + "; spot priced on-demand, an upper bound); daemon sets and more replicas under load not"
                            + " counted"));
            volumeGbMonths += karpenterNodes * nodeClassVolumeGb(plan);
        }
        if (volumeGbMonths > 0) {
            lines.add(line("EBS gp3 root volumes of those nodes", fmt(volumeGbMonths) + " GB (launch template,"
                    + " EC2NodeClass)", volumeGbMonths, prices.price("ebs.gp3.gbmonth"), "provisioned size; baseline"
                    + " IOPS and throughput (included in gp3)"));
        }

        int albs = albs(plan);
        if (albs > 0) {
            lines.add(line("Application Load Balancers", albs + " Ingress(es) of class alb", albs * hours,
                    prices.price("alb.hour"), fmt(hours) + " h/month each (one ALB per Ingress, no IngressGroup)"));
            lines.add(line("ALB capacity units", albs + " ALB(s)", albs * hours * prices.assumption("albLcuPerHour"),
                    prices.price("alb.lcu.hour"), "assumed " + fmt(prices.assumption("albLcuPerHour"))
                            + " LCU per hour each (light traffic)"));
        }

        int keys = plan.ofType("aws:kms/key:Key").size();
        if (keys > 0) {
            lines.add(line("KMS keys", keys + " customer-managed key(s)", keys, prices.price("kms.key.month"),
                    "$1/month each; rotation adds $1/month per rotated version from the second year"));
        }

        double logGb = 0;
        var logGroups = new ArrayList<String>();
        for (var group : plan.ofType("aws:cloudwatch/logGroup:LogGroup")) {
            String name = group.string("name");
            logGroups.add(name);
            for (var e : prices.assumptions().getAsJsonObject("logGbPerMonth").entrySet()) {
                if (name != null && name.startsWith(e.getKey())) {
                    logGb += e.getValue().getAsDouble();
                }
            }
        }
        if (!logGroups.isEmpty()) {
            lines.add(line("CloudWatch Logs ingestion", logGroups.size() + " log group(s): " + logGroups, logGb,
                    prices.price("cloudwatch.logs.ingest.gb"), "assumed GB/month by group " + prices.assumptions()
                            .getAsJsonObject("logGbPerMonth") + "; audit logs grow with API traffic"));
        }

        int alarms = plan.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").stream()
                .mapToInt(a -> a.input("metricQueries") instanceof List<?> q ? (int) q.stream()
                        .filter(m -> m instanceof Map<?, ?> mm && mm.get("metric") != null).count() : 1)
                .sum();
        if (alarms > 0) {
            lines.add(line("CloudWatch alarms", alarms + " alarm metric(s)", alarms, prices.price("cloudwatch.alarm.month"),
                    "standard resolution; a metric-math alarm counts each metric it reads"));
        }

        long insights = plan.ofType("aws:eks/addon:Addon").stream()
                .filter(a -> "amazon-cloudwatch-observability".equals(a.string("addonName"))).count();
        if (insights > 0) {
            lines.add(line("Container Insights", "the amazon-cloudwatch-observability add-on", insights,
                    prices.price("cloudwatch.containerinsights.cluster.month"),
                    "billed per observation (pods, containers, nodes); plus the agent's log ingestion"));
        }

        int zones = plan.ofType("aws:route53/zone:Zone").size();
        if (zones > 0) {
            lines.add(line("Route 53 hosted zones", zones + " zone(s)", zones, prices.price("route53.zone.month"),
                    "queries not counted (alias queries to the ALB are free)"));
        }
        int queues = plan.ofType("aws:sqs/queue:Queue").size();
        if (queues > 0) {
            lines.add(line("SQS queues", queues + " queue(s)", queues, prices.price("sqs.queue.month"),
                    "a few interruption events a day"));
        }
        return new Estimate(plan.stack(), region, table, lines);
    }

    private static Line line(String item, String counted, double quantity, PriceTable.Price price, String assumption) {
        return new Line(item, counted, quantity, price, price.usd() == null ? null : quantity * price.usd(), assumption);
    }

    /** The region of the stack's explicit AWS provider. */
    static String region(Plan plan) {
        return plan.ofType(AWS_PROVIDER).stream().map(p -> p.string("region")).filter(r -> r != null).findFirst()
                .orElse("unknown");
    }

    /** min(the HPA's minReplicas, the zones of the private subnets): the app spreads its pods over zones. */
    static int karpenterNodes(Plan plan) {
        var hpa = plan.ofType("kubernetes:autoscaling/v2:HorizontalPodAutoscaler").stream().findFirst();
        if (hpa.isEmpty()) {
            return 0;
        }
        int minReplicas = ((Number) hpa.get().input("spec.minReplicas")).intValue();
        Set<String> zones = new TreeSet<>();
        plan.ofType("aws:ec2/subnet:Subnet").forEach(s -> zones.add(s.string("availabilityZone")));
        return Math.min(minReplicas, Math.max(1, zones.size()));
    }

    private static double launchTemplateVolumeGb(Plan plan) {
        return plan.ofType("aws:ec2/launchTemplate:LaunchTemplate").stream()
                .map(t -> t.input("blockDeviceMappings.0.ebs.volumeSize"))
                .filter(v -> v instanceof Number).mapToDouble(v -> ((Number) v).doubleValue()).findFirst().orElse(0);
    }

    private static double nodeClassVolumeGb(Plan plan) {
        return plan.ofType("kubernetes:karpenter.k8s.aws/v1:EC2NodeClass").stream()
                .map(c -> c.string("spec.blockDeviceMappings.0.ebs.volumeSize"))
                .filter(v -> v != null && v.endsWith("Gi"))
                .mapToDouble(v -> Double.parseDouble(v.substring(0, v.length() - 2))).findFirst().orElse(0);
    }

    /** Ingresses of class alb in the plan and Helm values that enable one (Argo CD's server ingress). */
    static int albs(Plan plan) {
        int count = (int) plan.ofType("kubernetes:networking.k8s.io/v1:Ingress").stream()
                .filter(i -> "alb".equals(i.string("spec.ingressClassName"))).count();
        for (var release : plan.ofType(PlanWriter.HELM_RELEASE)) {
            count += enabledAlbIngresses(release.input("values"));
        }
        return count;
    }

    private static int enabledAlbIngresses(Object values) {
        int count = 0;
        if (values instanceof Map<?, ?> map) {
            if ("alb".equals(map.get("ingressClassName")) && Boolean.TRUE.equals(map.get("enabled"))) {
                count++;
            }
            for (Object v : map.values()) {
                count += enabledAlbIngresses(v);
            }
        } else if (values instanceof List<?> list) {
            for (Object v : list) {
                count += enabledAlbIngresses(v);
            }
        }
        return count;
    }

    private static Object requirement(PlannedResource pool, String key) {
        if (pool.input("spec.template.spec.requirements") instanceof List<?> requirements) {
            for (Object r : requirements) {
                if (r instanceof Map<?, ?> m && key.equals(m.get("key"))) {
                    return m.get("values");
                }
            }
        }
        return null;
    }

    /** The cheapest EC2 type of the price table that the NodePool's category, generation and architecture allow. */
    static Optional<PriceTable.Price> cheapestMatching(PlannedResource pool, PriceTable prices) {
        var categories = requirement(pool, "karpenter.k8s.aws/instance-category");
        var generation = requirement(pool, "karpenter.k8s.aws/instance-generation");
        var architectures = requirement(pool, "kubernetes.io/arch");
        int greaterThan = generation instanceof List<?> g && !g.isEmpty() ? Integer.parseInt(String.valueOf(g.get(0))) : 0;
        return prices.prices().values().stream()
                .filter(p -> p.usd() != null && p.key().startsWith("ec2.") && p.key().endsWith(".hour"))
                .filter(p -> {
                    Matcher m = INSTANCE_TYPE.matcher(p.key().substring(4, p.key().length() - 5));
                    if (!m.matches()) {
                        return false;
                    }
                    boolean graviton = m.group(3).contains("g");
                    String arch = graviton ? "arm64" : "amd64";
                    return (!(categories instanceof List<?> c) || c.contains(m.group(1)))
                            && Integer.parseInt(m.group(2)) > greaterThan
                            && (!(architectures instanceof List<?> a) || a.contains(arch));
                })
                .min(Comparator.comparingDouble(PriceTable.Price::usd).thenComparing(PriceTable.Price::key));
    }

    static String fmt(double value) {
        if (value == Math.rint(value)) {
            return String.valueOf((long) value);
        }
        return String.format(Locale.ROOT, "%.5f", value).replaceAll("0+$", "");
    }
}
