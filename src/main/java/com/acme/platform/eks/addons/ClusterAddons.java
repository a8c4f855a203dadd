package com.acme.platform.eks.addons;

import com.acme.platform.eks.platform.ClusterHandle;
import com.acme.platform.eks.platform.ManagedAddon;
import com.acme.platform.eks.platform.PlatformContext;
import com.acme.platform.eks.platform.PodIdentityRole;
import com.acme.platform.eks.platform.SystemNodes;
import com.pulumi.aws.eks.Addon;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.storage.v1.StorageClass;
import com.pulumi.kubernetes.storage.v1.StorageClassArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.List;
import java.util.Map;

/** The managed add-ons on the system nodes and the default StorageClass: docs/internals.md#system-node-group. */
public final class ClusterAddons extends ComponentResource {

    /** @param systemNodeGroup the nodes CoreDNS and the EBS CSI controller are pinned to */
    public record Args(PlatformContext platform, ClusterHandle cluster, Resource systemNodeGroup) { }

    /** The default StorageClass: encrypted gp3 through the EBS CSI driver. */
    public static final String DEFAULT_STORAGE_CLASS = "gp3";

    private final Addon coreDns;

    public ClusterAddons(String name, Args args, ComponentResourceOptions options) {
        super("eks-platform:addons:ClusterAddons", name, options);
        var cluster = args.cluster();
        var onNodes = List.of(args.systemNodeGroup());
        // On the system nodes only: on a Karpenter node, consolidation would keep evicting DNS and the attacher.
        this.coreDns = ManagedAddon.create(name + "-coredns", cluster, "coredns", systemNodePlacement(), this,
                onNodes);
        var ebsCsi = new PodIdentityRole(new PodIdentityRole.Spec(name + "-ebs-csi", "kube-system",
                "ebs-csi-controller-sa", List.of(),
                List.of(args.platform().account().managedPolicy("service-role/AmazonEBSCSIDriverPolicy"))),
                args.platform(), cluster, this);
        // Only the controller (a Deployment) is pinned; the node DaemonSet must run on every node.
        var ebsCsiDriver = ManagedAddon.create(name + "-aws-ebs-csi-driver", cluster, "aws-ebs-csi-driver",
                Map.of("controller", systemNodePlacement()), this, List.of(args.systemNodeGroup(), ebsCsi.association()));

        // EKS marks no class as default from 1.30 on and its gp2 is unencrypted (docs/internals.md).
        new StorageClass(name + "-gp3", StorageClassArgs.builder()
                .metadata(ObjectMetaArgs.builder()
                        .name(DEFAULT_STORAGE_CLASS)
                        .annotations(Map.of("storageclass.kubernetes.io/is-default-class", "true"))
                        .build())
                .provisioner("ebs.csi.aws.com")
                .parameters(Map.of("type", "gp3", "encrypted", "true"))
                .reclaimPolicy("Delete")
                // An EBS volume lives in one AZ: bind it where the pod lands.
                .volumeBindingMode("WaitForFirstConsumer")
                .allowVolumeExpansion(true)
                .build(), CustomResourceOptions.builder().parent(this).provider(cluster.kubernetesProvider())
                .dependsOn(ebsCsiDriver).build());
        registerOutputs(Map.of());
    }

    /** The system nodes' selector and tolerations: top level for coredns, controller.* for aws-ebs-csi-driver. */
    static Map<String, Object> systemNodePlacement() {
        return Map.of("nodeSelector", SystemNodes.nodeSelector(), "tolerations", SystemNodes.tolerations());
    }

    /** Cluster DNS: a controller's release waits for it (its pods resolve AWS endpoints before Helm judges them). */
    public Addon coreDns() {
        return coreDns;
    }
}
