package com.acme.platform.eks.guardrails;

import com.acme.platform.eks.config.Ipv4Cidr;
import com.acme.platform.eks.config.StackRules;
import com.acme.platform.eks.render.Plan;
import com.acme.platform.eks.render.PlannedResource;
import com.google.gson.Gson;
import com.google.gson.JsonSyntaxException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The platform's promises as checks over a plan. Each returns the violations it finds, one line per offending
 * resource ({@code name (type): what is wrong}), so that a failing guardrail says what to fix.
 */
final class Guardrails {
    private Guardrails() { }

    static final Set<String> COMMON_TAGS = Set.of("project", "stack", "managed-by");
    private static final Pattern PINNED_CHART_VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?");
    private static final Pattern WORLD = Pattern.compile("0\\.0\\.0\\.0/0|::/0");
    private static final String ALB = "alb.ingress.kubernetes.io/";

    static String describe(PlannedResource r) {
        return r.name() + " (" + r.type() + ")";
    }

    // ---- network exposure ----------------------------------------------------------------------------------

    /**
     * Ingress from anywhere only to an ALB's HTTP/HTTPS ports: security groups (named or described as ALB), and the
     * listeners of the ALBs that the load balancer controller creates from Ingress objects.
     */
    static List<String> securityGroupIngressFromTheInternet(Plan plan) {
        var violations = new ArrayList<String>();
        for (var r : plan.resources()) {
            switch (r.type()) {
                case "aws:ec2/securityGroup:SecurityGroup" -> {
                    if (r.input("ingress") instanceof List<?> rules) {
                        for (Object rule : rules) {
                            var m = (Map<?, ?>) rule;
                            if (opensToWorld(m.get("cidrBlocks")) || opensToWorld(m.get("ipv6CidrBlocks"))) {
                                check(r, m.get("fromPort"), m.get("toPort"), isAlb(r), violations);
                            }
                        }
                    }
                }
                case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule" -> {
                    if (opensToWorld(r.input("cidrIpv4")) || opensToWorld(r.input("cidrIpv6"))) {
                        check(r, r.input("fromPort"), r.input("toPort"), isAlb(r), violations);
                    }
                }
                case "aws:ec2/securityGroupRule:SecurityGroupRule" -> {
                    if ("ingress".equals(r.input("type"))
                            && (opensToWorld(r.input("cidrBlocks")) || opensToWorld(r.input("ipv6CidrBlocks")))) {
                        check(r, r.input("fromPort"), r.input("toPort"), isAlb(r), violations);
                    }
                }
                case "kubernetes:networking.k8s.io/v1:Ingress" -> albListenersOpenToTheWorld(r, violations);
                default -> { }
            }
        }
        return violations;
    }

    /**
     * The controller gives an ALB a security group that admits {@code inbound-cidrs} (0.0.0.0/0 when the annotation
     * is absent) on every {@code listen-ports} port (80, or 443 with a certificate, when absent). Only an
     * internal ALB is out of the internet's reach.
     */
    private static void albListenersOpenToTheWorld(PlannedResource ingress, List<String> violations) {
        var annotations = ingress.input("metadata.annotations") instanceof Map<?, ?> a ? a : Map.of();
        if ("internal".equals(annotations.get(ALB + "scheme"))) {
            return;
        }
        String cidrs = annotations.get(ALB + "inbound-cidrs") instanceof String given ? given : "0.0.0.0/0";
        if (Arrays.stream(cidrs.split(",")).noneMatch(c -> WORLD.matcher(c.strip()).matches())) {
            return;
        }
        Object listenPorts = annotations.get(ALB + "listen-ports");
        if (listenPorts == null) {
            return;
        }
        var ports = new ArrayList<Long>();
        try {
            for (Object listener : (List<?>) new Gson().fromJson(String.valueOf(listenPorts), List.class)) {
                ((Map<?, ?>) listener).values().forEach(port -> ports.add(((Number) port).longValue()));
            }
        } catch (JsonSyntaxException | ClassCastException | NullPointerException e) {
            violations.add(describe(ingress) + ": unreadable " + ALB + "listen-ports " + listenPorts);
            return;
        }
        ports.stream().filter(port -> port != 80 && port != 443).forEach(port -> violations.add(describe(ingress)
                + ": ALB listener on port " + port + " open to " + cidrs));
    }

    private static boolean isAlb(PlannedResource r) {
        String text = (r.name() + " " + r.string("description") + " " + r.string("name")).toLowerCase();
        return text.contains("alb") || text.contains("load-balancer") || text.contains("load balancer");
    }

    private static boolean opensToWorld(Object cidrs) {
        if (cidrs instanceof String s) {
            return WORLD.matcher(s).matches();
        }
        return cidrs instanceof List<?> list && list.stream().anyMatch(c -> WORLD.matcher(String.valueOf(c)).matches());
    }

    private static void check(PlannedResource r, Object from, Object to, boolean alb, List<String> violations) {
        boolean webPort = from != null && from.equals(to) && (from.equals(80L) || from.equals(443L));
        if (!(alb && webPort)) {
            violations.add(describe(r) + ": ingress from 0.0.0.0/0 or ::/0 on ports " + from + "-" + to);
        }
    }

    // ---- IAM ----------------------------------------------------------------------------------------------------

    /** Every policy document the plan registers, with the resource that holds it. */
    record Statement(PlannedResource holder, Map<String, Object> statement) { }

    @SuppressWarnings("unchecked")
    static List<Statement> iamStatements(Plan plan) {
        var statements = new ArrayList<Statement>();
        for (var r : plan.resources()) {
            for (String field : List.of("policy", "assumeRolePolicy")) {
                if (r.type().startsWith("aws:") && r.input(field) instanceof String json && json.contains("Statement")) {
                    try {
                        var doc = (Map<String, Object>) new Gson().fromJson(json, Map.class);
                        Object s = doc.get("Statement");
                        for (Object one : s instanceof List<?> list ? list : List.of(s)) {
                            statements.add(new Statement(r, (Map<String, Object>) one));
                        }
                    } catch (JsonSyntaxException e) {
                        statements.add(new Statement(r, Map.of("Effect", "Allow", "Action", "*",
                                "Resource", "unparsable policy")));
                    }
                }
            }
        }
        return statements;
    }

    static List<String> asList(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(value));
    }

    static List<String> iamStatementsGrantingEveryAction(Plan plan) {
        var violations = new ArrayList<String>();
        for (var s : iamStatements(plan)) {
            if (!"Allow".equals(s.statement().get("Effect"))) {
                continue;
            }
            if (asList(s.statement().get("Action")).stream().anyMatch(a -> a.equals("*") || a.equals("*:*"))) {
                violations.add(describe(s.holder()) + ": allows Action \"*\"");
            }
            // Allow + NotAction grants every action but the listed ones: "*" by another name.
            if (s.statement().containsKey("NotAction")) {
                violations.add(describe(s.holder()) + ": allows NotAction " + s.statement().get("NotAction")
                        + " (every other action)");
            }
        }
        return violations;
    }

    /**
     * {@code Resource: "*"} only for actions that the upstream policies (controllers' reference policies) grant on
     * "*" themselves, or that IAM cannot scope (listed in {@code unscopable}).
     */
    static List<String> iamStatementsOnEveryResourceBeyondUpstream(Plan plan, Set<String> allowedOnAnyResource) {
        var violations = new ArrayList<String>();
        for (var s : iamStatements(plan)) {
            if (!"Allow".equals(s.statement().get("Effect")) || s.statement().containsKey("Principal")) {
                continue;
            }
            // Allow + NotResource reaches every resource but the listed ones, like "*".
            if (asList(s.statement().get("Resource")).contains("*") || s.statement().containsKey("NotResource")) {
                var extra = asList(s.statement().get("Action")).stream()
                        .filter(a -> !allowedOnAnyResource.contains(a)).toList();
                if (!extra.isEmpty()) {
                    violations.add(describe(s.holder()) + ": " + extra + " on Resource \"*\" where no upstream policy"
                            + " grants it so");
                }
            }
        }
        return violations;
    }

    // ---- tags ---------------------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    static List<String> awsResourcesWithoutCommonTags(Plan plan) {
        var violations = new ArrayList<String>();
        var taggedProviders = new java.util.HashSet<String>();
        for (var provider : plan.ofType("pulumi:providers:aws")) {
            Object raw = provider.input("defaultTags");
            Map<String, Object> defaults = raw instanceof String json ? new Gson().fromJson(json, Map.class)
                    : raw instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            if (defaults.get("tags") instanceof Map<?, ?> tags && tags.keySet().containsAll(COMMON_TAGS)) {
                taggedProviders.add(provider.name());
            }
        }
        for (var r : plan.resources()) {
            if (r.custom() && r.type().startsWith("aws:") && !taggedProviders.contains(r.provider())) {
                violations.add(describe(r) + ": not created through an AWS provider whose default tags carry "
                        + COMMON_TAGS);
            }
        }
        return violations;
    }

    // ---- encryption ---------------------------------------------------------------------------------------------

    static List<String> unencryptedStorage(Plan plan) {
        var violations = new ArrayList<String>();
        for (var r : plan.resources()) {
            switch (r.type()) {
                case "aws:sqs/queue:Queue" -> {
                    if (!Boolean.TRUE.equals(r.input("sqsManagedSseEnabled")) && r.input("kmsMasterKeyId") == null) {
                        violations.add(describe(r) + ": queue without server-side encryption");
                    }
                }
                case "aws:ec2/launchTemplate:LaunchTemplate" -> {
                    if (!(r.input("blockDeviceMappings") instanceof List<?> devices) || devices.isEmpty()) {
                        violations.add(describe(r) + ": no block device mapping, so the root volume is not encrypted");
                    } else {
                        for (Object d : devices) {
                            Object ebs = ((Map<?, ?>) d).get("ebs");
                            if (!(ebs instanceof Map<?, ?> e) || !"true".equals(String.valueOf(e.get("encrypted")))) {
                                violations.add(describe(r) + ": unencrypted EBS volume");
                            }
                        }
                    }
                }
                case "aws:eks/cluster:Cluster" -> {
                    if (!asList(r.input("encryptionConfig.resources")).contains("secrets")
                            || r.input("encryptionConfig.provider.keyArn") == null) {
                        violations.add(describe(r) + ": Kubernetes secrets not envelope-encrypted with KMS");
                    }
                }
                case "aws:cloudwatch/logGroup:LogGroup" -> {
                    if (r.input("kmsKeyId") == null) {
                        violations.add(describe(r) + ": log group not encrypted with a customer-managed KMS key");
                    }
                }
                case "kubernetes:storage.k8s.io/v1:StorageClass" -> {
                    if ("ebs.csi.aws.com".equals(r.input("provisioner"))
                            && !"true".equals(String.valueOf(r.input("parameters.encrypted")))) {
                        violations.add(describe(r) + ": EBS StorageClass whose volumes are not encrypted");
                    }
                }
                default -> {
                    if (r.type().equals("kubernetes:karpenter.k8s.aws/v1:EC2NodeClass")) {
                        if (!(r.input("spec.blockDeviceMappings") instanceof List<?> devices) || devices.isEmpty()) {
                            violations.add(describe(r) + ": no encrypted root volume mapping");
                        } else {
                            for (Object d : devices) {
                                Object ebs = ((Map<?, ?>) d).get("ebs");
                                if (!(ebs instanceof Map<?, ?> e) || !Boolean.TRUE.equals(e.get("encrypted"))) {
                                    violations.add(describe(r) + ": unencrypted EBS volume");
                                }
                            }
                        }
                    }
                }
            }
        }
        return violations;
    }

    // ---- pinning ------------------------------------------------------------------------------------------------

    static List<String> unpinnedChartsAndImages(Plan plan) {
        var violations = new ArrayList<String>();
        for (var r : plan.ofType("kubernetes:helm.sh/v3:Release")) {
            String version = r.string("version");
            if (version == null || !PINNED_CHART_VERSION.matcher(version).matches()) {
                violations.add(describe(r) + ": chart version '" + version + "' is not an exact version");
            }
            imagesIn(r.input("values"), "values", r, violations);
        }
        for (var r : plan.resources()) {
            if (r.type().startsWith("kubernetes:") && !r.type().startsWith("kubernetes:helm.sh")) {
                containers(r).forEach(c -> {
                    String image = String.valueOf(c.get("image"));
                    if (!isPinned(image)) {
                        violations.add(describe(r) + ": container image '" + image + "' is not pinned to a tag or digest");
                    }
                });
            }
        }
        return violations;
    }

    static boolean isPinned(String image) {
        if (image.contains("@sha256:")) {
            return true;
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        return colon > slash && !image.substring(colon + 1).equals("latest") && !image.substring(colon + 1).isEmpty();
    }

    private static void imagesIn(Object values, String path, PlannedResource r, List<String> violations) {
        if (values instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if ("tag".equals(k) && path.endsWith("image") && ("latest".equals(v) || "".equals(v))) {
                    violations.add(describe(r) + ": " + path + ".tag is '" + v + "'");
                }
                imagesIn(v, path + "." + k, r, violations);
            });
        } else if (values instanceof List<?> list) {
            list.forEach(v -> imagesIn(v, path, r, violations));
        }
    }

    /** The pod template's containers (and init containers) of a workload object, or of a bare Pod. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> containers(PlannedResource r) {
        Object podSpec = podSpec(r);
        var all = new ArrayList<Map<String, Object>>();
        if (podSpec instanceof Map<?, ?> spec) {
            for (String field : List.of("containers", "initContainers")) {
                if (spec.get(field) instanceof List<?> list) {
                    list.forEach(c -> all.add((Map<String, Object>) c));
                }
            }
        }
        return all;
    }

    static Object podSpec(PlannedResource r) {
        String kind = r.type().substring(r.type().lastIndexOf(':') + 1);
        return switch (kind) {
            case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job" -> r.input("spec.template.spec");
            case "CronJob" -> r.input("spec.jobTemplate.spec.template.spec");
            case "Pod" -> r.input("spec");
            default -> null;
        };
    }

    // ---- pods ---------------------------------------------------------------------------------------------------

    static List<String> podsNotHardened(Plan plan) {
        var violations = new ArrayList<String>();
        for (var r : plan.resources()) {
            if (!r.type().startsWith("kubernetes:") || !(podSpec(r) instanceof Map<?, ?> spec)) {
                continue;
            }
            Object podNonRoot = spec.get("securityContext") instanceof Map<?, ?> psc ? psc.get("runAsNonRoot") : null;
            for (var c : containers(r)) {
                String where = describe(r) + " container " + c.get("name");
                // Kubernetes takes the container's setting over the pod's where both are given.
                Object containerNonRoot = c.get("securityContext") instanceof Map<?, ?> csc
                        ? csc.get("runAsNonRoot") : null;
                boolean nonRoot = Boolean.TRUE.equals(containerNonRoot != null ? containerNonRoot : podNonRoot);
                if (!nonRoot) {
                    violations.add(where + ": may run as root (runAsNonRoot not true)");
                }
                if (!(c.get("resources") instanceof Map<?, ?> res) || res.get("requests") == null
                        || res.get("limits") == null) {
                    violations.add(where + ": without resource requests and limits");
                }
                boolean isInit = spec.get("initContainers") instanceof List<?> inits && inits.contains(c);
                if (!isInit && (c.get("readinessProbe") == null || c.get("livenessProbe") == null)) {
                    violations.add(where + ": without readiness and liveness probes");
                }
            }
        }
        return violations;
    }

    // ---- production network and state ------------------------------------------------------------------------------

    /**
     * The API server is reached privately; a public endpoint is allowed only beside the private one and only for
     * listed CIDRs (CI runners' egress, README), never for every address. EKS opens a public endpoint without
     * {@code publicAccessCidrs} to 0.0.0.0/0, and {@code endpointPublicAccess} defaults to true.
     */
    static List<String> clusterEndpointsOpenToTheInternet(Plan plan) {
        var violations = new ArrayList<String>();
        for (var cluster : plan.ofType("aws:eks/cluster:Cluster")) {
            if (!Boolean.TRUE.equals(cluster.input("vpcConfig.endpointPrivateAccess"))) {
                violations.add(describe(cluster) + ": no private API endpoint");
            }
            if (Boolean.FALSE.equals(cluster.input("vpcConfig.endpointPublicAccess"))) {
                continue;
            }
            var cidrs = asList(cluster.input("vpcConfig.publicAccessCidrs"));
            if (cidrs.isEmpty()) {
                violations.add(describe(cluster) + ": public API endpoint without publicAccessCidrs, so open to"
                        + " 0.0.0.0/0");
            } else if (cidrs.stream().anyMatch(c -> WORLD.matcher(c).matches())
                    || Ipv4Cidr.coveredAddresses(cidrs) > StackRules.MAX_PUBLIC_ENDPOINT_ADDRESSES) {
                violations.add(describe(cluster) + ": public API endpoint open to " + cidrs + " ("
                        + Ipv4Cidr.coveredAddresses(cidrs) + " addresses, more than a /8's worth)");
            }
        }
        return violations;
    }

    /** Production logs (flow logs, control plane) are kept at least 90 days; an unset retention keeps them for ever. */
    static List<String> logGroupsKeptLessThan90Days(Plan plan) {
        return plan.ofType("aws:cloudwatch/logGroup:LogGroup").stream()
                .filter(g -> g.input("retentionInDays") instanceof Number days && days.intValue() < 90)
                .map(g -> describe(g) + ": logs kept " + g.input("retentionInDays") + " days").toList();
    }

    /** The images of the workloads the program defines are pinned by digest. */
    static List<String> workloadImagesWithoutDigest(Plan plan) {
        var violations = new ArrayList<String>();
        for (var r : plan.resources()) {
            for (var container : containers(r)) {
                if (!String.valueOf(container.get("image")).contains("@sha256:")) {
                    violations.add(describe(r) + ": image " + container.get("image") + " without a digest");
                }
            }
        }
        return violations;
    }

    /** Every NodePool may launch on-demand capacity (spot alone can run dry in a region). */
    @SuppressWarnings("unchecked")
    static List<String> nodePoolsWithoutOnDemand(Plan plan) {
        var violations = new ArrayList<String>();
        for (var pool : plan.ofType("kubernetes:karpenter.sh/v1:NodePool")) {
            var requirements = (List<Map<String, Object>>) pool.input("spec.template.spec.requirements");
            boolean onDemand = requirements != null && requirements.stream().anyMatch(req ->
                    "karpenter.sh/capacity-type".equals(req.get("key"))
                            && asList(req.get("values")).contains("on-demand"));
            if (!onDemand) {
                violations.add(describe(pool) + ": no on-demand capacity");
            }
        }
        return violations;
    }

    /** No cluster access for the roles unreviewed pull requests or every push to main can assume. */
    static List<String> clusterAccessForPullRequestOrMainRoles(Plan plan) {
        return plan.ofType("aws:eks/accessEntry:AccessEntry").stream()
                .filter(e -> String.valueOf(e.input("principalArn")).matches(".*:role/(.*/)?" + plan.project()
                        + "-github-(preview|deploy-dev)"))
                .map(e -> describe(e) + ": cluster access for " + e.input("principalArn")).toList();
    }

    /** No role that a push to main (every merged change, without the approval) can assume. */
    static List<String> rolesThatMainBranchPushesCanAssume(Plan plan) {
        return plan.ofType("aws:iam/role:Role").stream()
                .filter(r -> String.valueOf(r.input("assumeRolePolicy")).contains(":ref:refs/heads/main"))
                .map(r -> describe(r) + ": trusts pushes to main").toList();
    }

    static List<String> fewerThanThreeAzs(Plan plan) {
        Object azs = plan.outputs().get("availabilityZones");
        int count = azs instanceof List<?> list ? list.size() : 0;
        return count >= 3 ? List.of() : List.of("the stack spans " + count + " AZ(s) (output availabilityZones: " + azs
                + "), fewer than 3");
    }

    /** One NAT gateway in each AZ, so that losing an AZ does not cut the others off the internet. */
    static List<String> natGatewaysNotOnePerAz(Plan plan) {
        int azs = plan.outputs().get("availabilityZones") instanceof List<?> list ? list.size() : 0;
        var nats = plan.ofType("aws:ec2/natGateway:NatGateway");
        long subnets = nats.stream().map(n -> n.string("subnetId")).distinct().count();
        if (nats.size() == azs && subnets == azs) {
            return List.of();
        }
        return List.of(nats.size() + " NAT gateway(s) in " + subnets + " distinct subnet(s) for " + azs + " AZs");
    }

    static List<String> vpcsWithoutFlowLogs(Plan plan) {
        var flowLogs = plan.ofType("aws:ec2/flowLog:FlowLog");
        return plan.ofType("aws:ec2/vpc:Vpc").stream()
                .filter(vpc -> flowLogs.stream().noneMatch(f -> f.dependsOn().contains(vpc.name())))
                .map(vpc -> describe(vpc) + ": no flow log").toList();
    }

    /** What is costly or impossible to recreate: network, cluster, keys (encrypted data) and zones (delegation). */
    static final Set<String> STATEFUL_TYPES = Set.of("aws:ec2/vpc:Vpc", "aws:eks/cluster:Cluster", "aws:kms/key:Key",
            "aws:route53/zone:Zone");

    static List<String> statefulResourcesNotProtected(Plan plan) {
        return plan.matching(r -> STATEFUL_TYPES.contains(r.type()) && !r.protect()).stream()
                .map(r -> describe(r) + ": not protected").toList();
    }

    // ---- production redundancy -----------------------------------------------------------------------------------

    /**
     * How each controller chart takes its replica count and disruption budget. external-dns is absent on purpose:
     * it has no leader election and its chart (1.21.1) fixes one replica (kubernetes-sigs/external-dns#2430,
     * #5978); two replicas would race each other on the same records.
     */
    record ControllerChart(String replicasPath, String budgetPath) { }

    static final Map<String, ControllerChart> CONTROLLER_CHARTS = Map.of(
            "karpenter", new ControllerChart("values.replicas", "values.podDisruptionBudget.maxUnavailable"),
            "aws-load-balancer-controller", new ControllerChart("values.replicaCount",
                    "values.podDisruptionBudget.maxUnavailable"),
            "metrics-server", new ControllerChart("values.replicas", "values.podDisruptionBudget.enabled"),
            "argo-cd", new ControllerChart("values.server.replicas", "values.server.pdb.enabled"));

    static final Set<String> SINGLETON_CHARTS = Set.of("external-dns", "karpenter-crd");

    static String chartOf(PlannedResource release) {
        String chart = String.valueOf(release.input("chart"));
        return chart.substring(chart.lastIndexOf('/') + 1);
    }

    static List<String> controllersWithoutRedundancy(Plan plan) {
        var violations = new ArrayList<String>();
        for (var release : plan.ofType("kubernetes:helm.sh/v3:Release")) {
            String chart = chartOf(release);
            var known = CONTROLLER_CHARTS.get(chart);
            if (known == null) {
                if (!SINGLETON_CHARTS.contains(chart)) {
                    violations.add(describe(release) + ": chart " + chart + " has no known replica and budget values;"
                            + " add it to Guardrails.CONTROLLER_CHARTS");
                }
                continue;
            }
            Object replicas = release.input(known.replicasPath());
            if (!(replicas instanceof Number n) || n.longValue() < 2) {
                violations.add(describe(release) + ": " + known.replicasPath() + " is " + replicas + ", fewer than 2");
            }
            Object budget = release.input(known.budgetPath());
            if (budget == null || Boolean.FALSE.equals(budget)) {
                violations.add(describe(release) + ": no PodDisruptionBudget (" + known.budgetPath() + ")");
            }
        }
        return violations;
    }

    /** Every Deployment of the plan: at least two replicas (itself or its HPA's minimum) and a budget over its pods. */
    static List<String> workloadsWithoutRedundancy(Plan plan) {
        var violations = new ArrayList<String>();
        for (var deployment : plan.ofType("kubernetes:apps/v1:Deployment")) {
            String name = deployment.string("metadata.name");
            String namespace = deployment.string("metadata.namespace");
            Object replicas = deployment.input("spec.replicas");
            Object hpaMin = plan.ofType("kubernetes:autoscaling/v2:HorizontalPodAutoscaler").stream()
                    .filter(h -> name.equals(h.string("spec.scaleTargetRef.name"))
                            && "Deployment".equals(h.string("spec.scaleTargetRef.kind"))
                            && java.util.Objects.equals(namespace, h.string("metadata.namespace")))
                    .map(h -> h.input("spec.minReplicas")).findFirst().orElse(null);
            long least = Math.max(replicas instanceof Number r ? r.longValue() : 0,
                    hpaMin instanceof Number m ? m.longValue() : 0);
            if (least < 2) {
                violations.add(describe(deployment) + ": runs " + least + " replica(s) at the least");
            }
            var podLabels = deployment.input("spec.template.metadata.labels") instanceof Map<?, ?> l ? l : Map.of();
            boolean budgeted = plan.ofType("kubernetes:policy/v1:PodDisruptionBudget").stream().anyMatch(pdb ->
                    java.util.Objects.equals(namespace, pdb.string("metadata.namespace"))
                            && pdb.input("spec.selector.matchLabels") instanceof Map<?, ?> selector
                            && !selector.isEmpty() && podLabels.entrySet().containsAll(selector.entrySet()));
            if (!budgeted) {
                violations.add(describe(deployment) + ": no PodDisruptionBudget selects its pods");
            }
        }
        return violations;
    }

    static List<String> externalDnsThatMayDelete(Plan plan) {
        var violations = new ArrayList<String>();
        for (var release : plan.ofType("kubernetes:helm.sh/v3:Release")) {
            if ("external-dns".equals(chartOf(release)) && !"upsert-only".equals(release.input("values.policy"))) {
                violations.add(describe(release) + ": policy is " + release.input("values.policy")
                        + ", so external-dns may delete production records");
            }
        }
        return violations;
    }
}
