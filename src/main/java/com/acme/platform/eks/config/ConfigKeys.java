package com.acme.platform.eks.config;

import java.util.List;
import java.util.Set;

/** Every key the program reads, with its default. The README's config reference mirrors this list. */
public final class ConfigKeys {
    private ConfigKeys() { }

    public static final ConfigKey REGION = new ConfigKey("aws:region", "string", null,
            "AWS region of every resource (required)");
    public static final ConfigKey TAGS = new ConfigKey("tags", "object", null,
            "Extra tags for every taggable AWS resource, besides project, stack and managed-by");
    public static final ConfigKey PROTECT = new ConfigKey("protect", "boolean", false,
            "Set Pulumi's protect option on the VPC, cluster, KMS key and hosted zones");

    public static final ConfigKey VPC_CIDR = new ConfigKey("vpcCidr", "string", "10.0.0.0/16",
            "IPv4 CIDR of the VPC, prefix /16 to /24");
    public static final ConfigKey AZ_COUNT = new ConfigKey("azCount", "integer", 2,
            "Availability zones to spread over, 2 to 6");
    public static final ConfigKey AVAILABILITY_ZONES = new ConfigKey("availabilityZones", "array", null,
            "Pin the AZ names (as many as azCount); default: the first azCount available AZs of the region");
    public static final ConfigKey PRIVATE_SUBNET_PREFIX = new ConfigKey("privateSubnetPrefixLength", "integer", 19,
            "Prefix length of each private (node and pod) subnet");
    public static final ConfigKey PUBLIC_SUBNET_PREFIX = new ConfigKey("publicSubnetPrefixLength", "integer", 24,
            "Prefix length of each public (load balancer and NAT) subnet");
    public static final ConfigKey NAT_GATEWAYS = new ConfigKey("natGateways", "string", "single",
            "single: one NAT gateway for the VPC; perAz: one per AZ, each private subnet routed through its own");
    public static final ConfigKey FLOW_LOGS = new ConfigKey("flowLogs", "boolean", false,
            "Send VPC flow logs (all traffic) to CloudWatch Logs");
    public static final ConfigKey FLOW_LOG_RETENTION_DAYS = new ConfigKey("flowLogRetentionDays", "integer", 30,
            "Retention of the flow log group, a value CloudWatch Logs accepts");

    public static final ConfigKey CLUSTER_NAME = new ConfigKey("clusterName", "string", null,
            "EKS cluster name; default <project>-<stack>");
    public static final ConfigKey KUBERNETES_VERSION = new ConfigKey("kubernetesVersion", "string", "1.34",
            "Kubernetes minor version of the control plane and node groups (1.33 or newer)");
    public static final ConfigKey ENDPOINT_PUBLIC_ACCESS = new ConfigKey("endpointPublicAccess", "boolean", false,
            "Whether the API endpoint is reachable from outside the VPC; the private endpoint is always on");
    public static final ConfigKey PUBLIC_ACCESS_CIDRS = new ConfigKey("publicAccessCidrs", "array", null,
            "CIDRs allowed to reach the public endpoint; empty means anywhere");
    public static final ConfigKey CLUSTER_ADMIN_ROLE_ARNS = new ConfigKey("clusterAdminRoleArns", "array", null,
            "IAM role ARNs with cluster-admin access entries; include the role that runs pulumi up (required)");
    public static final ConfigKey CLUSTER_LOG_TYPES = new ConfigKey("clusterLogTypes", "array", null,
            "Control-plane log types; default api, audit, authenticator (those three are always required)");
    public static final ConfigKey CLUSTER_LOG_RETENTION_DAYS = new ConfigKey("clusterLogRetentionDays", "integer", 30,
            "Retention of /aws/eks/<cluster>/cluster, a value CloudWatch Logs accepts");
    public static final ConfigKey ADDON_VERSIONS = new ConfigKey("addonVersions", "object", null,
            "Pinned managed add-on versions by name (vpc-cni, kube-proxy, coredns, eks-pod-identity-agent,"
                    + " aws-ebs-csi-driver); unlisted ones get EKS's default for the Kubernetes version");
    public static final ConfigKey SYSTEM_NODE_INSTANCE_TYPES = new ConfigKey("systemNodeInstanceTypes", "array", null,
            "Instance types of the system node group; default [m7i.large]");
    public static final ConfigKey SYSTEM_NODE_CAPACITY_TYPE = new ConfigKey("systemNodeCapacityType", "string",
            "ON_DEMAND", "ON_DEMAND or SPOT for the system node group");
    public static final ConfigKey SYSTEM_NODE_MIN_SIZE = new ConfigKey("systemNodeMinSize", "integer", 1,
            "Minimum size of the system node group");
    public static final ConfigKey SYSTEM_NODE_DESIRED_SIZE = new ConfigKey("systemNodeDesiredSize", "integer", 2,
            "Desired size of the system node group");
    public static final ConfigKey SYSTEM_NODE_MAX_SIZE = new ConfigKey("systemNodeMaxSize", "integer", 3,
            "Maximum size of the system node group");
    public static final ConfigKey SYSTEM_NODE_DISK_SIZE = new ConfigKey("systemNodeDiskSizeGib", "integer", 50,
            "Root volume size (GiB, encrypted gp3) of system nodes");

    public static final ConfigKey DELIVERY_BOOTSTRAP = new ConfigKey("deliveryBootstrap", "boolean", false,
            "true only in the bootstrap stack: build the GitHub Actions OIDC provider and deploy roles, no platform");
    public static final ConfigKey GITHUB_REPOSITORY = new ConfigKey("githubRepository", "string", null,
            "owner/repo whose workflows may assume the deploy roles; required in (and only read by) the bootstrap stack");
    public static final ConfigKey GITHUB_PRODUCTION_ENVIRONMENT = new ConfigKey("githubProductionEnvironment",
            "string", "production", "GitHub environment (required reviewers) of the prod deploy; <name>-preview is the"
            + " one of the prod preview before approval and of the prod drift check (bootstrap stack only)");
    public static final ConfigKey KARPENTER_REPLICAS = new ConfigKey("karpenterReplicas", "integer", 2,
            "Karpenter controller replicas, 1 to 3 (one is the leader, others stand by)");
    public static final ConfigKey KARPENTER_AMI_ALIAS = new ConfigKey("karpenterAmiAlias", "string",
            "al2023@v20251117", "AMI of Karpenter's nodes as al2023@v<YYYYMMDD> (a pinned EKS AMI release; @latest"
                    + " is rejected)");
    public static final ConfigKey KARPENTER_CAPACITY_TYPES = new ConfigKey("karpenterCapacityTypes", "array", null,
            "Capacity types of the NodePool: non-empty subset of spot, on-demand, reserved; default [on-demand]");
    public static final ConfigKey KARPENTER_INSTANCE_CATEGORIES = new ConfigKey("karpenterInstanceCategories",
            "array", null, "EC2 instance categories the NodePool may use; default [c, m, r]");
    public static final ConfigKey KARPENTER_INSTANCE_GENERATION_GT = new ConfigKey(
            "karpenterInstanceGenerationGreaterThan", "integer", 5,
            "Only instance generations greater than this (karpenter.k8s.aws/instance-generation Gt)");
    public static final ConfigKey KARPENTER_ARCHITECTURES = new ConfigKey("karpenterArchitectures", "array", null,
            "CPU architectures of the NodePool: amd64 and/or arm64; default [amd64]");
    public static final ConfigKey KARPENTER_CPU_LIMIT = new ConfigKey("karpenterCpuLimit", "integer", 100,
            "Total vCPUs the NodePool may launch (limits.cpu), positive");
    public static final ConfigKey KARPENTER_CONSOLIDATE_AFTER = new ConfigKey("karpenterConsolidateAfter", "string",
            "1m", "How long a node must be consolidatable before Karpenter acts: Go duration (30s, 5m, 1h) or Never");
    public static final ConfigKey KARPENTER_EXPIRE_AFTER = new ConfigKey("karpenterExpireAfter", "string", "720h",
            "Maximum node lifetime: Go duration (720h) or Never");
    public static final ConfigKey KARPENTER_DISRUPTION_BUDGET_NODES = new ConfigKey(
            "karpenterDisruptionBudgetNodes", "string", null,
            "Nodes Karpenter may disrupt at once, a percentage (10%) or a count; default Karpenter's own (10%)");
    public static final ConfigKey KARPENTER_DISRUPTION_FREEZE_SCHEDULE = new ConfigKey(
            "karpenterDisruptionFreezeSchedule", "string", null,
            "Cron schedule (UTC) of a window with no voluntary disruption; needs karpenterDisruptionFreezeDuration");
    public static final ConfigKey KARPENTER_DISRUPTION_FREEZE_DURATION = new ConfigKey(
            "karpenterDisruptionFreezeDuration", "string", null,
            "Length of each freeze window, a Go duration in hours/minutes (8h, 90m)");
    public static final ConfigKey KARPENTER_NODE_VOLUME_SIZE = new ConfigKey("karpenterNodeVolumeSizeGib", "integer",
            50, "Root volume size (GiB, encrypted gp3) of Karpenter's nodes");
    public static final ConfigKey INGRESS_ENABLED = new ConfigKey("ingressEnabled", "boolean", false,
            "Create the Route 53 zones, the ACM certificate, the AWS Load Balancer Controller and external-dns");
    public static final ConfigKey DOMAIN = new ConfigKey("domain", "string", null,
            "Public DNS domain of the application, e.g. example.com (required when ingressEnabled)");
    public static final ConfigKey PUBLIC_ZONE_ID = new ConfigKey("publicZoneId", "string", null,
            "Existing public hosted zone of the domain to use; when set, no public zone is created");
    public static final ConfigKey PRIVATE_ZONE_NAME = new ConfigKey("privateZoneName", "string", null,
            "Private hosted zone (attached to the VPC) for internal names; default internal.<domain>");
    public static final ConfigKey CERTIFICATE_NAMES = new ConfigKey("certificateNames", "array", null,
            "Public host names (the domain or under it) on the ACM certificate; default [<domain>]");
    public static final ConfigKey WILDCARD_CERTIFICATE = new ConfigKey("wildcardCertificate", "boolean", false,
            "Add *.<domain> to the ACM certificate");
    public static final ConfigKey EXTERNAL_DNS_POLICY = new ConfigKey("externalDnsPolicy", "string", "upsert-only",
            "sync: external-dns deletes the records it owns when their source goes; upsert-only: it never deletes");
    public static final ConfigKey LOAD_BALANCER_CONTROLLER_REPLICAS = new ConfigKey("loadBalancerControllerReplicas",
            "integer", 2, "Replicas of the AWS Load Balancer Controller, 1 to 5");

    public static final List<ConfigKey> ALL = List.of(
            REGION, TAGS, PROTECT,
            VPC_CIDR, AZ_COUNT, AVAILABILITY_ZONES, PRIVATE_SUBNET_PREFIX, PUBLIC_SUBNET_PREFIX, NAT_GATEWAYS,
            FLOW_LOGS, FLOW_LOG_RETENTION_DAYS,
            CLUSTER_NAME, KUBERNETES_VERSION, ENDPOINT_PUBLIC_ACCESS, PUBLIC_ACCESS_CIDRS, CLUSTER_ADMIN_ROLE_ARNS,
            CLUSTER_LOG_TYPES, CLUSTER_LOG_RETENTION_DAYS, ADDON_VERSIONS,
            SYSTEM_NODE_INSTANCE_TYPES, SYSTEM_NODE_CAPACITY_TYPE, SYSTEM_NODE_MIN_SIZE, SYSTEM_NODE_DESIRED_SIZE,
            SYSTEM_NODE_MAX_SIZE, SYSTEM_NODE_DISK_SIZE,
            KARPENTER_REPLICAS, KARPENTER_AMI_ALIAS, KARPENTER_CAPACITY_TYPES, KARPENTER_INSTANCE_CATEGORIES,
            KARPENTER_INSTANCE_GENERATION_GT, KARPENTER_ARCHITECTURES, KARPENTER_CPU_LIMIT,
            KARPENTER_CONSOLIDATE_AFTER, KARPENTER_EXPIRE_AFTER, KARPENTER_DISRUPTION_BUDGET_NODES,
            KARPENTER_DISRUPTION_FREEZE_SCHEDULE, KARPENTER_DISRUPTION_FREEZE_DURATION, KARPENTER_NODE_VOLUME_SIZE,
            INGRESS_ENABLED, DOMAIN, PUBLIC_ZONE_ID, PRIVATE_ZONE_NAME, CERTIFICATE_NAMES, WILDCARD_CERTIFICATE,
            EXTERNAL_DNS_POLICY, LOAD_BALANCER_CONTROLLER_REPLICAS,
            DELIVERY_BOOTSTRAP, GITHUB_REPOSITORY, GITHUB_PRODUCTION_ENVIRONMENT);

    /** The keys the delivery bootstrap stack reads; every other key is read only by the platform stacks. */
    public static final Set<ConfigKey> BOOTSTRAP = Set.of(
            REGION, TAGS, PROTECT, DELIVERY_BOOTSTRAP, GITHUB_REPOSITORY, GITHUB_PRODUCTION_ENVIRONMENT);

    /** The keys only the delivery bootstrap stack reads. */
    public static final Set<ConfigKey> BOOTSTRAP_ONLY = Set.of(GITHUB_REPOSITORY, GITHUB_PRODUCTION_ENVIRONMENT);
}
