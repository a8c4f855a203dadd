package com.acme.platform.eks.platform;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.resources.Resource;

import java.util.List;
import java.util.Map;

/**
 * What the components on a cluster need of it (as cdk-eks-blueprints' ClusterInfo), instead of the cluster
 * component itself.
 *
 * @param name              the cluster's name as the cluster resource reports it: whatever uses it waits for the
 *                          cluster
 * @param securityGroupId   the security group EKS attaches to the control plane and managed nodes
 * @param kubeconfig        a Pulumi secret
 * @param kubernetesProvider the one provider every Kubernetes object of the program goes through
 * @param addonVersions     pinned EKS add-on versions by add-on name; the others follow EKS's default
 * @param systemNodeGroup   the tainted system node group (null until it exists)
 * @param systemServices    what a controller's release waits for: the system nodes and CoreDNS (empty until
 *                          they exist)
 */
public record ClusterHandle(Output<String> name, Output<String> endpoint, Output<String> certificateAuthority,
                            Output<String> oidcIssuer, Output<String> securityGroupId, Output<String> kubeconfig,
                            Provider kubernetesProvider, String kubernetesVersion, Map<String, String> addonVersions,
                            Resource systemNodeGroup, List<Resource> systemServices) {
    public ClusterHandle {
        addonVersions = Map.copyOf(addonVersions);
        systemServices = List.copyOf(systemServices);
    }

    /** The same cluster once its system node group and the services the controllers need run on it. */
    public ClusterHandle withSystemServices(Resource nodeGroup, List<Resource> services) {
        return new ClusterHandle(name, endpoint, certificateAuthority, oidcIssuer, securityGroupId, kubeconfig,
                kubernetesProvider, kubernetesVersion, addonVersions, nodeGroup, services);
    }
}
