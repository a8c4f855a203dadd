package com.acme.platform.eks;

import com.acme.platform.eks.config.AppConfig;
import com.acme.platform.eks.config.StackConfig;
import com.acme.platform.eks.karpenter.Karpenter;
import com.acme.platform.eks.lifecycle.StackIdentity;
import com.acme.platform.eks.network.Network;
import com.acme.platform.eks.platform.ClusterHandle;
import com.pulumi.Context;
import com.pulumi.core.Output;

/** The platform stack's outputs (the README's table), from what the components report. */
final class StackOutputs {
    private StackOutputs() { }

    static void export(Context ctx, StackConfig config, Network.Outputs network, ClusterHandle cluster, Karpenter karpenter,
                       Output<String> appNamespace) {
        ctx.export("region", Output.of(config.region()));
        ctx.export("vpcId", network.vpcId());
        ctx.export("availabilityZones", network.availabilityZones());
        ctx.export("publicSubnetIds", network.publicSubnetIds());
        ctx.export("privateSubnetIds", network.privateSubnetIds());
        ctx.export("clusterName", cluster.name());
        ctx.export("clusterEndpoint", cluster.endpoint());
        ctx.export("clusterCertificateAuthority", cluster.certificateAuthority());
        ctx.export("clusterOidcIssuer", cluster.oidcIssuer());
        // What a runner's security group must be admitted by (clusterApiAccessSecurityGroupIds) to reach the API.
        ctx.export("clusterSecurityGroupId", cluster.securityGroupId());
        ctx.export("kubeconfig", cluster.kubeconfig());
        ctx.export("karpenterInterruptionQueueName", karpenter.interruptionQueueName());
        ctx.export("karpenterNodeRoleName", karpenter.nodeRoleName());
        ctx.export("appNamespace", appNamespace);
        var identity = StackIdentity.of(config);
        ctx.export(StackIdentity.OUTPUT, network.availabilityZones().applyValue(identity::toOutput));
        exportReleaseCheck(ctx, config);
    }

    /**
     * What deploy.yml's release check reads (scripts/verify-release): where the app answers and which version it
     * must report (the image tag; with a digest only there is none, and the check proves readiness alone).
     */
    private static void exportReleaseCheck(Context ctx, StackConfig config) {
        var app = config.app();
        var check = config.releaseCheck();
        ctx.export("appName", Output.of(app.name()));
        ctx.export("appExposure", Output.of(config.edge().ingressEnabled() && app.exposure() == AppConfig.Exposure.PUBLIC
                ? "public" : "internal"));
        ctx.export("appReadinessPath", Output.of(app.probes().readinessPath()));
        ctx.export("appVersionPath", Output.of(check.versionPath()));
        ctx.export("appVersionField", Output.of(check.versionField()));
        ctx.export("appVersionHeader", Output.of(check.versionHeader().orElse("")));
        ctx.export("appExpectedVersion", Output.of(app.imageTag().orElse("")));
    }
}
