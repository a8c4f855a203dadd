package com.acme.platform.eks.config;

import java.util.*;

import static com.acme.platform.eks.config.ConfigKeys.Facts.MAX_NODES_PER_NODE_GROUP;
import static com.acme.platform.eks.config.ConfigKeys.NOT_A_ROLE_ARN;
import static com.acme.platform.eks.config.ConfigKeys.ROLE_ARN;

/** The EKS control plane and its system node group: docs/internals.md#config-records. */
public record ClusterConfig(
        @Key(value = "clusterName", dflt = "${project}-${stack}", shown = "`<project>-<stack>`", regex = "[0-9A-Za-z]"
                + "[A-Za-z0-9_-]{0,99}", msg = "is not a valid EKS cluster name: 1-100 letters, digits, '-' or '_',"
                + " starting with a letter or digit", format = Formats.QUEUE_NAME, doc = "EKS cluster name, at most 80"
                + " characters (the interruption queue is named after it)") String name,
        @Key(value = "kubernetesVersion", dflt = "1.36", format = Formats.KUBERNETES_VERSION, doc = "Kubernetes minor"
                + " version, one of " + ConfigKeys.Facts.KUBERNETES_VERSION_LIST) String kubernetesVersion,
        @Key(value = "endpointPublicAccess", dflt = "false", doc = "public API endpoint (the private one is always on)")
        boolean endpointPublicAccess,
        @Key(value = "publicAccessCidrs", shown = "anywhere", format = Formats.CIDR, doc = "CIDRs allowed to the public"
                + " endpoint; only with `endpointPublicAccess`; unset means anywhere (a production stack must list CIDRs"
                + " that leave most of the internet out)") List<String> publicAccessCidrs,
        @Key(value = "clusterAdminRoleArns", shown = "(required)", req = ADMINS_REQUIRED,
                regex = ROLE_ARN, msg = NOT_A_ROLE_ARN, doc = "IAM roles with cluster-scoped"
                + " `AmazonEKSClusterAdminPolicy` access entries; include the role that runs `pulumi up`")
        List<String> adminRoleArns,
        @Key(value = "clusterViewerRoleArns", dflt = "[]", regex = ROLE_ARN, msg = NOT_A_ROLE_ARN, doc = "IAM roles with"
                + " access entries of cluster-scoped `AmazonEKSViewPolicy` (read all objects but Secrets; no writes) and"
                + " `AmazonEKSAdminViewPolicy` scoped to `kube-system` (the Helm releases' Secrets); not also an admin")
        List<String> viewerRoleArns,
        @Key(value = "clusterApiAccessSecurityGroupIds", dflt = "[]", regex = "sg-[0-9a-f]{8}([0-9a-f]{9})?",
                msg = "is not a security group id such as sg-0123456789abcdef0", doc = "security groups admitted to"
                + " the API endpoint on 443 by an ingress rule on the cluster security group (output"
                + " `clusterSecurityGroupId`): the prod runner's inside the VPC"
                + " ([docs/delivery.md](docs/delivery.md#the-prod-runner))") List<String> apiAccessSecurityGroupIds,
        @Key(value = "clusterApiAccessCidrs", dflt = "[]", format = Formats.RUNNER_CIDRS, doc = "IPv4 CIDRs admitted the"
                + " same way (e.g. a peered network's runners)") List<String> apiAccessCidrs,
        @Key(value = "clusterLogTypes", dflt = "[api, audit, authenticator]", format = Formats.CONTROL_PLANE_LOGS,
                doc = "control-plane logs; api, audit and authenticator cannot be dropped") List<String> logTypes,
        @Key(value = "clusterLogRetentionDays", dflt = "30", format = Formats.LOG_RETENTION, doc = "retention of"
                + " `/aws/eks/<cluster>/cluster`, days") int logRetentionDays,
        @Key(value = "clusterSupportType", dflt = "STANDARD", regex = "STANDARD|EXTENDED", msg = "must be one of"
                + " [STANDARD, EXTENDED]", doc = "`STANDARD` (EKS upgrades the control plane when standard support"
                + " ends) or `EXTENDED` (paid)") String supportType,
        @Key(value = "clusterZonalShift", dflt = "false", doc = "ARC zonal shift: traffic can be moved away from an"
                + " impaired AZ; Karpenter follows it (`settings.enableZonalShift`)") boolean zonalShift,
        @Key(value = "addonVersions", shown = "EKS default per version", format = Formats.ADDON_VERSIONS, doc = "pin"
                + " managed add-on versions, e.g. `{coredns: v1.12.1-eksbuild.2}`; unpinned ones take EKS's default on"
                + " every run (pin in prod)") Map<String, String> addonVersions,
        SystemNodeGroup systemNodes) implements ConfigValues.Checked {

    static final String ADMINS_REQUIRED = "is required: list at least the IAM role that runs pulumi up (the cluster"
            + " creator gets no implicit admin access)";
    private static final String NODE_COUNT = " (at least 1: the controllers run there; at most EKS's "
            + MAX_NODES_PER_NODE_GROUP + " nodes per managed node group)";

    @Override
    public void check(ConfigValues v) {
        v.unless(endpointPublicAccess || publicAccessCidrs.isEmpty(), "publicAccessCidrs", publicAccessCidrs, "is set"
                + " but endpointPublicAccess is false; set endpointPublicAccess: true to open the public endpoint to"
                + " these CIDRs only");
        v.unless(!adminRoleArns.isEmpty(), "clusterAdminRoleArns", null, ADMINS_REQUIRED);
        v.unless(Set.copyOf(adminRoleArns).size() == adminRoleArns.size(), "clusterAdminRoleArns", adminRoleArns,
                "lists a role twice (EKS allows one access entry per principal)");
        v.unless(Set.copyOf(viewerRoleArns).size() == viewerRoleArns.size(), "clusterViewerRoleArns", viewerRoleArns,
                "lists a role twice (EKS allows one access entry per principal)");
        // EKS allows one access entry per principal, and which access a role in both lists should have is ambiguous
        viewerRoleArns.stream().filter(adminRoleArns::contains).forEach(arn -> v.problem("clusterViewerRoleArns", arn,
                "is also in clusterAdminRoleArns; a role gets one access entry: list it in one of the two"));
        var types = systemNodes.instanceTypes();
        // a managed node group has one AMI type, so one architecture
        var graviton = types.stream().filter(ClusterConfig::graviton).toList();
        v.unless(graviton.isEmpty() || graviton.size() == types.size(), "systemNodeInstanceTypes", types, "mixes"
                + " Graviton (arm64) types " + graviton + " with x86_64 ones; a node group has one AMI type, so list"
                + " types of one architecture only");
        var nodes = systemNodes;
        Integer min = v.valid("systemNodeMinSize") ? nodes.minSize() : null;
        Integer max = v.valid("systemNodeMaxSize") ? nodes.maxSize() : null;
        if (v.valid("systemNodeDesiredSize") && (min != null && nodes.desiredSize() < min || max != null
                && nodes.desiredSize() > max)) {
            v.problem("systemNodeDesiredSize", nodes.desiredSize(), "must lie between systemNodeMinSize (" + min
                    + ") and systemNodeMaxSize (" + max + ")");
        } else {
            v.unless(nodes.maxSize() >= nodes.minSize(), "systemNodeMaxSize", nodes.maxSize(), "must be at least"
                    + " systemNodeMinSize (" + nodes.minSize() + ")", "systemNodeMinSize");
        }
    }

    /** Graviton (arm64): a 'g' in the attribute letters, or a1 (docs/internals.md#config-records). */
    static boolean graviton(String instanceType) {
        var m = java.util.regex.Pattern.compile("([a-z]+)(\\d+)([a-z]*)[a-z0-9-]*\\.[a-z0-9]+").matcher(instanceType);
        return m.matches() && (m.group(3).contains("g") || m.group(1).equals("a") && m.group(2).equals("1"));
    }

    /** The controllers' tainted node group; {@code amiType} is derived from the instance types' architecture. */
    public record SystemNodeGroup(
            @Key(value = "systemNodeInstanceTypes", dflt = "[m7i.large]", regex = "[a-z][a-z0-9-]*\\.[a-z0-9]+",
                    msg = "is not an EC2 instance type such as m7i.large", doc = "system node group instance types,"
                    + " all x86_64 or all Graviton") List<String> instanceTypes,
            String amiType,
            @Key(value = "systemNodeCapacityType", dflt = "ON_DEMAND", regex = "ON_DEMAND|SPOT", msg = "must be one"
                    + " of [ON_DEMAND, SPOT]", doc = "`ON_DEMAND` or `SPOT`") String capacityType,
            @Key(value = "systemNodeMinSize", dflt = "1", min = 1, max = MAX_NODES_PER_NODE_GROUP, why = NODE_COUNT,
                    doc = "system node group minimum") int minSize,
            @Key(value = "systemNodeDesiredSize", dflt = "2", min = 1, max = MAX_NODES_PER_NODE_GROUP, why = NODE_COUNT,
                    doc = "desired size, between min and max") int desiredSize,
            @Key(value = "systemNodeMaxSize", dflt = "3", min = 1, max = MAX_NODES_PER_NODE_GROUP, why = NODE_COUNT,
                    doc = "maximum size, at most " + MAX_NODES_PER_NODE_GROUP) int maxSize,
            @Key(value = "systemNodeDiskSizeGib", dflt = "50", min = 20, max = 16384, why = " GiB", doc = "encrypted"
                    + " gp3 root volume, GiB") int diskSizeGib) {
        public SystemNodeGroup {
            if (amiType == null) {
                amiType = instanceTypes.stream().anyMatch(ClusterConfig::graviton) ? "AL2023_ARM_64_STANDARD"
                        : "AL2023_x86_64_STANDARD";
            }
        }
    }
}
