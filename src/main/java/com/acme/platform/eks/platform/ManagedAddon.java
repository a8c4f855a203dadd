package com.acme.platform.eks.platform;

import com.pulumi.aws.eks.Addon;
import com.pulumi.aws.eks.AddonArgs;
import com.pulumi.aws.eks.EksFunctions;
import com.pulumi.aws.eks.inputs.GetAddonVersionArgs;
import com.pulumi.aws.eks.outputs.GetAddonVersionResult;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.List;
import java.util.Map;

/** An EKS managed add-on of the cluster, at its pinned version or at EKS's default for the cluster's version. */
public final class ManagedAddon {
    private ManagedAddon() { }

    /** {@code dependsOn}: what the add-on's pods need to become ACTIVE. */
    public static Addon create(String resourceName, ClusterHandle cluster, String addon,
                               Map<String, Object> configuration, Resource parent, List<Resource> dependsOn) {
        var args = AddonArgs.builder()
                .clusterName(cluster.name())
                .addonName(addon)
                .resolveConflictsOnCreate("OVERWRITE")
                .resolveConflictsOnUpdate("PRESERVE")
                .addonVersion(cluster.addonVersions().containsKey(addon)
                        ? Output.of(cluster.addonVersions().get(addon))
                        // Asked on every run, so a control-plane upgrade carries the add-on along (docs/internals.md).
                        : EksFunctions.getAddonVersion(GetAddonVersionArgs.builder()
                                        .addonName(addon)
                                        .kubernetesVersion(cluster.kubernetesVersion())
                                        .mostRecent(false)
                                        .build(), InvokeOptions.builder().parent(parent).build())
                                .applyValue(GetAddonVersionResult::version));
        if (!configuration.isEmpty()) {
            args.configurationValues(CanonicalJson.write(configuration));
        }
        return new Addon(resourceName, args.build(),
                CustomResourceOptions.builder().parent(parent).dependsOn(dependsOn).build());
    }
}
