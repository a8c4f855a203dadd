package com.acme.platform.eks;

import com.acme.platform.eks.addons.MetricsServer;
import com.acme.platform.eks.app.AppNamespace;
import com.acme.platform.eks.app.AppWorkload;
import com.acme.platform.eks.app.ArgoCd;
import com.acme.platform.eks.cluster.Cluster;
import com.acme.platform.eks.config.AppConfig;
import com.acme.platform.eks.config.StackConfig;
import com.acme.platform.eks.delivery.DeliveryBootstrap;
import com.acme.platform.eks.edge.Edge;
import com.acme.platform.eks.karpenter.Karpenter;
import com.acme.platform.eks.lifecycle.PreviousOutputs;
import com.acme.platform.eks.lifecycle.StackIdentity;
import com.acme.platform.eks.lifecycle.StackResourceGroup;
import com.acme.platform.eks.network.Network;
import com.acme.platform.eks.observability.LogEncryptionKey;
import com.acme.platform.eks.observability.Observability;
import com.acme.platform.eks.offline.RenderCommand;
import com.acme.platform.eks.offline.StackRegionCommand;
import com.acme.platform.eks.platform.AwsAccount;
import com.acme.platform.eks.platform.PlatformContext;
import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.inputs.ProviderDefaultTagsArgs;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.ComponentResourceOptions;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The Pulumi program ({@code pulumi up} runs the jar bare); {@code render ...} and {@code region ...} work offline. */
public final class Main {
    private Main() { }

    public static void main(String[] args) {
        if (args.length > 0) {
            var rest = Arrays.copyOfRange(args, 1, args.length);
            System.exit("region".equals(args[0]) ? StackRegionCommand.run(rest, System.out, System.err)
                    : RenderCommand.run(args[0], rest));
        }
        // Checked before Pulumi.run: a bad stack config stops the program before it registers anything.
        var config = EngineConfig.read(System.getenv(), System.err);
        if (config.isEmpty()) {
            System.exit(2);
        }
        Pulumi.run(ctx -> compose(ctx, config.get(), PreviousOutputs.OWN_STACK));
    }

    /** @param previous the previous run's outputs: a change of what identifies the stack is refused against them */
    public static void compose(Context ctx, StackConfig config, PreviousOutputs previous) {
        // One explicit provider: every AWS resource gets the common tags and the configured region.
        var aws = new Provider("aws", ProviderArgs.builder()
                .region(config.deliveryBootstrap() ? Output.of(config.region())
                        : StackIdentity.regionAfterCheck(ctx, config, previous))
                .defaultTags(ProviderDefaultTagsArgs.builder().tags(config.commonTags()).build())
                .build());
        var members = new StackResourceGroup.Members();
        var onAws = ComponentResourceOptions.builder().providers(aws).resourceTransformations(members).build();
        var invoke = InvokeOptions.builder().provider(aws).build();
        var platform = PlatformContext.of(config, AwsAccount.lookUp(invoke));
        if (config.deliveryBootstrap()) {
            DeliveryBootstrap.compose(ctx, platform, config.githubDelivery(), onAws);
        } else {
            composePlatform(ctx, config, platform, onAws, invoke);
        }
        new StackResourceGroup("stack-resources", new StackResourceGroup.Args(platform, members.list()),
                ComponentResourceOptions.builder().providers(aws).build());
    }

    private static void composePlatform(Context ctx, StackConfig config, PlatformContext platform,
                                        ComponentResourceOptions onAws, InvokeOptions invoke) {
        var logKey = new LogEncryptionKey("log-key", new LogEncryptionKey.Args(platform), onAws);
        var network = new Network("network", new Network.Args(platform, config.network(), logKey.arn()), onAws)
                .outputs();
        var cluster = Cluster.create(platform, config.cluster(), network, logKey.arn(), onAws).handle();
        var karpenter = new Karpenter("karpenter", new Karpenter.Args(platform, cluster, config.karpenter(),
                config.cluster().zonalShift()), onAws);
        var edge = config.edge().ingressEnabled()
                ? Optional.of(Edge.create(ctx, platform, cluster, config, network.vpcId(), onAws)) : Optional.<Edge>empty();
        new MetricsServer("metrics-server", new MetricsServer.Args(cluster, config.metricsServer()), onAws);
        var alb = edge.map(Edge::ingress);
        var app = new AppNamespace("app", new AppNamespace.Args(cluster, config.app(), alb.isPresent()), onAws);
        // With appDeliveredBy: argocd the workload comes from Git; Pulumi creates only the namespace and its Secret.
        var workload = config.app().deliveredBy() != AppConfig.Delivery.PULUMI ? Optional.<AppWorkload>empty()
                : Optional.of(new AppWorkload("app", new AppWorkload.Args(cluster, config.app(), app, alb, network,
                        List.of(karpenter)), onAws));
        if (config.argoCd().enabled()) {
            new ArgoCd("argocd", new ArgoCd.Args(cluster, config.argoCd(), config.app(), app.name(), alb), onAws);
        }
        Observability.create(ctx, platform, cluster, config, new Observability.Sources(
                workload.flatMap(AppWorkload::loadBalancerHostname), karpenter.interruptionQueueName()),
                onAws, invoke);
        StackOutputs.export(ctx, config, network, cluster, karpenter, app.name());
    }
}
