package com.acme.platform.eks;

import com.acme.platform.eks.config.ConfigSource;
import com.acme.platform.eks.config.StackConfig;
import com.acme.platform.eks.config.StackConfigLoader;
import com.acme.platform.eks.addons.MetricsServer;
import com.acme.platform.eks.app.Application;
import com.acme.platform.eks.cluster.EksCluster;
import com.acme.platform.eks.gitops.ArgoCd;
import com.acme.platform.eks.network.Network;
import com.acme.platform.eks.render.RenderCommand;
import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.inputs.ProviderDefaultTagsArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;

import java.util.Arrays;
import java.util.List;

/**
 * Entry point. Without arguments (as {@code pulumi up} runs the jar) it runs the Pulumi program; with
 * {@code render ...} it runs the same program offline under the mock engine.
 */
public final class Main {
    private Main() { }

    public static void main(String[] args) {
        if (args.length > 0) {
            System.exit(RenderCommand.run(args[0], Arrays.copyOfRange(args, 1, args.length)));
        }
        Pulumi.run(ctx -> compose(ctx, StackConfigLoader.load(ctx.projectName(), ctx.stackName(),
                ConfigSource.fromPulumi(ctx))));
    }

    /** The whole platform for one validated stack config. */
    public static void compose(Context ctx, StackConfig config) {
        // One explicit provider: every AWS resource gets the common tags and the configured region, whatever
        // the ambient AWS configuration says.
        var aws = new Provider("aws", ProviderArgs.builder()
                .region(config.region())
                .defaultTags(ProviderDefaultTagsArgs.builder().tags(config.commonTags()).build())
                .build());
        var onAws = ComponentResourceOptions.builder().providers(aws).build();

        var network = new Network("network",
                new Network.Args(config.network(), config.cluster().name(), config.region(), config.protect()),
                onAws);

        var cluster = new EksCluster("cluster",
                new EksCluster.Args(config.cluster(), config.region(), network.vpcId(), network.privateSubnetIds(),
                        config.commonTags(), config.protect()),
                onAws);

        // TODO(merge edge): replace with edge.certificateArn(), edge.ingressClassName() and
        // List.of(edge.loadBalancerController()); these placeholders only let this branch render on its own.
        Output<String> certificateArn = Output.of("arn:aws:acm:" + config.region()
                + ":000000000000:certificate/00000000-0000-0000-0000-000000000000");
        String ingressClassName = "alb";
        List<com.pulumi.resources.Resource> ingressDependsOn = List.of();

        new MetricsServer("metrics-server", new MetricsServer.Args(config.metricsServer(),
                cluster.kubernetesProvider(), cluster.systemNodeGroup()), ComponentResourceOptions.builder().build());
        var app = new Application("app", new Application.Args(config.app(), cluster.kubernetesProvider(),
                certificateArn, ingressClassName, ingressDependsOn, config.network().vpcCidr().toString()),
                ComponentResourceOptions.builder().build());
        if (config.argoCd().enabled()) {
            new ArgoCd("argocd", new ArgoCd.Args(config.argoCd(), config.app(), app.namespaceName(),
                    cluster.kubernetesProvider(), certificateArn, ingressClassName, ingressDependsOn,
                    cluster.systemNodeGroup()), ComponentResourceOptions.builder().build());
        }

        ctx.export("region", Output.of(config.region()));
        ctx.export("vpcId", network.vpcId());
        ctx.export("availabilityZones", network.availabilityZones());
        ctx.export("publicSubnetIds", network.publicSubnetIds());
        ctx.export("privateSubnetIds", network.privateSubnetIds());
        ctx.export("clusterName", cluster.clusterName());
        ctx.export("clusterEndpoint", cluster.endpoint());
        ctx.export("clusterCertificateAuthority", cluster.certificateAuthority());
        ctx.export("clusterOidcIssuer", cluster.oidcIssuer());
        ctx.export("kubeconfig", cluster.kubeconfig());
        ctx.export("appNamespace", app.namespaceName());
        ctx.export("appUrl", Output.of("https://" + config.app().hostName()));
    }
}
