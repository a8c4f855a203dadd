package com.acme.platform.eks.platform;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.resources.Resource;

import java.util.List;
import java.util.Map;

/** What the components on a cluster need of it: docs/internals.md#shared-context-and-cluster-handle. */
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
