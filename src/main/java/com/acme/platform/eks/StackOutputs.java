package com.acme.platform.eks;

import com.acme.platform.eks.config.AppConfig;
import com.acme.platform.eks.config.StackConfig;
import com.acme.platform.eks.karpenter.Karpenter;
import com.acme.platform.eks.lifecycle.StackIdentity;
import com.acme.platform.eks.network.Network;
import com.acme.platform.eks.platform.ClusterHandle;
import com.pulumi.Context;
import com.pulumi.core.Output;

/** The platform stack's outputs (docs/outputs.md), from what the components report. */
final class StackOutputs {
    private StackOutputs() { }

    static void export(Context ctx, StackConfig config, Network.Outputs network, ClusterHandle cluster, Karpenter karpenter,
                       Output<String> appNamespace) {
        export(ctx, "region", Output.of(config.region()), "vpcId", network.vpcId(),
                "availabilityZones", network.availabilityZones(), "publicSubnetIds", network.publicSubnetIds(),
                "privateSubnetIds", network.privateSubnetIds());
        // clusterSecurityGroupId: what a runner's security group must be admitted by to reach the API.
        export(ctx, "clusterName", cluster.name(), "clusterEndpoint", cluster.endpoint(),
                "clusterCertificateAuthority", cluster.certificateAuthority(), "clusterOidcIssuer", cluster.oidcIssuer(),
                "clusterSecurityGroupId", cluster.securityGroupId(), "kubeconfig", cluster.kubeconfig());
        export(ctx, "karpenterInterruptionQueueName", karpenter.interruptionQueueName(),
                "karpenterNodeRoleName", karpenter.nodeRoleName(), "appNamespace", appNamespace);
        var identity = StackIdentity.of(config);
        ctx.export(StackIdentity.OUTPUT, network.availabilityZones().applyValue(identity::toOutput));
        exportReleaseCheck(ctx, config);
    }

    /** What deploy.yml's release check reads: docs/delivery.md#release-verification. */
    private static void exportReleaseCheck(Context ctx, StackConfig config) {
        var app = config.app();
        var check = config.releaseCheck();
        boolean isPublic = config.edge().ingressEnabled() && app.exposure() == AppConfig.Exposure.PUBLIC;
        export(ctx, "appName", app.name(), "appExposure", isPublic ? "public" : "internal",
                "appReadinessPath", app.probes().readinessPath());
        export(ctx, "appVersionPath", check.versionPath(), "appVersionField", check.versionField(),
                "appVersionHeader", check.versionHeader().orElse(""), "appExpectedVersion", app.imageTag().orElse(""));
    }

    /** Pairs of output name and value (an Output, or a plain value known now). */
    private static void export(Context ctx, Object... namesAndValues) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object value = namesAndValues[i + 1];
            ctx.export((String) namesAndValues[i], value instanceof Output<?> output ? output : Output.of(value));
        }
    }
}
