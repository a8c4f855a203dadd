package com.acme.platform.eks.guardrails;

import com.acme.platform.eks.Stacks;
import com.acme.platform.eks.UpstreamReference;
import com.acme.platform.eks.config.Ipv4Cidr;
import com.acme.platform.eks.config.StackRules;
import com.acme.platform.eks.platform.IamPath;
import com.acme.platform.eks.offline.Plan;
import com.acme.platform.eks.offline.PlannedResource;
import com.google.gson.Gson;
import com.google.gson.JsonSyntaxException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;

import static com.acme.platform.eks.ResourceTypes.RELEASE;

/**
 * The platform's promises as a policy pack over a rendered plan, written the way pulumi/pulumi-policy-aws writes its
 * packs: each policy has a name, a description, the stacks it is enforced on, the resource types it applies to and a
 * check. A resource policy validates one resource of its types at a time (with the plan for lookups); a stack
 * policy validates the whole plan. A violation reads {@code name (type): what is wrong}.
 *
 * <p>These run on what the program registered (the second line); the stack configuration is validated before
 * anything is registered (config/StackConfigLoader).
 */
public final class Guardrails {
    private Guardrails() { }

    /** Which stacks a policy is enforced on. */
    public enum EnforcedOn {
        EVERY_STACK, PLATFORM_STACKS, PRODUCTION_STACKS, PRODUCTION_ACCOUNTS;

        /** Production is the tier a stack file declares ({@code environment: production}), not its name. */
        boolean covers(String stack) {
            return covers(Stacks.deliveryBootstrap(stack),
                    "production".equals(Stacks.stackFile(stack).get(Stacks.PROJECT + ":environment")));
        }

        /** Whether the policy holds a stack of this kind (any stack file: a fixture or a committed one). */
        public boolean covers(boolean deliveryBootstrap, boolean production) {
            return switch (this) {
                case EVERY_STACK -> true;
                case PLATFORM_STACKS -> !deliveryBootstrap;
                case PRODUCTION_STACKS -> production && !deliveryBootstrap;
                case PRODUCTION_ACCOUNTS -> production && deliveryBootstrap;
            };
        }
    }

    public record Policy(String name, String description, EnforcedOn enforcedOn, Set<String> resourceTypes,
                  BiFunction<PlannedResource, Plan, List<String>> validateResource,
                  Function<Plan, List<String>> validateStack) {

        public List<String> validate(Plan plan) {
            if (validateStack != null) {
                return validateStack.apply(plan);
            }
            var violations = new ArrayList<String>();
            plan.resources().stream().filter(r -> appliesTo(r.type()))
                    .forEach(r -> validateResource.apply(r, plan).forEach(v -> violations.add(describe(r) + ": " + v)));
            return violations;
        }

        /** An entry ending in {@code *} is a prefix ({@code aws:*}: every AWS resource). */
        boolean appliesTo(String type) {
            return resourceTypes.stream().anyMatch(t -> t.endsWith("*") ? type.startsWith(t.substring(0, t.length() - 1))
                    : t.equals(type));
        }
    }

    private static Policy resource(String name, String description, EnforcedOn on, Set<String> types,
                                   BiFunction<PlannedResource, Plan, List<String>> check) {
        return new Policy(name, description, on, types, check, null);
    }

    private static Policy stack(String name, String description, EnforcedOn on, Set<String> types,
                                Function<Plan, List<String>> check) {
        return new Policy(name, description, on, types, null, check);
    }

    static final Set<String> COMMON_TAGS = Set.of("project", "stack", "managed-by");
    static final Set<String> WORKLOADS = Set.of("kubernetes:apps/v1:Deployment", "kubernetes:apps/v1:StatefulSet",
            "kubernetes:apps/v1:DaemonSet", "kubernetes:apps/v1:ReplicaSet", "kubernetes:batch/v1:Job",
            "kubernetes:batch/v1:CronJob", "kubernetes:core/v1:Pod");
    /** What is costly or impossible to recreate: network, cluster, keys (encrypted data) and zones (delegation). */
    static final Set<String> STATEFUL_TYPES = Set.of("aws:ec2/vpc:Vpc", "aws:eks/cluster:Cluster", "aws:kms/key:Key",
            "aws:route53/zone:Zone");
    /** List actions IAM cannot scope to a resource (Service Authorization Reference: no resource type). */
    static final Set<String> UNSCOPABLE_ACTIONS = Set.of("iam:ListRoles", "iam:ListPolicies",
            "iam:ListOpenIDConnectProviders");
    private static final Pattern PINNED_CHART_VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?");
    private static final Pattern WORLD = Pattern.compile("0\\.0\\.0\\.0/0|::/0");
    private static final String ALB = "alb.ingress.kubernetes.io/";

    /** The pack. */
    public static final List<Policy> POLICIES = List.of(
            resource("no-internet-ingress", "No security-group ingress from 0.0.0.0/0 or ::/0 except to an ALB on 80/443,"
                    + " and no internet-facing ALB listener (Ingress) on another port", EnforcedOn.EVERY_STACK,
                    Set.of("aws:ec2/securityGroup:SecurityGroup", "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                            "aws:ec2/securityGroupRule:SecurityGroupRule", "kubernetes:networking.k8s.io/v1:Ingress"),
                    Guardrails::internetIngress),
            resource("no-iam-wildcard-action", "No IAM statement allows Action \"*\" (or NotAction, every other action)",
                    EnforcedOn.EVERY_STACK, Set.of("aws:*"), (r, plan) -> {
                        var violations = new ArrayList<String>();
                        if (isThePermissionsBoundary(r)) {
                            return violations;
                        }
                        for (var s : statements(r)) {
                            if ("Allow".equals(s.get("Effect")) && asList(s.get("Action")).stream()
                                    .anyMatch(a -> a.equals("*") || a.equals("*:*"))) {
                                violations.add("allows Action \"*\"");
                            }
                            if ("Allow".equals(s.get("Effect")) && s.containsKey("NotAction")) {
                                violations.add("allows NotAction " + s.get("NotAction") + " (every other action)");
                            }
                        }
                        return violations;
                    }),
            resource("iam-resource-wildcard-only-as-upstream", "Resource \"*\" (or NotResource) only for actions the"
                    + " upstream controller policies grant so, or IAM list actions that cannot be scoped",
                    EnforcedOn.EVERY_STACK, Set.of("aws:*"), (r, plan) -> {
                        var violations = new ArrayList<String>();
                        for (var s : statements(r)) {
                            if ("Allow".equals(s.get("Effect")) && !s.containsKey("Principal")
                                    && (asList(s.get("Resource")).contains("*") || s.containsKey("NotResource"))) {
                                var extra = asList(s.get("Action")).stream()
                                        .filter(a -> !upstreamActionsOnAnyResource().contains(a)).toList();
                                if (!extra.isEmpty()) {
                                    violations.add(extra + " on Resource \"*\" where no upstream policy grants it so");
                                }
                            }
                        }
                        return violations;
                    }),
            stack("common-tags", "Every AWS resource is created through an AWS provider whose default tags carry "
                    + COMMON_TAGS, EnforcedOn.EVERY_STACK, Set.of("aws:*", "pulumi:providers:aws"), Guardrails::untagged),
            resource("encrypted-at-rest", "SQS queues, log groups (customer-managed key), EBS volumes (launch template,"
                    + " EC2NodeClass, EBS StorageClasses) and Kubernetes secrets are encrypted", EnforcedOn.EVERY_STACK,
                    Set.of("aws:sqs/queue:Queue", "aws:ec2/launchTemplate:LaunchTemplate", "aws:eks/cluster:Cluster",
                            "aws:cloudwatch/logGroup:LogGroup", "kubernetes:storage.k8s.io/v1:StorageClass",
                            "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass"), Guardrails::unencrypted),
            resource("pinned-charts-and-images", "Every Helm chart at an exact version, every container image at a tag"
                    + " (not latest) or digest", EnforcedOn.EVERY_STACK, union(WORKLOADS, Set.of(RELEASE)),
                    Guardrails::unpinned),
            resource("hardened-pods", "Every pod the program defines runs as non-root (a container's runAsNonRoot"
                    + " overrides the pod's), with requests, limits, readiness and liveness probes", EnforcedOn.EVERY_STACK,
                    WORKLOADS, (r, plan) -> notHardened(r)),
            resource("platform-iam-path", "Every role and policy of the platform lives under " + IamPath.PLATFORM
                    + " (the deploy roles may manage nothing else)", EnforcedOn.PLATFORM_STACKS,
                    Set.of("aws:iam/role:Role", "aws:iam/policy:Policy"), (r, plan) -> IamPath.PLATFORM
                            .equals(r.string("path")) ? List.of() : List.of("path " + r.string("path"))),
            resource("private-api-endpoint", "The API endpoint is private: public access off, or on only for listed"
                    + " publicAccessCidrs that together cover at most a /8's worth of addresses", EnforcedOn.PRODUCTION_STACKS, Set.of("aws:eks/cluster:Cluster"),
                    (r, plan) -> publicEndpoint(r)),
            stack("three-azs-with-a-nat-each", "The VPC spans at least 3 AZs with a NAT gateway in each",
                    EnforcedOn.PRODUCTION_STACKS, Set.of("aws:ec2/natGateway:NatGateway"), Guardrails::azsAndNats),
            resource("vpc-flow-logs", "Every VPC has a flow log", EnforcedOn.PRODUCTION_STACKS, Set.of("aws:ec2/vpc:Vpc"),
                    (vpc, plan) -> plan.ofType("aws:ec2/flowLog:FlowLog").stream()
                            .anyMatch(f -> f.dependsOn().contains(vpc.name())) ? List.of() : List.of("no flow log")),
            resource("protected-stateful-resources", "protect on the VPC, the cluster, KMS keys and hosted zones",
                    EnforcedOn.PRODUCTION_STACKS, STATEFUL_TYPES,
                    (r, plan) -> r.protect() ? List.of() : List.of("not protected")),
            resource("external-dns-upsert-only", "external-dns never deletes records (policy upsert-only)",
                    EnforcedOn.PRODUCTION_STACKS, Set.of(RELEASE), (r, plan) -> !"external-dns".equals(chartOf(r))
                            || "upsert-only".equals(r.input("values.policy")) ? List.of()
                            : List.of("policy is " + r.input("values.policy") + ", so external-dns may delete production records")),
            resource("redundant-controllers", "Every controller chart runs at least 2 replicas with a disruption budget"
                    + " (external-dns exempt: no leader election, kubernetes-sigs/external-dns#2430)",
                    EnforcedOn.PRODUCTION_STACKS, Set.of(RELEASE), (r, plan) -> controllerRedundancy(r)),
            resource("redundant-workloads", "Every Deployment runs at least 2 replicas (its own or its HPA's minimum)"
                    + " and a PodDisruptionBudget selects its pods", EnforcedOn.PRODUCTION_STACKS,
                    Set.of("kubernetes:apps/v1:Deployment"), Guardrails::workloadRedundancy),
            resource("logs-kept-90-days", "Log groups keep their logs at least 90 days (unset keeps them for ever)",
                    EnforcedOn.PRODUCTION_STACKS, Set.of("aws:cloudwatch/logGroup:LogGroup"), (g, plan) ->
                            g.input("retentionInDays") instanceof Number days && days.intValue() < 90
                                    ? List.of("logs kept " + days + " days") : List.of()),
            resource("images-by-digest", "Every container image the program defines is pinned by digest",
                    EnforcedOn.PRODUCTION_STACKS, WORKLOADS, (r, plan) -> containers(r).stream()
                            .filter(c -> !String.valueOf(c.get("image")).contains("@sha256:"))
                            .map(c -> "image " + c.get("image") + " without a digest").toList()),
            resource("on-demand-capacity", "Every NodePool may launch on-demand capacity (spot alone can run dry)",
                    EnforcedOn.PRODUCTION_STACKS, Set.of("kubernetes:karpenter.sh/v1:NodePool"), (pool, plan) ->
                            onDemand(pool) ? List.of() : List.of("no on-demand capacity")),
            resource("no-cluster-access-for-pull-requests-or-main", "No access entry for the role unreviewed pull"
                    + " requests assume (preview) or every push to main assumes (deploy-dev)", EnforcedOn.PRODUCTION_STACKS,
                    Set.of("aws:eks/accessEntry:AccessEntry"), (e, plan) -> String.valueOf(e.input("principalArn"))
                            .matches(".*:role/(.*/)?" + plan.project() + "-github-(preview|deploy-dev)")
                            ? List.of("cluster access for " + e.input("principalArn")) : List.of()),
            resource("no-main-branch-role", "A production account holds no role that a push to main can assume",
                    EnforcedOn.PRODUCTION_ACCOUNTS, Set.of("aws:iam/role:Role"), (r, plan) ->
                            String.valueOf(r.input("assumeRolePolicy")).contains(":ref:refs/heads/main")
                                    ? List.of("trusts pushes to main") : List.of()));

    @SuppressWarnings("unchecked")
    private static boolean onDemand(PlannedResource pool) {
        var requirements = (List<Map<String, Object>>) pool.input("spec.template.spec.requirements");
        return requirements != null && requirements.stream().anyMatch(req -> "karpenter.sh/capacity-type"
                .equals(req.get("key")) && asList(req.get("values")).contains("on-demand"));
    }

    static Policy policy(String name) {
        return POLICIES.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no policy " + name));
    }

    static String describe(PlannedResource r) {
        return r.name() + " (" + r.type() + ")";
    }

    // ---- network exposure ----------------------------------------------------------------------------------

    private static List<String> internetIngress(PlannedResource r, Plan plan) {
        var violations = new ArrayList<String>();
        switch (r.type()) {
            case "aws:ec2/securityGroup:SecurityGroup" -> {
                if (r.input("ingress") instanceof List<?> rules) {
                    for (Object rule : rules) {
                        var m = (Map<?, ?>) rule;
                        if (opensToWorld(m.get("cidrBlocks")) || opensToWorld(m.get("ipv6CidrBlocks"))) {
                            worldIngress(r, m.get("fromPort"), m.get("toPort"), violations);
                        }
                    }
                }
            }
            case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule" -> {
                if (opensToWorld(r.input("cidrIpv4")) || opensToWorld(r.input("cidrIpv6"))) {
                    worldIngress(r, r.input("fromPort"), r.input("toPort"), violations);
                }
            }
            case "aws:ec2/securityGroupRule:SecurityGroupRule" -> {
                if ("ingress".equals(r.input("type"))
                        && (opensToWorld(r.input("cidrBlocks")) || opensToWorld(r.input("ipv6CidrBlocks")))) {
                    worldIngress(r, r.input("fromPort"), r.input("toPort"), violations);
                }
            }
            default -> albListenersOpenToTheWorld(r, violations);
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
        String cidrs = annotations.get(ALB + "inbound-cidrs") instanceof String given ? given : "0.0.0.0/0";
        Object listenPorts = annotations.get(ALB + "listen-ports");
        if ("internal".equals(annotations.get(ALB + "scheme")) || listenPorts == null
                || Arrays.stream(cidrs.split(",")).noneMatch(c -> WORLD.matcher(c.strip()).matches())) {
            return;
        }
        var ports = new ArrayList<Long>();
        try {
            for (Object listener : (List<?>) new Gson().fromJson(String.valueOf(listenPorts), List.class)) {
                ((Map<?, ?>) listener).values().forEach(port -> ports.add(((Number) port).longValue()));
            }
        } catch (JsonSyntaxException | ClassCastException | NullPointerException e) {
            violations.add("unreadable " + ALB + "listen-ports " + listenPorts);
            return;
        }
        ports.stream().filter(port -> port != 80 && port != 443)
                .forEach(port -> violations.add("ALB listener on port " + port + " open to " + cidrs));
    }

    private static boolean opensToWorld(Object cidrs) {
        return asList(cidrs).stream().anyMatch(c -> WORLD.matcher(c).matches());
    }

    private static void worldIngress(PlannedResource r, Object from, Object to, List<String> violations) {
        String text = (r.name() + " " + r.string("description") + " " + r.string("name")).toLowerCase();
        boolean alb = text.contains("alb") || text.contains("load-balancer") || text.contains("load balancer");
        boolean webPort = from != null && from.equals(to) && (from.equals(80L) || from.equals(443L));
        if (!(alb && webPort)) {
            violations.add("ingress from 0.0.0.0/0 or ::/0 on ports " + from + "-" + to);
        }
    }

    // ---- IAM ----------------------------------------------------------------------------------------------------

    /** The statements of the resource's policy documents ({@code policy}, {@code assumeRolePolicy}). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> statements(PlannedResource r) {
        var statements = new ArrayList<Map<String, Object>>();
        for (String field : List.of("policy", "assumeRolePolicy")) {
            if (r.input(field) instanceof String json && json.contains("Statement")) {
                try {
                    Object s = ((Map<String, Object>) new Gson().fromJson(json, Map.class)).get("Statement");
                    for (Object one : s instanceof List<?> list ? list : List.of(s)) {
                        statements.add((Map<String, Object>) one);
                    }
                } catch (JsonSyntaxException e) {
                    statements.add(Map.of("Effect", "Allow", "Action", "*", "Resource", "unparsable policy"));
                }
            }
        }
        return statements;
    }

    /**
     * The platform's permissions boundary (built by the bootstrap stacks) grants nothing: it caps what the platform
     * roles' own policies grant, so "every service but IAM, STS, Organizations and account" (NotAction) is what it
     * should say. DeployRolesTest checks its content.
     */
    static boolean isThePermissionsBoundary(PlannedResource r) {
        return r.type().equals("aws:iam/policy:Policy")
                && com.acme.platform.eks.platform.IamPath.DELIVERY.equals(r.input("path"))
                && com.acme.platform.eks.platform.IamPath.PERMISSIONS_BOUNDARY.equals(r.input("name"));
    }

    static List<String> asList(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(value));
    }

    private static Set<String> upstreamActionsOnAnyResource;

    /** Actions the upstream controller policies grant on {@code Resource: "*"} themselves, and unscopable ones. */
    static synchronized Set<String> upstreamActionsOnAnyResource() {
        if (upstreamActionsOnAnyResource != null) {
            return upstreamActionsOnAnyResource;
        }
        var actions = new HashSet<String>(UNSCOPABLE_ACTIONS);
        // The read-only delivery policies: a refresh reads every resource of a type, most reads take no resource
        // (Describe*, List*); ReadPoliciesTest keeps them to what the program reads, and free of data reads.
        actions.addAll(com.acme.platform.eks.delivery.PlatformReads.refreshActions());
        for (var statement : UpstreamReference.allUpstreamStatements()) {
            if (asList(statement.get("Resource")).contains("*")) {
                actions.addAll(asList(statement.get("Action")));
            }
        }
        upstreamActionsOnAnyResource = Set.copyOf(actions);
        return upstreamActionsOnAnyResource;
    }

    // ---- tags ---------------------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static List<String> untagged(Plan plan) {
        var taggedProviders = new HashSet<String>();
        for (var provider : plan.ofType("pulumi:providers:aws")) {
            Object raw = provider.input("defaultTags");
            Map<String, Object> defaults = raw instanceof String json ? new Gson().fromJson(json, Map.class)
                    : raw instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            if (defaults.get("tags") instanceof Map<?, ?> tags && tags.keySet().containsAll(COMMON_TAGS)) {
                taggedProviders.add(provider.name());
            }
        }
        return plan.matching(r -> r.custom() && r.type().startsWith("aws:") && !taggedProviders.contains(r.provider()))
                .stream().map(r -> describe(r) + ": not created through an AWS provider whose default tags carry "
                        + COMMON_TAGS).toList();
    }

    // ---- encryption ---------------------------------------------------------------------------------------------

    private static List<String> unencrypted(PlannedResource r, Plan plan) {
        return switch (r.type()) {
            case "aws:sqs/queue:Queue" -> Boolean.TRUE.equals(r.input("sqsManagedSseEnabled"))
                    || r.input("kmsMasterKeyId") != null ? List.of() : List.of("queue without server-side encryption");
            // the launch template takes "true" (a string), the EC2NodeClass a boolean
            case "aws:ec2/launchTemplate:LaunchTemplate" -> unencryptedVolumes(r.input("blockDeviceMappings"));
            case "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass" -> unencryptedVolumes(r.input("spec.blockDeviceMappings"));
            case "aws:eks/cluster:Cluster" -> asList(r.input("encryptionConfig.resources")).contains("secrets")
                    && r.input("encryptionConfig.provider.keyArn") != null ? List.of()
                    : List.of("Kubernetes secrets not envelope-encrypted with KMS");
            case "aws:cloudwatch/logGroup:LogGroup" -> r.input("kmsKeyId") != null ? List.of()
                    : List.of("log group not encrypted with a customer-managed KMS key");
            default -> !"ebs.csi.aws.com".equals(r.input("provisioner"))
                    || "true".equals(String.valueOf(r.input("parameters.encrypted"))) ? List.of()
                    : List.of("EBS StorageClass whose volumes are not encrypted");
        };
    }

    /** Block device mappings whose EBS volume is not {@code encrypted} ("true" or true). */
    private static List<String> unencryptedVolumes(Object mappings) {
        if (!(mappings instanceof List<?> devices) || devices.isEmpty()) {
            return List.of("no block device mapping, so the root volume is not encrypted");
        }
        return devices.stream().filter(d -> !(((Map<?, ?>) d).get("ebs") instanceof Map<?, ?> e)
                || !"true".equals(String.valueOf(e.get("encrypted")))).map(d -> "unencrypted EBS volume").toList();
    }

    // ---- pinning ------------------------------------------------------------------------------------------------

    private static List<String> unpinned(PlannedResource r, Plan plan) {
        var violations = new ArrayList<String>();
        if (r.type().equals(RELEASE)) {
            String version = r.string("version");
            if (version == null || !PINNED_CHART_VERSION.matcher(version).matches()) {
                violations.add("chart version '" + version + "' is not an exact version");
            }
            imagesIn(r.input("values"), "values", violations);
        }
        containers(r).stream().map(c -> String.valueOf(c.get("image"))).filter(image -> !isPinned(image))
                .forEach(image -> violations.add("container image '" + image + "' is not pinned to a tag or digest"));
        return violations;
    }

    static boolean isPinned(String image) {
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        return image.contains("@sha256:") || colon > slash && !image.substring(colon + 1).equals("latest")
                && !image.substring(colon + 1).isEmpty();
    }

    private static void imagesIn(Object values, String path, List<String> violations) {
        if (values instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if ("tag".equals(k) && path.endsWith("image") && ("latest".equals(v) || "".equals(v))) {
                    violations.add(path + ".tag is '" + v + "'");
                }
                imagesIn(v, path + "." + k, violations);
            });
        } else if (values instanceof List<?> list) {
            list.forEach(v -> imagesIn(v, path, violations));
        }
    }

    /** The pod template's containers (and init containers) of a workload object, or of a bare Pod. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> containers(PlannedResource r) {
        var all = new ArrayList<Map<String, Object>>();
        if (podSpec(r) instanceof Map<?, ?> spec) {
            for (String field : List.of("containers", "initContainers")) {
                if (spec.get(field) instanceof List<?> list) {
                    list.forEach(c -> all.add((Map<String, Object>) c));
                }
            }
        }
        return all;
    }

    static Object podSpec(PlannedResource r) {
        return switch (r.type().substring(r.type().lastIndexOf(':') + 1)) {
            case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job" -> r.input("spec.template.spec");
            case "CronJob" -> r.input("spec.jobTemplate.spec.template.spec");
            case "Pod" -> r.input("spec");
            default -> null;
        };
    }

    // ---- pods ---------------------------------------------------------------------------------------------------

    private static List<String> notHardened(PlannedResource r) {
        var violations = new ArrayList<String>();
        if (!(podSpec(r) instanceof Map<?, ?> spec)) {
            return violations;
        }
        Object podNonRoot = spec.get("securityContext") instanceof Map<?, ?> psc ? psc.get("runAsNonRoot") : null;
        for (var c : containers(r)) {
            String where = "container " + c.get("name");
            // Kubernetes takes the container's setting over the pod's where both are given.
            Object containerNonRoot = c.get("securityContext") instanceof Map<?, ?> csc ? csc.get("runAsNonRoot") : null;
            if (!Boolean.TRUE.equals(containerNonRoot != null ? containerNonRoot : podNonRoot)) {
                violations.add(where + ": may run as root (runAsNonRoot not true)");
            }
            if (!(c.get("resources") instanceof Map<?, ?> res) || res.get("requests") == null || res.get("limits") == null) {
                violations.add(where + ": without resource requests and limits");
            }
            boolean isInit = spec.get("initContainers") instanceof List<?> inits && inits.contains(c);
            if (!isInit && (c.get("readinessProbe") == null || c.get("livenessProbe") == null)) {
                violations.add(where + ": without readiness and liveness probes");
            }
        }
        return violations;
    }

    // ---- production network and state ------------------------------------------------------------------------------

    /** EKS opens a public endpoint without publicAccessCidrs to 0.0.0.0/0, and endpointPublicAccess defaults to true. */
    private static List<String> publicEndpoint(PlannedResource cluster) {
        var violations = new ArrayList<String>();
        if (!Boolean.TRUE.equals(cluster.input("vpcConfig.endpointPrivateAccess"))) {
            violations.add("no private API endpoint");
        }
        if (!Boolean.FALSE.equals(cluster.input("vpcConfig.endpointPublicAccess"))) {
            var cidrs = asList(cluster.input("vpcConfig.publicAccessCidrs"));
            if (cidrs.isEmpty()) {
                violations.add("public API endpoint without publicAccessCidrs, so open to 0.0.0.0/0");
            } else if (cidrs.stream().anyMatch(c -> WORLD.matcher(c).matches())
                    || Ipv4Cidr.coveredAddresses(cidrs) > StackRules.MAX_PUBLIC_ENDPOINT_ADDRESSES) {
                violations.add("public API endpoint open to " + cidrs + " (" + Ipv4Cidr.coveredAddresses(cidrs)
                        + " addresses together, more than a /8's worth)");
            }
        }
        return violations;
    }

    /** At least three AZs, and one NAT gateway in each, so that losing an AZ does not cut the others off. */
    private static List<String> azsAndNats(Plan plan) {
        var violations = new ArrayList<String>();
        Object azs = plan.outputs().get("availabilityZones");
        int count = azs instanceof List<?> list ? list.size() : 0;
        if (count < 3) {
            violations.add("the stack spans " + count + " AZ(s) (output availabilityZones: " + azs + "), fewer than 3");
        }
        var nats = plan.ofType("aws:ec2/natGateway:NatGateway");
        long subnets = nats.stream().map(n -> n.string("subnetId")).distinct().count();
        if (nats.size() != count || subnets != count) {
            violations.add(nats.size() + " NAT gateway(s) in " + subnets + " distinct subnet(s) for " + count + " AZs");
        }
        return violations;
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

    private static List<String> controllerRedundancy(PlannedResource release) {
        var known = CONTROLLER_CHARTS.get(chartOf(release));
        if (known == null) {
            return SINGLETON_CHARTS.contains(chartOf(release)) ? List.of() : List.of("chart " + chartOf(release)
                    + " has no known replica and budget values; add it to Guardrails.CONTROLLER_CHARTS");
        }
        var violations = new ArrayList<String>();
        Object replicas = release.input(known.replicasPath());
        if (!(replicas instanceof Number n) || n.longValue() < 2) {
            violations.add(known.replicasPath() + " is " + replicas + ", fewer than 2");
        }
        Object budget = release.input(known.budgetPath());
        if (budget == null || Boolean.FALSE.equals(budget)) {
            violations.add("no PodDisruptionBudget (" + known.budgetPath() + ")");
        }
        return violations;
    }

    private static List<String> workloadRedundancy(PlannedResource deployment, Plan plan) {
        var violations = new ArrayList<String>();
        String name = deployment.string("metadata.name");
        String namespace = deployment.string("metadata.namespace");
        Object replicas = deployment.input("spec.replicas");
        Object hpaMin = plan.ofType("kubernetes:autoscaling/v2:HorizontalPodAutoscaler").stream()
                .filter(h -> name.equals(h.string("spec.scaleTargetRef.name"))
                        && "Deployment".equals(h.string("spec.scaleTargetRef.kind"))
                        && Objects.equals(namespace, h.string("metadata.namespace")))
                .map(h -> h.input("spec.minReplicas")).findFirst().orElse(null);
        long least = Math.max(replicas instanceof Number r ? r.longValue() : 0, hpaMin instanceof Number m ? m.longValue() : 0);
        if (least < 2) {
            violations.add("runs " + least + " replica(s) at the least");
        }
        var podLabels = deployment.input("spec.template.metadata.labels") instanceof Map<?, ?> l ? l : Map.of();
        if (plan.ofType("kubernetes:policy/v1:PodDisruptionBudget").stream().noneMatch(pdb ->
                Objects.equals(namespace, pdb.string("metadata.namespace"))
                        && pdb.input("spec.selector.matchLabels") instanceof Map<?, ?> selector
                        && !selector.isEmpty() && podLabels.entrySet().containsAll(selector.entrySet()))) {
            violations.add("no PodDisruptionBudget selects its pods");
        }
        return violations;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        var all = new java.util.LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }

}
