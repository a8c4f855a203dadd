package com.acme.platform.eks.config;

import java.util.List;
import java.util.Map;

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
