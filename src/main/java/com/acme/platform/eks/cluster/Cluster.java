package com.acme.platform.eks.cluster;

import com.acme.platform.eks.addons.ClusterAddons;
import com.acme.platform.eks.config.ClusterConfig;
import com.acme.platform.eks.network.Network;
import com.acme.platform.eks.platform.ClusterHandle;
import com.acme.platform.eks.platform.PlatformContext;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;

import java.util.List;
import java.util.stream.Stream;

/** The cluster in the order a first {@code up} survives, and its handle: docs/internals.md#composition. */
public record Cluster(EksCluster controlPlane, SystemNodeGroup systemNodes, ClusterAddons addons,
                      ClusterHandle handle) {

    /** @param logKmsKeyArn the key of the control plane's log group */
    public static Cluster create(PlatformContext platform, ClusterConfig config, Network.Outputs network,
                                 Output<String> logKmsKeyArn, ComponentResourceOptions options) {
        var eks = new EksCluster("cluster", new EksCluster.Args(platform, config, network.privateSubnetIds(),
                logKmsKeyArn, network.egress()), options);
        // Child names keep the cluster's prefix (cluster-system-*, cluster-coredns, ...).
        var systemNodes = new SystemNodeGroup("cluster-system", new SystemNodeGroup.Args(platform, eks.handle(),
                config, network.privateSubnetIds(),
                Stream.concat(eks.nodePrerequisites().stream(), network.egress().stream()).toList()), options);
        var nodeGroup = systemNodes.nodeGroup();
        var addons = new ClusterAddons("cluster", new ClusterAddons.Args(platform, eks.handle(), nodeGroup), options);
        return new Cluster(eks, systemNodes, addons,
                eks.handle().withSystemServices(nodeGroup, List.of(nodeGroup, addons.coreDns())));
    }
}
