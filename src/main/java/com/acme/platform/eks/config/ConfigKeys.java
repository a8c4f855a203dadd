package com.acme.platform.eks.config;

import com.acme.platform.eks.config.ConfigKey.Rule;
import com.acme.platform.eks.config.ConfigKey.Scope;
import com.acme.platform.eks.config.ConfigKey.Type;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.acme.platform.eks.config.ConfigKey.Rule.between;
import static com.acme.platform.eks.config.ConfigKey.Rule.eachItem;
import static com.acme.platform.eks.config.ConfigKey.Rule.in;
import static com.acme.platform.eks.config.ConfigKey.Rule.matches;
import static com.acme.platform.eks.config.ConfigKey.Rule.oneOf;
import static com.acme.platform.eks.config.ConfigKey.Rule.subset;
import static com.acme.platform.eks.config.ConfigKey.Rule.when;

/** Every key the program reads, declared once (see {@link ConfigKey}). */
public final class ConfigKeys {
    private ConfigKeys() { }

    private static final String REQUIRED = "(required)";

    /** botocore 1.44.8 data/endpoints.json, partitions aws, aws-cn, aws-us-gov. */
    public static final Map<String, List<String>> REGIONS_BY_PARTITION = Map.of(
            "aws", List.of("af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2",
                    "ap-northeast-3", "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3",
                    "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ca-central-1",
                    "ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2",
                    "eu-west-1", "eu-west-2", "eu-west-3", "il-central-1", "me-central-1", "me-south-1",
                    "mx-central-1", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2"),
            "aws-cn", List.of("cn-north-1", "cn-northwest-1"),
            "aws-us-gov", List.of("us-gov-east-1", "us-gov-west-1"));
    /** EKS standard support (2026-11) and what Karpenter 1.14 supports: 1.33 to 1.36. */
    public static final List<String> KUBERNETES_VERSIONS = List.of("1.33", "1.34", "1.35", "1.36");
    /** The values CloudWatch Logs accepts for retentionInDays. */
    public static final Set<Integer> LOG_RETENTION_DAYS = Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400,
            545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);
    public static final List<String> LOG_TYPES = List.of("api", "audit", "authenticator", "controllerManager",
            "scheduler");
    public static final List<String> REQUIRED_LOG_TYPES = List.of("api", "audit", "authenticator");
    /** The managed add-ons the cluster installs (see EksCluster for their order). */
    public static final List<String> ADDONS = List.of("vpc-cni", "kube-proxy", "eks-pod-identity-agent", "coredns",
            "aws-ebs-csi-driver", "amazon-cloudwatch-observability");
    /** EKS service quota "Nodes per managed node group". */
    public static final int MAX_NODES_PER_NODE_GROUP = 450;
    /** AWS allows 50 tags per resource; the program's own (project, stack, managed-by) take three. */
    public static final int MAX_TAGS = 50 - 3;

    static final String ROLE_ARN = "arn:(aws|aws-cn|aws-us-gov):iam::\\d{12}:role/[\\w+=,.@/-]{1,512}";
    static final String DNS_LABEL = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";
    static final String HOST_NAME = "(?=.{1,253}$)(" + DNS_LABEL + "\\.)+[a-z]([-a-z0-9]{0,61}[a-z0-9])?";
    private static final String DURATION = "([0-9]+(s|m|h))+";
    private static final String NOT_A_DURATION = "must be a duration in whole hours, minutes and seconds (30s, 5m,"
            + " 720h, 1h30m) or Never";

    private static Rule duration(boolean never, boolean positive, String what) {
        return when(v -> never && v.equals("Never") || ((String) v).matches(DURATION)
                && Formats.durationSeconds((String) v) <= Formats.MAX_GO_DURATION_SECONDS
                && (!positive || Formats.durationSeconds((String) v) > 0), what);
    }

    private static final Rule DNS_NAME = when(v -> isDnsName((String) v), "is not a valid DNS name: at least two"
            + " dot-separated labels of 1-63 lower-case letters, digits or '-' (not starting or ending with '-'), at"
            + " most 253 characters in all");

    static boolean isDnsName(String name) {
        return name.length() <= 253 && name.matches("(" + DNS_LABEL + "\\.)+" + DNS_LABEL);
    }

    private static ConfigKey key(Scope scope, String name, Type type, Object defaultValue, String defaultText,
                                 Rule rule, String description) {
        return new ConfigKey(name, type, defaultValue, defaultText, scope, rule, description);
    }

    private static ConfigKey platform(String name, Type type, Object defaultValue, Rule rule, String description) {
        return key(Scope.PLATFORM, name, type, defaultValue, null, rule, description);
    }

    private static ConfigKey optional(String name, Type type, String defaultText, Rule rule, String description) {
        return key(Scope.PLATFORM, name, type, null, defaultText, rule, description);
    }

    public static final ConfigKey REGION = key(Scope.ALL, "aws:region", Type.STRING, null, REQUIRED,
            when(v -> REGIONS_BY_PARTITION.values().stream().anyMatch(r -> r.contains(v)), "is not an AWS region of"
                    + " the aws, aws-cn or aws-us-gov partition, such as eu-west-1"), "region of every resource");
    public static final ConfigKey ENVIRONMENT = key(Scope.ALL, "environment", Type.STRING, null, REQUIRED,
            oneOf(List.of("production", "development")), "the stack's tier: a production stack must keep every"
                    + " production promise (docs/configuration.md, Production promises), bootstrap stacks included");
    public static final ConfigKey TAGS = key(Scope.ALL, "tags", Type.MAP, null, "{}", Formats.TAGS,
            "extra tags on every taggable AWS resource (besides project, stack, managed-by), at most " + MAX_TAGS);
    public static final ConfigKey PROTECT = key(Scope.ALL, "protect", Type.BOOLEAN, false, null, Rule.NONE,
            "Pulumi `protect` on the VPC, cluster, KMS keys, hosted zones, deploy roles and the stack's resource group"
                    + " (which a destroy meets first, so a protected stack's destroy deletes nothing)");

    public static final ConfigKey VPC_CIDR = platform("vpcCidr", Type.STRING, "10.0.0.0/16", Ipv4Cidr.VPC_RULE,
            "VPC CIDR, /16 to /24");
    public static final ConfigKey AZ_COUNT = platform("azCount", Type.INTEGER, 2,
            between(2, 6, " (EKS needs subnets in at least two AZs)"), "AZs, 2 to 6");
    public static final ConfigKey AVAILABILITY_ZONES = optional("availabilityZones", Type.LIST,
            "first `azCount` available", Rule.NONE, "pin AZ names (exactly `azCount`, in the region)");
    public static final ConfigKey PRIVATE_SUBNET_PREFIX = platform("privateSubnetPrefixLength", Type.INTEGER, 19,
            Rule.NONE, "prefix of each private subnet (nodes, pods); longer than the VPC's, at most 28");
    public static final ConfigKey PUBLIC_SUBNET_PREFIX = platform("publicSubnetPrefixLength", Type.INTEGER, 24,
            Rule.NONE, "prefix of each public subnet (load balancers, NAT); longer than the VPC's, at most 28");
    public static final ConfigKey PUBLIC_SUBNET_BLOCK = platform("publicSubnetBlock", Type.INTEGER, 2,
            between(0, 255, " (a block index in the VPC)"), "index of the private-sized block of the VPC that holds"
                    + " the public subnets; subnets never move when AZs are added ([docs/day-2.md](docs/day-2.md))");
    public static final ConfigKey NAT_GATEWAYS = platform("natGateways", Type.STRING, "single",
            oneOf(List.of("single", "perAz")), "`single`: one NAT gateway for the VPC; `perAz`: one per AZ");
    public static final ConfigKey FLOW_LOGS = platform("flowLogs", Type.BOOLEAN, false, Rule.NONE,
            "VPC flow logs (all traffic) to CloudWatch Logs");
    public static final ConfigKey FLOW_LOG_RETENTION_DAYS = platform("flowLogRetentionDays", Type.INTEGER, 30,
            in(LOG_RETENTION_DAYS, "is not a CloudWatch Logs retention"), "retention of the flow logs, days");

    public static final ConfigKey CLUSTER_NAME = optional("clusterName", Type.STRING, "`<project>-<stack>`",
            matches("[0-9A-Za-z][A-Za-z0-9_-]{0,99}", "is not a valid EKS cluster name: 1-100 letters, digits, '-'"
                    + " or '_', starting with a letter or digit").and(when(v -> ((String) v).length() <= 80
                    || ((String) v).length() > 100, "is longer than 80 characters, the longest SQS queue name"
                    + " (Karpenter's interruption queue is named after the cluster)")),
            "EKS cluster name, at most 80 characters (the interruption queue is named after it)");
    public static final ConfigKey KUBERNETES_VERSION = platform("kubernetesVersion", Type.STRING, "1.36",
            (v, problem) -> {
                if (!KUBERNETES_VERSIONS.contains(v)) {
                    String text = (String) v;
                    problem.accept(v, text.matches("1\\.([0-9]|[12][0-9]|3[0-2])") ? "is older than 1.33, the oldest"
                            + " version in EKS standard support" : text.matches("1\\.(3[7-9]|[4-9][0-9])")
                            ? "is newer than 1.36, the newest version Karpenter 1.14 supports"
                            : "must be one of " + KUBERNETES_VERSIONS + " (the minor versions EKS and Karpenter 1.14"
                            + " support)");
                }
            }, "Kubernetes minor version, one of " + KUBERNETES_VERSIONS);
    public static final ConfigKey ENDPOINT_PUBLIC_ACCESS = platform("endpointPublicAccess", Type.BOOLEAN, false,
            Rule.NONE, "public API endpoint (the private one is always on)");
    public static final ConfigKey PUBLIC_ACCESS_CIDRS = optional("publicAccessCidrs", Type.LIST, "anywhere",
            eachItem(Ipv4Cidr.RULE), "CIDRs allowed to the public endpoint; only with `endpointPublicAccess`; unset"
                    + " means anywhere (a production stack must list CIDRs that leave most of the internet out)");
    public static final ConfigKey CLUSTER_ADMIN_ROLE_ARNS = optional("clusterAdminRoleArns", Type.LIST, REQUIRED,
            eachItem(matches(ROLE_ARN, "is not an IAM role ARN (arn:<aws|aws-cn|aws-us-gov>:iam::<12-digit"
                    + " account>:role/<name>)")), "IAM roles with cluster-scoped `AmazonEKSClusterAdminPolicy`"
                    + " access entries; include the role that runs `pulumi up`");
    public static final ConfigKey CLUSTER_VIEWER_ROLE_ARNS = platform("clusterViewerRoleArns", Type.LIST, List.of(),
            CLUSTER_ADMIN_ROLE_ARNS.rule(), "IAM roles with access entries of cluster-scoped `AmazonEKSViewPolicy`"
                    + " (read all objects but Secrets; no writes) and `AmazonEKSAdminViewPolicy` scoped to `kube-system`"
                    + " (the Helm releases' Secrets); not also an admin");
    public static final ConfigKey CLUSTER_API_ACCESS_SECURITY_GROUP_IDS = platform("clusterApiAccessSecurityGroupIds",
            Type.LIST, List.of(), eachItem(matches("sg-[0-9a-f]{8}([0-9a-f]{9})?", "is not a security group id such as"
                    + " sg-0123456789abcdef0")), "security groups admitted to the API endpoint on 443 by an ingress rule"
                    + " on the cluster security group (output `clusterSecurityGroupId`): the prod runner's inside the"
                    + " VPC ([docs/delivery.md](docs/delivery.md#the-prod-runner))");
    public static final ConfigKey CLUSTER_API_ACCESS_CIDRS = platform("clusterApiAccessCidrs", Type.LIST, List.of(),
            eachItem(Ipv4Cidr.RULE.and(when(v -> !((String) v).endsWith("/0"), "admits the whole internet; list the"
                    + " runners' CIDRs only"))), "IPv4 CIDRs admitted the same way (e.g. a peered network's runners)");
    public static final ConfigKey CLUSTER_LOG_TYPES = platform("clusterLogTypes", Type.LIST, REQUIRED_LOG_TYPES,
            eachItem(when(LOG_TYPES::contains, "is not a control-plane log type; allowed: " + LOG_TYPES))
                    .and(when(v -> ((List<?>) v).containsAll(REQUIRED_LOG_TYPES), "must include "
                            + REQUIRED_LOG_TYPES)), "control-plane logs; api, audit and authenticator cannot be"
                    + " dropped");
    public static final ConfigKey CLUSTER_LOG_RETENTION_DAYS = platform("clusterLogRetentionDays", Type.INTEGER, 30,
            FLOW_LOG_RETENTION_DAYS.rule(), "retention of `/aws/eks/<cluster>/cluster`, days");
    public static final ConfigKey CLUSTER_SUPPORT_TYPE = platform("clusterSupportType", Type.STRING, "STANDARD",
            oneOf(List.of("STANDARD", "EXTENDED")), "`STANDARD` (EKS upgrades the control plane when standard"
                    + " support ends) or `EXTENDED` (paid)");
    public static final ConfigKey CLUSTER_ZONAL_SHIFT = platform("clusterZonalShift", Type.BOOLEAN, false, Rule.NONE,
            "ARC zonal shift: traffic can be moved away from an impaired AZ; Karpenter follows it"
                    + " (`settings.enableZonalShift`)");
    public static final ConfigKey ADDON_VERSIONS = optional("addonVersions", Type.MAP, "EKS default per version",
            (value, problem) -> ((Map<?, ?>) value).forEach((addon, version) -> {
                if (!ADDONS.contains(addon)) {
                    problem.accept(addon, "is not a managed add-on of this platform; allowed: " + ADDONS);
                }
                if (!String.valueOf(version).matches("v\\d+\\.\\d+\\.\\d+-eksbuild\\.\\d+")) {
                    problem.accept(addon + "=" + version, "is not an EKS add-on version such as v1.19.5-eksbuild.1");
                }
            }), "pin managed add-on versions, e.g. `{coredns: v1.12.1-eksbuild.2}`; unpinned ones take EKS's"
                    + " default on every run (pin in prod)");
    public static final ConfigKey SYSTEM_NODE_INSTANCE_TYPES = platform("systemNodeInstanceTypes", Type.LIST,
            List.of("m7i.large"), eachItem(matches("[a-z][a-z0-9-]*\\.[a-z0-9]+", "is not an EC2 instance type"
                    + " such as m7i.large")), "system node group instance types, all x86_64 or all Graviton");
    public static final ConfigKey SYSTEM_NODE_CAPACITY_TYPE = platform("systemNodeCapacityType", Type.STRING,
            "ON_DEMAND", oneOf(List.of("ON_DEMAND", "SPOT")), "`ON_DEMAND` or `SPOT`");
    private static final Rule NODE_COUNT = between(1, MAX_NODES_PER_NODE_GROUP, " (at least 1: the controllers run"
            + " there; at most EKS's " + MAX_NODES_PER_NODE_GROUP + " nodes per managed node group)");
    public static final ConfigKey SYSTEM_NODE_MIN_SIZE = platform("systemNodeMinSize", Type.INTEGER, 1, NODE_COUNT,
            "system node group minimum");
    public static final ConfigKey SYSTEM_NODE_DESIRED_SIZE = platform("systemNodeDesiredSize", Type.INTEGER, 2,
            NODE_COUNT, "desired size, between min and max");
    public static final ConfigKey SYSTEM_NODE_MAX_SIZE = platform("systemNodeMaxSize", Type.INTEGER, 3, NODE_COUNT,
            "maximum size, at most " + MAX_NODES_PER_NODE_GROUP);
    public static final ConfigKey SYSTEM_NODE_DISK_SIZE = platform("systemNodeDiskSizeGib", Type.INTEGER, 50,
            between(20, 16384, " GiB"), "encrypted gp3 root volume, GiB");

    public static final ConfigKey KARPENTER_REPLICAS = platform("karpenterReplicas", Type.INTEGER, 2,
            between(1, 3, " (one leader, the others stand by)"), "controller replicas, 1 to 3");
    public static final ConfigKey KARPENTER_AMI_ALIAS = platform("karpenterAmiAlias", Type.STRING, "al2023@v20260714",
            when(v -> !((String) v).endsWith("@latest"), "must pin an AMI release: with @latest every new AMI AWS"
                    + " publishes drifts and replaces all Karpenter nodes").and(when(v -> ((String) v).endsWith(
                    "@latest") || ((String) v).matches("al2023@v20[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])"),
                    "must be al2023@v<YYYYMMDD>, an EKS AMI release")), "`al2023@v<YYYYMMDD>`; `@latest` is"
                    + " rejected");
    public static final ConfigKey KARPENTER_CAPACITY_TYPES = platform("karpenterCapacityTypes", Type.LIST,
            List.of("on-demand"), subset(List.of("spot", "on-demand"), Map.of("reserved", "is not supported: the"
                    + " EC2NodeClass has no capacityReservationSelectorTerms, so Karpenter finds no reservation and a"
                    + " pool limited to reserved capacity launches nothing")), "non-empty subset of spot, on-demand");
    public static final ConfigKey KARPENTER_INSTANCE_CATEGORIES = platform("karpenterInstanceCategories", Type.LIST,
            List.of("c", "m", "r"), when(v -> !((List<?>) v).isEmpty(), "must list at least one instance category"
                    + " such as c, m or r").and(eachItem(matches("[a-z]{1,4}", "is not an EC2 instance category (the"
                    + " letters before the generation: c, m, r, t, inf, ...)"))), "`karpenter.k8s.aws/instance-category`");
    public static final ConfigKey KARPENTER_INSTANCE_GENERATION_GT = platform("karpenterInstanceGenerationGreaterThan",
            Type.INTEGER, 5, when(v -> ((Integer) v) >= 0, "must be 0 or more"),
            "`karpenter.k8s.aws/instance-generation Gt`");
    public static final ConfigKey KARPENTER_ARCHITECTURES = platform("karpenterArchitectures", Type.LIST,
            List.of("amd64"), subset(List.of("amd64", "arm64"), Map.of()), "amd64 and/or arm64");
    public static final ConfigKey KARPENTER_CPU_LIMIT = platform("karpenterCpuLimit", Type.INTEGER, 100,
            when(v -> ((Integer) v) > 0, "must be a positive number of vCPUs"), "NodePool `limits.cpu`, positive");
    public static final ConfigKey KARPENTER_CONSOLIDATE_AFTER = platform("karpenterConsolidateAfter", Type.STRING,
            "1m", duration(true, false, NOT_A_DURATION), "Go duration (s/m/h) or `Never`");
    public static final ConfigKey KARPENTER_EXPIRE_AFTER = platform("karpenterExpireAfter", Type.STRING, "720h",
            duration(true, true, NOT_A_DURATION + "; 0s would expire every node at once"),
            "Go duration (s/m/h) above 0, or `Never`");
    public static final ConfigKey KARPENTER_TERMINATION_GRACE_PERIOD = optional("karpenterTerminationGracePeriod",
            Type.STRING, "unbounded", duration(false, false, "must be a duration in whole hours, minutes and seconds"
                    + " such as 48h or 1h30m (Never is not allowed: leave it unset)"), "longest a node drains before"
                    + " its remaining pods are deleted");
    public static final ConfigKey KARPENTER_DISRUPTION_BUDGET_NODES = optional("karpenterDisruptionBudgetNodes",
            Type.STRING, "(Karpenter's 10%)", matches("(100|[0-9]{1,2})%|[0-9]{1,6}", "must be a percentage (0% to"
                    + " 100%) or a node count such as 10% or 2"), "always-active budget: percentage or count");
    public static final ConfigKey KARPENTER_DISRUPTION_FREEZE_SCHEDULE = optional(
            "karpenterDisruptionFreezeSchedule", Type.STRING, "unset", Formats.CRON,
            "cron (UTC) of a `nodes: \"0\"` budget; needs the duration");
    public static final ConfigKey KARPENTER_DISRUPTION_FREEZE_DURATION = optional(
            "karpenterDisruptionFreezeDuration", Type.STRING, "unset", matches("(([0-9]{1,6}(h|m))|([0-9]{1,6}h"
                    + "[0-9]{1,6}m))(0s)?", "must be hours and/or minutes such as 8h, 90m or 1h30m"),
            "length of each freeze (hours/minutes)");
    public static final ConfigKey KARPENTER_NODE_VOLUME_SIZE = platform("karpenterNodeVolumeSizeGib", Type.INTEGER,
            50, SYSTEM_NODE_DISK_SIZE.rule(), "encrypted gp3 root volume of Karpenter's nodes, GiB");
    public static final ConfigKey KARPENTER_SPOT_SERVICE_LINKED_ROLE = platform("karpenterSpotServiceLinkedRole",
            Type.STRING, "create", when(v -> v.equals("create") || v.equals("external") || ((String) v).matches(
                    "arn:aws[a-z-]*:iam::\\d{12}:role/aws-service-role/spot\\.amazonaws\\.com/AWSServiceRoleForEC2Spot"),
                    "must be create, external, or the ARN of the account's existing role to adopt,"
                    + " arn:aws:iam::<account>:role/aws-service-role/spot.amazonaws.com/AWSServiceRoleForEC2Spot"),
            "with `spot` in `karpenterCapacityTypes`: `create` (the stack creates the account's EC2 Spot service-linked"
                    + " role, kept on destroy), the ARN of an existing `AWSServiceRoleForEC2Spot` to adopt (the `import`"
                    + " resource option), or `external` (not managed here)");

    public static final ConfigKey INGRESS_ENABLED = platform("ingressEnabled", Type.BOOLEAN, false, Rule.NONE,
            "create the zones, the certificate, the AWS Load Balancer Controller and external-dns");
    public static final ConfigKey DOMAIN = key(Scope.ALL, "domain", Type.STRING, null,
            "(required when `ingressEnabled`)", DNS_NAME, "public DNS domain; in a bootstrap stack the public hosted"
                    + " zone it builds (outputs `publicZoneId`, `publicZoneNameServers`), which the platform stack names"
                    + " in `publicZoneId`");
    public static final ConfigKey PUBLIC_ZONE_ID = optional("publicZoneId", Type.STRING, "none: a zone is created",
            matches("Z[0-9A-Z]{1,31}", "is not a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ (Z and"
                    + " upper-case letters or digits, no /hostedzone/ prefix)"), "existing public hosted zone to use");
    public static final ConfigKey PRIVATE_ZONE_NAME = optional("privateZoneName", Type.STRING, "`internal.<domain>`",
            DNS_NAME, "private hosted zone for internal names, attached to the VPC");
    public static final ConfigKey CERTIFICATE_NAMES = optional("certificateNames", Type.LIST, "[`<domain>`]",
            eachItem(when(v -> isDnsName(((String) v).replaceFirst("^\\*\\.", "")), "is not a valid DNS name"
                    + " (optionally starting with *.)")).and(when(v -> Set.copyOf((List<?>) v).size()
                    == ((List<?>) v).size(), "lists a name twice")), "public host names on the ACM certificate (the"
                    + " domain or under it)");
    public static final ConfigKey WILDCARD_CERTIFICATE = platform("wildcardCertificate", Type.BOOLEAN, false,
            Rule.NONE, "also put `*.<domain>` on the certificate");
    public static final ConfigKey EXTERNAL_DNS_POLICY = platform("externalDnsPolicy", Type.STRING, "upsert-only",
            oneOf(List.of("sync", "upsert-only")), "`sync` lets external-dns delete records it owns; `upsert-only`"
                    + " never deletes");
    public static final ConfigKey LOAD_BALANCER_CONTROLLER_REPLICAS = platform("loadBalancerControllerReplicas",
            Type.INTEGER, 2, between(1, 5, " (the controller elects one leader; more replicas only add standby)"),
            "AWS Load Balancer Controller replicas, 1 to 5");

    private static final Rule LABEL = matches(DNS_LABEL, "must be a DNS label: lower-case letters, digits and '-',"
            + " at most 63");
    public static final ConfigKey APP_NAME = platform("appName", Type.STRING, "backend", LABEL,
            "object names and `app.kubernetes.io/name`");
    public static final ConfigKey APP_NAMESPACE = platform("appNamespace", Type.STRING, "backend",
            LABEL.and(when(v -> !((String) v).startsWith("kube-") && !v.equals("default"), "is a system namespace;"
                    + " the app gets its own")), "the app's namespace; not `default` or `kube-*`");
    public static final ConfigKey APP_IMAGE_REPOSITORY = optional("appImageRepository", Type.STRING, REQUIRED,
            matches("([a-zA-Z0-9.-]+(:\\d+)?/)?[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*", "is not an"
                    + " image repository (registry/path, lower case, without :tag or @digest)"),
            "image repository without tag or digest");
    public static final ConfigKey APP_IMAGE_TAG = optional("appImageTag", Type.STRING, "—",
            when(v -> !((String) v).equalsIgnoreCase("latest"), "is not a version: 'latest' changes under the same"
                    + " name; pin a version tag and appImageDigest").and(when(v -> ((String) v).equalsIgnoreCase(
                    "latest") || ((String) v).matches("\\w[\\w.-]{0,127}"), "is not an image tag (letters, digits,"
                    + " '_', '.', '-', at most 128)")), "version tag; `latest` is rejected");
    public static final ConfigKey APP_IMAGE_DIGEST = optional("appImageDigest", Type.STRING, "—",
            matches("sha256:[a-f0-9]{64}", "is not an image digest sha256:<64 lower-case hex>"),
            "`sha256:<64 hex>`; pins the exact image (required in production)");
    public static final ConfigKey APP_CONTAINER_PORT = platform("appContainerPort", Type.INTEGER, 8080,
            between(1024, 65535, ": a non-root container cannot bind privileged ports"), "HTTP and health port");
    public static final ConfigKey APP_CPU_REQUEST = platform("appCpuRequest", Type.STRING, "250m", Formats.CPU,
            "CPU request (`250m`, `0.5`, `2`)");
    public static final ConfigKey APP_CPU_LIMIT = platform("appCpuLimit", Type.STRING, "1", Formats.CPU,
            "CPU limit, at least the request");
    public static final ConfigKey APP_MEMORY_REQUEST = platform("appMemoryRequest", Type.STRING, "256Mi",
            Formats.MEMORY, "memory request (`Ki Mi Gi Ti k M G T`; `m` = millibytes is rejected)");
    public static final ConfigKey APP_MEMORY_LIMIT = platform("appMemoryLimit", Type.STRING, "256Mi",
            Formats.MEMORY, "memory limit, at least the request");
    private static final Rule ENV_NAMES = (value, problem) -> ((Map<?, ?>) value).keySet().stream()
            .filter(name -> !String.valueOf(name).matches("[A-Za-z_][A-Za-z0-9_]*"))
            .forEach(name -> problem.accept(name, "is not an environment variable name ([A-Za-z_][A-Za-z0-9_]*)"));
    public static final ConfigKey APP_ENV = optional("appEnv", Type.MAP, "—", ENV_NAMES, "plain env vars `NAME: value`");
    public static final ConfigKey APP_SECRET_ENV = optional("appSecretEnv", Type.SECRET_MAP, "—", ENV_NAMES,
            "secret env vars, each set with `pulumi config set --secret --path 'appSecretEnv.NAME' value`");
    private static final Rule HTTP_PATH = matches("/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*", "is not an absolute HTTP path"
            + " such as /healthz");
    public static final ConfigKey APP_READINESS_PATH = platform("appReadinessPath", Type.STRING, "/readyz", HTTP_PATH,
            "readiness probe path, also the ALB health check");
    public static final ConfigKey APP_LIVENESS_PATH = platform("appLivenessPath", Type.STRING, "/healthz", HTTP_PATH,
            "liveness probe path");
    public static final ConfigKey APP_STARTUP_PATH = platform("appStartupPath", Type.STRING, "/healthz", HTTP_PATH,
            "startup probe path");
    public static final ConfigKey APP_HOST_NAME = optional("appHostName", Type.STRING, REQUIRED,
            matches(HOST_NAME, "is not a lower-case DNS host name such as api.example.com"), "host of the Ingress"
                    + " rule (external-dns publishes it)");
    public static final ConfigKey APP_EXPOSURE = platform("appExposure", Type.STRING, "internal",
            oneOf(List.of("public", "internal")), "`public` (internet-facing ALB) or `internal` (internal ALB)");
    public static final ConfigKey APP_MIN_REPLICAS = platform("appMinReplicas", Type.INTEGER, 2,
            when(v -> ((Integer) v) >= 2, "must be at least 2: with one replica every node drain or rollout is an"
                    + " outage, and the PodDisruptionBudget would block drains"), "HPA minimum, at least 2");
    public static final ConfigKey APP_MAX_REPLICAS = platform("appMaxReplicas", Type.INTEGER, 4, Rule.NONE,
            "HPA maximum, at least the minimum");
    public static final ConfigKey APP_TARGET_CPU = platform("appTargetCpuUtilization", Type.INTEGER, 70,
            between(1, 100, " (a percentage of the request)"), "HPA CPU target, % of request");
    public static final ConfigKey APP_TARGET_MEMORY = platform("appTargetMemoryUtilization", Type.INTEGER, 80,
            between(0, 100, " (a percentage of the request; 0 scales on CPU only)"), "HPA memory target, % of"
                    + " request; `0` = CPU only");
    public static final ConfigKey APP_SCALE_DOWN_STABILIZATION = platform("appScaleDownStabilizationSeconds",
            Type.INTEGER, 300, between(0, 3600, " seconds (the Kubernetes maximum)"),
            "HPA `behavior.scaleDown.stabilizationWindowSeconds`");
    public static final ConfigKey APP_MAX_UNAVAILABLE = platform("appMaxUnavailable", Type.INTEGER, 0,
            when(v -> ((Integer) v) >= 0, "must be 0 or more"), "rolling update `maxUnavailable` (0 … min−1)");
    public static final ConfigKey APP_RUN_AS_USER = platform("appRunAsUser", Type.INTEGER, 65532,
            when(v -> ((Integer) v) >= 1, "must be a non-root id (1 or more)"), "numeric uid of the pods");
    public static final ConfigKey APP_RUN_AS_GROUP = platform("appRunAsGroup", Type.INTEGER, 65532,
            APP_RUN_AS_USER.rule(), "numeric gid (and fsGroup) of the pods");
    public static final ConfigKey APP_DELIVERED_BY = platform("appDeliveredBy", Type.STRING, "pulumi",
            oneOf(List.of("pulumi", "argocd")), "`pulumi` or `argocd`");
    public static final ConfigKey APP_HAND_OVER = platform("appHandOver", Type.BOOLEAN, false, Rule.NONE,
            "`true` for at least one `up` before `appDeliveredBy` switches from `pulumi` to `argocd`: Pulumi then"
                    + " leaves the Deployment, Service and Ingress running when it stops managing them"
                    + " ([docs/workload.md](docs/workload.md))");
    public static final ConfigKey APP_VERSION_PATH = platform("appVersionPath", Type.STRING, "/",
            matches("/[^\\s?#]*", "is not an absolute HTTP path"), "HTTP path whose response reports the running"
                    + " version; `deploy.yml` checks it after every `up` (podinfo reports it at `/`)");
    public static final ConfigKey APP_VERSION_FIELD = platform("appVersionField", Type.STRING, "version",
            matches("[A-Za-z_][A-Za-z0-9_.-]{0,127}", "is not a JSON field name (letters, digits, '_', '.', '-',"
                    + " starting with a letter or '_')"), "top-level JSON field of that response holding the version");
    public static final ConfigKey APP_VERSION_HEADER = optional("appVersionHeader", Type.STRING, "—",
            matches("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}", "is not an HTTP header name (RFC 9110 token)"),
            "response header holding the version instead of a JSON field");
    public static final ConfigKey CONTAINER_INSIGHTS = platform("containerInsights", Type.BOOLEAN, false, Rule.NONE,
            "Container Insights through the EKS add-on `amazon-cloudwatch-observability`, its agent with its own Pod"
                    + " Identity role ([docs/observability.md](docs/observability.md))");
    public static final ConfigKey ALARMS = platform("alarms", Type.BOOLEAN, false, Rule.NONE, "CloudWatch alarms"
            + " (ALB 5xx ratio, app 5xx ratio, unhealthy targets, p99 latency, interruption queue age, failed and"
            + " missing nodes) notifying an SNS topic encrypted with a KMS key of the program");
    public static final ConfigKey ALARM_SUBSCRIPTIONS = platform("alarmSubscriptions", Type.LIST, List.of(),
            eachItem(matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+|https://[^\\s]+", "is neither an email address nor an"
                    + " https:// URL (SNS would deliver plain http unencrypted)")), "email addresses and `https://`"
                    + " endpoints subscribed to the alarm topic (emails must be confirmed by their recipient)");
    public static final ConfigKey ALARM_ALB_5XX_PERCENT = platform("alarmAlb5xxPercent", Type.INTEGER, 5,
            between(1, 100, ""), "ALB-generated 5xx, percent of requests, 1 to 100");
    public static final ConfigKey ALARM_TARGET_5XX_PERCENT = platform("alarmTarget5xxPercent", Type.INTEGER, 5,
            between(1, 100, ""), "the app's 5xx, percent of requests, 1 to 100");
    public static final ConfigKey ALARM_UNHEALTHY_TARGETS = platform("alarmUnhealthyTargets", Type.INTEGER, 1,
            between(1, 1000, ""), "unhealthy targets (`UnHealthyHostCount`) that fire the alarm");
    public static final ConfigKey ALARM_P99_LATENCY_MS = platform("alarmP99LatencyMs", Type.INTEGER, 2000,
            between(1, 60_000, ""), "p99 `TargetResponseTime` in milliseconds above which the alarm fires");
    public static final ConfigKey ALARM_QUEUE_AGE_SECONDS = platform("alarmInterruptionQueueAgeSeconds",
            Type.INTEGER, 300, between(60, 86_400, ""), "age of the oldest message in Karpenter's interruption"
                    + " queue, seconds");
    public static final ConfigKey ALARM_FAILED_NODES = platform("alarmFailedNodes", Type.INTEGER, 1,
            between(1, 1000, ""), "nodes with a failed condition (`cluster_failed_node_count`) that fire the alarm");
    public static final ConfigKey ALARM_EVALUATION_MINUTES = platform("alarmEvaluationMinutes", Type.INTEGER, 5,
            between(1, 60, ""), "one-minute periods a condition must hold before an alarm fires (and clears)");
    public static final ConfigKey PLANNED_REBUILD = platform("plannedRebuild", Type.BOOLEAN, false, Rule.NONE,
            "`true` allows a change of the VPC CIDR, cluster name, domain, private zone or subnet layout of a created"
                    + " stack, which rebuilds it ([docs/day-2.md](docs/day-2.md))");
    public static final ConfigKey METRICS_SERVER_REPLICAS = platform("metricsServerReplicas", Type.INTEGER, 2,
            between(1, 3, ""), "1 to 3; a PDB (maxUnavailable 1) is added when more than 1");
    public static final ConfigKey ARGOCD_ENABLED = platform("argocdEnabled", Type.BOOLEAN, false, Rule.NONE,
            "install Argo CD");
    public static final ConfigKey ARGOCD_HOST_NAME = optional("argocdHostName", Type.STRING, "—",
            matches(HOST_NAME, "is not a lower-case DNS host name"), "UI host in the private zone; required when"
                    + " enabled");
    public static final ConfigKey ARGOCD_REPO_URL = optional("argocdRepoUrl", Type.STRING, "—", Formats.GIT_URL_RULE,
            "app manifests in Git, without credentials (a repository Secret holds them: docs/workload.md);"
                    + " required with `appDeliveredBy: argocd`");
    public static final ConfigKey ARGOCD_PATH = optional("argocdPath", Type.STRING, "—",
            when(v -> !((String) v).isEmpty() && !((String) v).startsWith("/") && !((String) v).contains(".."),
                    "must be a relative directory inside the repository (. for its root)"),
            "directory of the app's manifests in the repository");
    public static final ConfigKey ARGOCD_TARGET_REVISION = platform("argocdTargetRevision", Type.STRING, "main",
            when(v -> !((String) v).isBlank(), "must name a branch, tag or commit"), "branch, tag or commit synced");
    public static final ConfigKey ARGOCD_REPLICAS = platform("argocdReplicas", Type.INTEGER, 1, between(1, 5, ""),
            "Argo CD server and repo-server replicas, 1 to 5");

    public static final ConfigKey DELIVERY_BOOTSTRAP = key(Scope.ALL, "deliveryBootstrap", Type.BOOLEAN, false, null,
            Rule.NONE, "`true` only in the bootstrap stacks: build the GitHub OIDC provider and deploy roles instead"
                    + " of the platform");
    public static final ConfigKey GITHUB_REPOSITORY = key(Scope.BOOTSTRAP, "githubRepository", Type.STRING, null,
            "(required when bootstrapping)", GithubDeliveryConfig.REPOSITORY_RULE, "`owner/repo` whose workflows"
                    + " may assume the roles");
    public static final ConfigKey GITHUB_PRODUCTION_ENVIRONMENT = key(Scope.BOOTSTRAP, "githubProductionEnvironment",
            Type.STRING, "production", null, matches("[A-Za-z0-9._-]{1,247}", "must be 1-247 letters, digits, '.',"
                    + " '_' or '-' (it becomes part of an exact-match OIDC subject claim)"), "GitHub environment of"
                    + " the prod deploy; `<name>-preview` is the one of the prod preview and drift check");
    public static final ConfigKey GITHUB_DEPLOY_ROLES = key(Scope.BOOTSTRAP, "githubDeployRoles", Type.LIST,
            GithubDeployRole.configValues(), null, subset(GithubDeployRole.configValues(), Map.of()), "the roles this"
                    + " account's bootstrap stack builds (a production account's never `deploy-dev`)");
    public static final ConfigKey PUBLIC_ZONE_DELEGATIONS = key(Scope.BOOTSTRAP, "publicZoneDelegations", Type.MAP,
            null, "{}", (value, problem) -> ((Map<?, ?>) value).forEach((subdomain, servers) -> {
                if (!isDnsName(String.valueOf(subdomain))) {
                    problem.accept(subdomain, "is not a valid DNS name");
                }
                var names = List.of(String.valueOf(servers).split(","));
                if (names.size() < 2 || names.size() > 8
                        || !names.stream().allMatch(ns -> isDnsName(ns.trim().replaceFirst("\\.$", "")))) {
                    problem.accept(subdomain, "must map to 2 to 8 comma-separated name servers, e.g. the"
                            + " publicZoneNameServers output of the subdomain's bootstrap stack");
                }
            }), "bootstrap stack only: NS records in its `domain` zone delegating subdomains, `subdomain:"
                    + " ns1,ns2,...` (`bootstrap-prod`: dev's subdomain to `bootstrap-dev`'s `publicZoneNameServers`)");

    public static final List<ConfigKey> ALL = List.of(
            REGION, ENVIRONMENT, TAGS, PROTECT,
            VPC_CIDR, AZ_COUNT, AVAILABILITY_ZONES, PRIVATE_SUBNET_PREFIX, PUBLIC_SUBNET_PREFIX, PUBLIC_SUBNET_BLOCK,
            NAT_GATEWAYS,
            FLOW_LOGS, FLOW_LOG_RETENTION_DAYS,
            CLUSTER_NAME, KUBERNETES_VERSION, ENDPOINT_PUBLIC_ACCESS, PUBLIC_ACCESS_CIDRS, CLUSTER_ADMIN_ROLE_ARNS,
            CLUSTER_VIEWER_ROLE_ARNS, CLUSTER_API_ACCESS_SECURITY_GROUP_IDS, CLUSTER_API_ACCESS_CIDRS, CLUSTER_LOG_TYPES, CLUSTER_LOG_RETENTION_DAYS, CLUSTER_SUPPORT_TYPE,
            CLUSTER_ZONAL_SHIFT, ADDON_VERSIONS,
            SYSTEM_NODE_INSTANCE_TYPES, SYSTEM_NODE_CAPACITY_TYPE, SYSTEM_NODE_MIN_SIZE, SYSTEM_NODE_DESIRED_SIZE,
            SYSTEM_NODE_MAX_SIZE, SYSTEM_NODE_DISK_SIZE,
            KARPENTER_REPLICAS, KARPENTER_AMI_ALIAS, KARPENTER_CAPACITY_TYPES, KARPENTER_INSTANCE_CATEGORIES,
            KARPENTER_INSTANCE_GENERATION_GT, KARPENTER_ARCHITECTURES, KARPENTER_CPU_LIMIT,
            KARPENTER_CONSOLIDATE_AFTER, KARPENTER_EXPIRE_AFTER, KARPENTER_TERMINATION_GRACE_PERIOD,
            KARPENTER_DISRUPTION_BUDGET_NODES, KARPENTER_DISRUPTION_FREEZE_SCHEDULE,
            KARPENTER_DISRUPTION_FREEZE_DURATION, KARPENTER_NODE_VOLUME_SIZE, KARPENTER_SPOT_SERVICE_LINKED_ROLE,
            INGRESS_ENABLED, DOMAIN, PUBLIC_ZONE_ID, PRIVATE_ZONE_NAME, CERTIFICATE_NAMES, WILDCARD_CERTIFICATE,
            EXTERNAL_DNS_POLICY, LOAD_BALANCER_CONTROLLER_REPLICAS,
            APP_NAME, APP_NAMESPACE, APP_IMAGE_REPOSITORY, APP_IMAGE_TAG, APP_IMAGE_DIGEST, APP_CONTAINER_PORT,
            APP_CPU_REQUEST, APP_CPU_LIMIT, APP_MEMORY_REQUEST, APP_MEMORY_LIMIT, APP_ENV, APP_SECRET_ENV,
            APP_READINESS_PATH, APP_LIVENESS_PATH, APP_STARTUP_PATH, APP_HOST_NAME, APP_EXPOSURE, APP_MIN_REPLICAS,
            APP_MAX_REPLICAS, APP_TARGET_CPU, APP_TARGET_MEMORY, APP_SCALE_DOWN_STABILIZATION, APP_MAX_UNAVAILABLE,
            APP_RUN_AS_USER, APP_RUN_AS_GROUP, APP_DELIVERED_BY, APP_HAND_OVER,
            APP_VERSION_PATH, APP_VERSION_FIELD, APP_VERSION_HEADER,
            CONTAINER_INSIGHTS, ALARMS, ALARM_SUBSCRIPTIONS, ALARM_ALB_5XX_PERCENT, ALARM_TARGET_5XX_PERCENT,
            ALARM_UNHEALTHY_TARGETS, ALARM_P99_LATENCY_MS, ALARM_QUEUE_AGE_SECONDS, ALARM_FAILED_NODES,
            ALARM_EVALUATION_MINUTES, PLANNED_REBUILD,
            METRICS_SERVER_REPLICAS, ARGOCD_ENABLED, ARGOCD_HOST_NAME, ARGOCD_REPO_URL, ARGOCD_PATH,
            ARGOCD_TARGET_REVISION, ARGOCD_REPLICAS,
            DELIVERY_BOOTSTRAP, GITHUB_REPOSITORY, GITHUB_PRODUCTION_ENVIRONMENT, GITHUB_DEPLOY_ROLES,
            PUBLIC_ZONE_DELEGATIONS);
}
