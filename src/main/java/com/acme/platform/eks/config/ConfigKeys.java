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
            "Set Pulumi's protect option on the VPC, cluster, KMS keys and hosted zones");

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
    public static final ConfigKey KUBERNETES_VERSION = new ConfigKey("kubernetesVersion", "string", "1.36",
            "Kubernetes minor version of the control plane and node groups (1.33 or newer)");
    public static final ConfigKey ENDPOINT_PUBLIC_ACCESS = new ConfigKey("endpointPublicAccess", "boolean", false,
            "Whether the API endpoint is reachable from outside the VPC; the private endpoint is always on");
    public static final ConfigKey PUBLIC_ACCESS_CIDRS = new ConfigKey("publicAccessCidrs", "array", null,
            "CIDRs allowed to reach the public endpoint; empty means anywhere");
    public static final ConfigKey CLUSTER_ADMIN_ROLE_ARNS = new ConfigKey("clusterAdminRoleArns", "array", null,
            "IAM role ARNs with cluster-admin access entries; include the role that runs pulumi up (required)");
    public static final ConfigKey CLUSTER_VIEWER_ROLE_ARNS = new ConfigKey("clusterViewerRoleArns", "array", null,
            "IAM role ARNs with read-only access entries (AmazonEKSViewPolicy, no Secrets; Secrets in kube-system"
                    + " only, for the Helm releases), e.g. the preview roles; not also in clusterAdminRoleArns");
    public static final ConfigKey CLUSTER_API_ACCESS_SECURITY_GROUP_IDS = new ConfigKey(
            "clusterApiAccessSecurityGroupIds", "array", null,
            "Security groups (sg-...) admitted to the API endpoint on 443 through the cluster security group, e.g. the"
                    + " prod runner's inside the VPC");
    public static final ConfigKey CLUSTER_API_ACCESS_CIDRS = new ConfigKey("clusterApiAccessCidrs", "array", null,
            "IPv4 CIDRs admitted to the API endpoint on 443 through the cluster security group (private endpoint;"
                    + " never 0.0.0.0/0)");
    public static final ConfigKey CLUSTER_LOG_TYPES = new ConfigKey("clusterLogTypes", "array", null,
            "Control-plane log types; default api, audit, authenticator (those three are always required)");
    public static final ConfigKey CLUSTER_LOG_RETENTION_DAYS = new ConfigKey("clusterLogRetentionDays", "integer", 30,
            "Retention of /aws/eks/<cluster>/cluster, a value CloudWatch Logs accepts");
    public static final ConfigKey CLUSTER_SUPPORT_TYPE = new ConfigKey("clusterSupportType", "string", "STANDARD",
            "EKS version support: STANDARD (EKS upgrades the control plane when standard support ends) or EXTENDED"
                    + " (paid)");
    public static final ConfigKey CLUSTER_ZONAL_SHIFT = new ConfigKey("clusterZonalShift", "boolean", false,
            "Let Amazon Application Recovery Controller shift traffic away from an impaired AZ");
    public static final ConfigKey ADDON_VERSIONS = new ConfigKey("addonVersions", "object", null,
            "Pinned managed add-on versions by name (vpc-cni, kube-proxy, coredns, eks-pod-identity-agent,"
                    + " aws-ebs-csi-driver); unlisted ones get EKS's default for the Kubernetes version");
    public static final ConfigKey SYSTEM_NODE_INSTANCE_TYPES = new ConfigKey("systemNodeInstanceTypes", "array", null,
            "Instance types of the system node group, one architecture (Graviton types get the ARM AMI); default"
                    + " [m7i.large]");
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

    public static final ConfigKey KARPENTER_SPOT_SERVICE_LINKED_ROLE = new ConfigKey(
            "karpenterSpotServiceLinkedRole", "string", "create",
            "With spot in karpenterCapacityTypes, the account's EC2 Spot service-linked role: create (the stack creates"
                    + " it), the ARN of the existing role (adopted with the import option), or external (managed"
                    + " elsewhere)");
    public static final ConfigKey PUBLIC_ZONE_DELEGATIONS = new ConfigKey("publicZoneDelegations", "object", null,
            "Bootstrap stack only: NS records in its public zone (domain) delegating subdomains, subdomain -> name"
                    + " servers, e.g. dev's zone from bootstrap-dev's publicZoneNameServers");
    public static final ConfigKey DELIVERY_BOOTSTRAP = new ConfigKey("deliveryBootstrap", "boolean", false,
            "true only in the bootstrap stack: build the GitHub Actions OIDC provider and deploy roles, no platform");
    public static final ConfigKey GITHUB_REPOSITORY = new ConfigKey("githubRepository", "string", null,
            "owner/repo whose workflows may assume the deploy roles; required in (and only read by) the bootstrap stack");
    public static final ConfigKey GITHUB_PRODUCTION_ENVIRONMENT = new ConfigKey("githubProductionEnvironment",
            "string", "production", "GitHub environment (required reviewers) of the prod deploy; <name>-preview is the"
            + " one of the prod preview before approval and of the prod drift check (bootstrap stack only)");
    public static final ConfigKey GITHUB_DEPLOY_ROLES = new ConfigKey("githubDeployRoles", "array", null,
            "The GitHub deploy roles this account's bootstrap stack builds, a non-empty subset of preview, deploy-dev,"
                    + " production-preview, deploy-prod; default all four (bootstrap stack only)");
    public static final ConfigKey KARPENTER_REPLICAS = new ConfigKey("karpenterReplicas", "integer", 2,
            "Karpenter controller replicas, 1 to 3 (one is the leader, others stand by)");
    public static final ConfigKey KARPENTER_AMI_ALIAS = new ConfigKey("karpenterAmiAlias", "string",
            "al2023@v20260714", "AMI of Karpenter's nodes as al2023@v<YYYYMMDD> (a pinned EKS AMI release; @latest"
                    + " is rejected)");
    public static final ConfigKey KARPENTER_CAPACITY_TYPES = new ConfigKey("karpenterCapacityTypes", "array", null,
            "Capacity types of the NodePool: non-empty subset of spot, on-demand (reserved is rejected); default"
                    + " [on-demand]");
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
    public static final ConfigKey KARPENTER_TERMINATION_GRACE_PERIOD = new ConfigKey(
            "karpenterTerminationGracePeriod", "string", null,
            "Longest a node drains before Karpenter deletes its remaining pods: Go duration (48h); default unbounded");
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
    // The application workload (app/Application), metrics-server and Argo CD.
    public static final ConfigKey APP_NAME = new ConfigKey("appName", "string", "backend",
            "Name of the app: Kubernetes object names and the app.kubernetes.io/name label");
    public static final ConfigKey APP_NAMESPACE = new ConfigKey("appNamespace", "string", "backend",
            "Namespace of the app (created with the restricted Pod Security Standard enforced)");
    public static final ConfigKey APP_IMAGE_REPOSITORY = new ConfigKey("appImageRepository", "string", null,
            "Container image repository of the app, without tag (required)");
    public static final ConfigKey APP_IMAGE_TAG = new ConfigKey("appImageTag", "string", null,
            "Image tag; never latest. appImageTag or appImageDigest (or both) is required");
    public static final ConfigKey APP_IMAGE_DIGEST = new ConfigKey("appImageDigest", "string", null,
            "Image digest sha256:<64 hex>; pins the exact image (preferred, with the tag for readability)");
    public static final ConfigKey APP_CONTAINER_PORT = new ConfigKey("appContainerPort", "integer", 8080,
            "Port the app serves HTTP and its health endpoints on, 1024-65535 (the app runs as non-root)");
    public static final ConfigKey APP_CPU_REQUEST = new ConfigKey("appCpuRequest", "string", "250m",
            "CPU request per pod, a Kubernetes quantity (250m, 1)");
    public static final ConfigKey APP_MEMORY_REQUEST = new ConfigKey("appMemoryRequest", "string", "256Mi",
            "Memory request per pod, a Kubernetes quantity (256Mi, 1Gi)");
    public static final ConfigKey APP_CPU_LIMIT = new ConfigKey("appCpuLimit", "string", "1",
            "CPU limit per pod, at least the request");
    public static final ConfigKey APP_MEMORY_LIMIT = new ConfigKey("appMemoryLimit", "string", "256Mi",
            "Memory limit per pod, at least the request (equal avoids OOM kills under node pressure)");
    public static final ConfigKey APP_ENV = new ConfigKey("appEnv", "object", null,
            "Plain environment variables of the app, NAME: value");
    public static final ConfigKey APP_SECRET_ENV = new ConfigKey("appSecretEnv", "object", null,
            "Secret environment variables, NAME: value, each set with pulumi config set --secret --path"
                    + " 'appSecretEnv.NAME'; delivered through a Kubernetes Secret");
    public static final ConfigKey APP_READINESS_PATH = new ConfigKey("appReadinessPath", "string", "/readyz",
            "HTTP path of the readiness probe (also the ALB health check)");
    public static final ConfigKey APP_LIVENESS_PATH = new ConfigKey("appLivenessPath", "string", "/healthz",
            "HTTP path of the liveness probe");
    public static final ConfigKey APP_STARTUP_PATH = new ConfigKey("appStartupPath", "string", "/healthz",
            "HTTP path of the startup probe");
    public static final ConfigKey APP_HOST_NAME = new ConfigKey("appHostName", "string", null,
            "Host name of the app (required): under the public domain, or the private zone when internal");
    public static final ConfigKey APP_EXPOSURE = new ConfigKey("appExposure", "string", "internal",
            "public: internet-facing ALB; internal: internal ALB, reachable from the VPC only");
    public static final ConfigKey APP_MIN_REPLICAS = new ConfigKey("appMinReplicas", "integer", 2,
            "Minimum replicas (HPA), at least 2 so that a PodDisruptionBudget can let a node drain");
    public static final ConfigKey APP_MAX_REPLICAS = new ConfigKey("appMaxReplicas", "integer", 4,
            "Maximum replicas (HPA)");
    public static final ConfigKey APP_TARGET_CPU = new ConfigKey("appTargetCpuUtilization", "integer", 70,
            "HPA target CPU utilisation, percent of the request (1-100)");
    public static final ConfigKey APP_TARGET_MEMORY = new ConfigKey("appTargetMemoryUtilization", "integer", 80,
            "HPA target memory utilisation, percent of the request (1-100); 0 scales on CPU only");
    public static final ConfigKey APP_SCALE_DOWN_STABILIZATION = new ConfigKey("appScaleDownStabilizationSeconds",
            "integer", 300, "HPA scale-down stabilisation window in seconds (0-3600)");
    public static final ConfigKey APP_MAX_UNAVAILABLE = new ConfigKey("appMaxUnavailable", "integer", 0,
            "Rolling update: pods that may be unavailable at once; 0 keeps full capacity during a rollout");
    public static final ConfigKey APP_RUN_AS_USER = new ConfigKey("appRunAsUser", "integer", 65532,
            "Numeric non-root user id the app's container runs as");
    public static final ConfigKey APP_RUN_AS_GROUP = new ConfigKey("appRunAsGroup", "integer", 65532,
            "Numeric group id (also fsGroup) of the app's pods");
    public static final ConfigKey APP_DELIVERED_BY = new ConfigKey("appDeliveredBy", "string", "pulumi",
            "pulumi: this program creates the app's objects; argocd: an Argo CD Application syncs them from Git");
    public static final ConfigKey METRICS_SERVER_REPLICAS = new ConfigKey("metricsServerReplicas", "integer", 2,
            "Replicas of metrics-server (on the system nodes), 1-3");
    public static final ConfigKey ARGOCD_ENABLED = new ConfigKey("argocdEnabled", "boolean", false,
            "Install Argo CD on the system nodes, its UI behind an internal ALB");
    public static final ConfigKey ARGOCD_HOST_NAME = new ConfigKey("argocdHostName", "string", null,
            "Host name of the Argo CD UI in the private zone; required when argocdEnabled");
    public static final ConfigKey ARGOCD_REPO_URL = new ConfigKey("argocdRepoUrl", "string", null,
            "Git repository (https:// or ssh) of the app's manifests; required when appDeliveredBy is argocd");
    public static final ConfigKey ARGOCD_PATH = new ConfigKey("argocdPath", "string", null,
            "Directory of the app's manifests in argocdRepoUrl; required when appDeliveredBy is argocd");
    public static final ConfigKey ARGOCD_TARGET_REVISION = new ConfigKey("argocdTargetRevision", "string", "main",
            "Branch, tag or commit of argocdRepoUrl that Argo CD syncs");
    public static final ConfigKey ARGOCD_REPLICAS = new ConfigKey("argocdReplicas", "integer", 1,
            "Replicas of the Argo CD API server and repo server, 1-5");

    public static final List<ConfigKey> ALL = List.of(
            REGION, TAGS, PROTECT,
            VPC_CIDR, AZ_COUNT, AVAILABILITY_ZONES, PRIVATE_SUBNET_PREFIX, PUBLIC_SUBNET_PREFIX, NAT_GATEWAYS,
            FLOW_LOGS, FLOW_LOG_RETENTION_DAYS,
            CLUSTER_NAME, KUBERNETES_VERSION, ENDPOINT_PUBLIC_ACCESS, PUBLIC_ACCESS_CIDRS, CLUSTER_ADMIN_ROLE_ARNS,
            CLUSTER_VIEWER_ROLE_ARNS, CLUSTER_API_ACCESS_SECURITY_GROUP_IDS, CLUSTER_API_ACCESS_CIDRS, CLUSTER_LOG_TYPES, CLUSTER_LOG_RETENTION_DAYS, CLUSTER_SUPPORT_TYPE,
            CLUSTER_ZONAL_SHIFT, ADDON_VERSIONS,
            SYSTEM_NODE_INSTANCE_TYPES, SYSTEM_NODE_CAPACITY_TYPE, SYSTEM_NODE_MIN_SIZE, SYSTEM_NODE_DESIRED_SIZE,
            SYSTEM_NODE_MAX_SIZE, SYSTEM_NODE_DISK_SIZE,
            KARPENTER_REPLICAS, KARPENTER_AMI_ALIAS, KARPENTER_CAPACITY_TYPES, KARPENTER_INSTANCE_CATEGORIES,
            KARPENTER_INSTANCE_GENERATION_GT, KARPENTER_ARCHITECTURES, KARPENTER_CPU_LIMIT,
            KARPENTER_CONSOLIDATE_AFTER, KARPENTER_EXPIRE_AFTER, KARPENTER_TERMINATION_GRACE_PERIOD,
            KARPENTER_DISRUPTION_BUDGET_NODES,
            KARPENTER_DISRUPTION_FREEZE_SCHEDULE, KARPENTER_DISRUPTION_FREEZE_DURATION, KARPENTER_NODE_VOLUME_SIZE,
            KARPENTER_SPOT_SERVICE_LINKED_ROLE,
            INGRESS_ENABLED, DOMAIN, PUBLIC_ZONE_ID, PRIVATE_ZONE_NAME, CERTIFICATE_NAMES, WILDCARD_CERTIFICATE,
            EXTERNAL_DNS_POLICY, LOAD_BALANCER_CONTROLLER_REPLICAS,
            APP_NAME, APP_NAMESPACE, APP_IMAGE_REPOSITORY, APP_IMAGE_TAG, APP_IMAGE_DIGEST, APP_CONTAINER_PORT,
            APP_CPU_REQUEST, APP_MEMORY_REQUEST, APP_CPU_LIMIT, APP_MEMORY_LIMIT, APP_ENV, APP_SECRET_ENV,
            APP_READINESS_PATH, APP_LIVENESS_PATH, APP_STARTUP_PATH, APP_HOST_NAME, APP_EXPOSURE, APP_MIN_REPLICAS,
            APP_MAX_REPLICAS, APP_TARGET_CPU, APP_TARGET_MEMORY, APP_SCALE_DOWN_STABILIZATION, APP_MAX_UNAVAILABLE,
            APP_RUN_AS_USER, APP_RUN_AS_GROUP, APP_DELIVERED_BY,
            METRICS_SERVER_REPLICAS, ARGOCD_ENABLED, ARGOCD_HOST_NAME, ARGOCD_REPO_URL, ARGOCD_PATH,
            ARGOCD_TARGET_REVISION, ARGOCD_REPLICAS,
            DELIVERY_BOOTSTRAP, GITHUB_REPOSITORY, GITHUB_PRODUCTION_ENVIRONMENT, GITHUB_DEPLOY_ROLES,
            PUBLIC_ZONE_DELEGATIONS);

    /** The keys the delivery bootstrap stack reads; every other key is read only by the platform stacks. */
    public static final Set<ConfigKey> BOOTSTRAP = Set.of(
            REGION, TAGS, PROTECT, DELIVERY_BOOTSTRAP, GITHUB_REPOSITORY, GITHUB_PRODUCTION_ENVIRONMENT,
            GITHUB_DEPLOY_ROLES, DOMAIN, PUBLIC_ZONE_DELEGATIONS);

    /** The keys only the delivery bootstrap stack reads. */
    public static final Set<ConfigKey> BOOTSTRAP_ONLY = Set.of(GITHUB_REPOSITORY, GITHUB_PRODUCTION_ENVIRONMENT,
            GITHUB_DEPLOY_ROLES, PUBLIC_ZONE_DELEGATIONS);
}
