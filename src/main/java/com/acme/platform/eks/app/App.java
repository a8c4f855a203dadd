package com.acme.platform.eks.app;

import com.acme.platform.eks.config.AppConfig;
import com.acme.platform.eks.config.ArgoCdConfig;
import com.acme.platform.eks.edge.AlbIngress;
import com.acme.platform.eks.network.Network;
import com.acme.platform.eks.platform.ClusterHandle;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;

import java.util.List;
import java.util.Optional;

/**
 * The app as the stack delivers it: always its namespace (and Secret); the workload when Pulumi delivers it
 * ({@code appDeliveredBy: pulumi}); Argo CD when enabled, syncing the app when it delivers it.
 */
public record App(AppNamespace namespace, Optional<AppWorkload> workload) {

    /**
     * @param ingress      the edge's ALB wiring; empty without an edge
     * @param nodeCapacity what the app's pods need to be scheduled (Karpenter: they run only on its nodes)
     */
    public static App create(ClusterHandle cluster, AppConfig config, ArgoCdConfig argoCd, Network.Outputs network,
                             Optional<AlbIngress> ingress, List<Resource> nodeCapacity,
                             ComponentResourceOptions options) {
        var namespace = new AppNamespace("app", new AppNamespace.Args(cluster, config, ingress.isPresent()), options);
        // The ALB's subnets as the Network reports them: the app's NetworkPolicy admits traffic from there.
        var albSubnets = config.exposure() == AppConfig.Exposure.PUBLIC ? network.publicSubnetCidrs()
                : network.privateSubnetCidrs();
        var workload = config.deliveredBy() == AppConfig.Delivery.PULUMI
                ? Optional.of(new AppWorkload("app", new AppWorkload.Args(cluster, config, namespace, ingress,
                        albSubnets, nodeCapacity), options))
                : Optional.<AppWorkload>empty();
        if (argoCd.enabled()) {
            new ArgoCd("argocd", new ArgoCd.Args(cluster, argoCd, config, namespace.name(), ingress), options);
        }
        return new App(namespace, workload);
    }
}
