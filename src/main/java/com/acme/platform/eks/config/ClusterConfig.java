package com.acme.platform.eks.config;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.acme.platform.eks.config.ConfigKeys.*;

/**
 * The EKS control plane and its system node group.
 *
 * @param endpointPublicAccess whether the API endpoint is reachable from outside the VPC (the private endpoint is
 *                             always on)
 * @param publicAccessCidrs    where the public endpoint may be reached from; empty means anywhere (dev only)
 * @param adminRoleArns        IAM roles given cluster-scoped AmazonEKSClusterAdminPolicy through access entries;
 *                             must include the role that runs {@code pulumi up}
 * @param viewerRoleArns       IAM roles given cluster-scoped AmazonEKSViewPolicy (read everything but Secrets, write
 *                             nothing) and AmazonEKSAdminViewPolicy in the Helm releases' namespace only: the
 *                             preview and drift roles; disjoint from {@code adminRoleArns}
 * @param apiAccessSecurityGroupIds security groups admitted to the API endpoint (443) by the cluster security group
 * @param apiAccessCidrs       IPv4 CIDRs admitted to the API endpoint (443) by the cluster security group
 * @param supportType          EKS version support policy: STANDARD (upgraded by EKS at the end of standard support)
 *                             or EXTENDED (paid extended support)
 * @param zonalShift           whether ARC zonal shift may move traffic away from an impaired AZ
 * @param addonVersions        pinned managed add-on versions by add-on name; an add-on not listed gets the default
 *                             version EKS picks for the cluster's Kubernetes version
 */
public record ClusterConfig(
        String name,
        String kubernetesVersion,
        boolean endpointPublicAccess,
        List<String> publicAccessCidrs,
        List<String> adminRoleArns,
        List<String> viewerRoleArns,
        List<String> apiAccessSecurityGroupIds,
        List<String> apiAccessCidrs,
        List<String> logTypes,
        int logRetentionDays,
        String supportType,
        boolean zonalShift,
        Map<String, String> addonVersions,
        SystemNodeGroup systemNodes) {

    public ClusterConfig {
        publicAccessCidrs = List.copyOf(publicAccessCidrs);
        adminRoleArns = List.copyOf(adminRoleArns);
        viewerRoleArns = List.copyOf(viewerRoleArns);
        apiAccessSecurityGroupIds = List.copyOf(apiAccessSecurityGroupIds);
        apiAccessCidrs = List.copyOf(apiAccessCidrs);
        logTypes = List.copyOf(logTypes);
        addonVersions = Map.copyOf(addonVersions);
    }

    /** The cluster section, checked; null when a key of it has a problem. */
    static ClusterConfig read(ConfigValues v, String project, String stack, String partition) {
        String name = v.isSet(CLUSTER_NAME) ? v.string(CLUSTER_NAME) : project + "-" + stack;
        if (!v.isSet(CLUSTER_NAME)) {
            CLUSTER_NAME.rule().check(name, (given, what) -> v.problem(CLUSTER_NAME, given, what + " (the default,"
                    + " <project>-<stack>; set clusterName)"));
        }
        boolean publicAccess = v.bool(ENDPOINT_PUBLIC_ACCESS);
        List<String> publicCidrs = v.strings(PUBLIC_ACCESS_CIDRS);
        if (!publicAccess && !publicCidrs.isEmpty()) {
            v.problem(PUBLIC_ACCESS_CIDRS, publicCidrs, "is set but endpointPublicAccess is false; set"
                    + " endpointPublicAccess: true to open the public endpoint to these CIDRs only");
        }
        List<String> admins = v.strings(CLUSTER_ADMIN_ROLE_ARNS);
        if (admins.isEmpty() && !v.faulty(CLUSTER_ADMIN_ROLE_ARNS)) {
            v.problem(CLUSTER_ADMIN_ROLE_ARNS, null, "is required: list at least the IAM role that runs pulumi up"
                    + " (the cluster creator gets no implicit admin access)");
        }
        List<String> viewers = v.strings(CLUSTER_VIEWER_ROLE_ARNS);
        for (var key : List.of(CLUSTER_ADMIN_ROLE_ARNS, CLUSTER_VIEWER_ROLE_ARNS)) {
            List<String> arns = v.strings(key);
            if (Set.copyOf(arns).size() != arns.size()) {
                v.problem(key, arns, "lists a role twice (EKS allows one access entry per principal)");
            }
            arns.stream().filter(arn -> partition != null && !arn.startsWith("arn:" + partition + ":"))
                    .forEach(arn -> v.problem(key, arn, "is not in partition " + partition + ", the partition of the"
                            + " stack's region"));
        }
        // EKS allows one access entry per principal, and which access a role in both lists should have is ambiguous
        viewers.stream().filter(admins::contains).forEach(arn -> v.problem(CLUSTER_VIEWER_ROLE_ARNS, arn, "is also in "
                + CLUSTER_ADMIN_ROLE_ARNS.name() + "; a role gets one access entry: list it in one of the two"));

        List<String> instanceTypes = v.strings(SYSTEM_NODE_INSTANCE_TYPES);
        // a managed node group has one AMI type, so one architecture
        var graviton = instanceTypes.stream().filter(ClusterConfig::graviton).toList();
        if (!graviton.isEmpty() && graviton.size() != instanceTypes.size()) {
            v.problem(SYSTEM_NODE_INSTANCE_TYPES, instanceTypes, "mixes Graviton (arm64) types " + graviton
                    + " with x86_64 ones; a node group has one AMI type, so list types of one architecture only");
        }
        Integer min = v.integer(SYSTEM_NODE_MIN_SIZE);
        Integer desired = v.integer(SYSTEM_NODE_DESIRED_SIZE);
        Integer max = v.integer(SYSTEM_NODE_MAX_SIZE);
        if (desired != null && (min != null && desired < min || max != null && desired > max)) {
            v.problem(SYSTEM_NODE_DESIRED_SIZE, desired, "must lie between systemNodeMinSize (" + min
                    + ") and systemNodeMaxSize (" + max + ")");
        } else if (min != null && max != null && max < min) {
            v.problem(SYSTEM_NODE_MAX_SIZE, max, "must be at least systemNodeMinSize (" + min + ")");
        }
        String version = v.string(KUBERNETES_VERSION);
        List<String> logTypes = v.strings(CLUSTER_LOG_TYPES);
        Integer retention = v.integer(CLUSTER_LOG_RETENTION_DAYS);
        String supportType = v.string(CLUSTER_SUPPORT_TYPE);
        Map<String, String> addonVersions = v.map(ADDON_VERSIONS);
        String capacity = v.string(SYSTEM_NODE_CAPACITY_TYPE);
        Integer disk = v.integer(SYSTEM_NODE_DISK_SIZE);
        if (v.faulty(CLUSTER_NAME, KUBERNETES_VERSION, ENDPOINT_PUBLIC_ACCESS, PUBLIC_ACCESS_CIDRS,
                CLUSTER_ADMIN_ROLE_ARNS, CLUSTER_VIEWER_ROLE_ARNS, CLUSTER_LOG_TYPES, CLUSTER_LOG_RETENTION_DAYS,
                CLUSTER_SUPPORT_TYPE, CLUSTER_ZONAL_SHIFT, ADDON_VERSIONS, SYSTEM_NODE_INSTANCE_TYPES,
                SYSTEM_NODE_CAPACITY_TYPE, SYSTEM_NODE_MIN_SIZE, SYSTEM_NODE_DESIRED_SIZE, SYSTEM_NODE_MAX_SIZE,
                SYSTEM_NODE_DISK_SIZE, CLUSTER_API_ACCESS_SECURITY_GROUP_IDS, CLUSTER_API_ACCESS_CIDRS)) {
            return null;
        }
        String amiType = graviton.isEmpty() ? "AL2023_x86_64_STANDARD" : "AL2023_ARM_64_STANDARD";
        return new ClusterConfig(name, version, publicAccess, publicCidrs, admins, viewers,
                v.strings(CLUSTER_API_ACCESS_SECURITY_GROUP_IDS), v.strings(CLUSTER_API_ACCESS_CIDRS), logTypes, retention,
                supportType, v.bool(CLUSTER_ZONAL_SHIFT), addonVersions, new SystemNodeGroup(instanceTypes, amiType,
                capacity, min, desired, max, disk));
    }

    /** Family letters, generation digits, attribute letters (up to a '-' as in m7i-flex), then the size. */
    private static final java.util.regex.Pattern INSTANCE_TYPE_PARTS = java.util.regex.Pattern.compile(
            "([a-z]+)(\\d+)([a-z]*)[a-z0-9-]*\\.[a-z0-9]+");

    /**
     * Whether an instance type is AWS Graviton (arm64): a 'g' among the attribute letters after the generation
     * (m7g, c6gn, r8g, t4g, m7gd, im4gn, g5g, but not g4dn), plus a1, the first Graviton, which has none.
     */
    static boolean graviton(String instanceType) {
        var m = INSTANCE_TYPE_PARTS.matcher(instanceType);
        return m.matches() && (m.group(3).contains("g") || m.group(1).equals("a") && m.group(2).equals("1"));
    }

    /**
     * The managed node group that runs controllers (tainted, so application pods never land there).
     *
     * @param amiType the EKS AMI type matching the instance types' architecture (AL2023_x86_64_STANDARD or
     *                AL2023_ARM_64_STANDARD), derived from them
     */
    public record SystemNodeGroup(List<String> instanceTypes, String amiType, String capacityType, int minSize,
                                  int desiredSize, int maxSize, int diskSizeGib) {
        public SystemNodeGroup {
            instanceTypes = List.copyOf(instanceTypes);
        }
    }
}
