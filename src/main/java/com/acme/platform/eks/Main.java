package com.acme.platform.eks;

import com.acme.platform.eks.addons.ClusterAddons;
import com.acme.platform.eks.addons.MetricsServer;
import com.acme.platform.eks.app.AppNamespace;
import com.acme.platform.eks.app.AppWorkload;
import com.acme.platform.eks.app.ArgoCd;
import com.acme.platform.eks.cluster.EksCluster;
import com.acme.platform.eks.cluster.SystemNodeGroup;
import com.acme.platform.eks.config.AppConfig;
import com.acme.platform.eks.config.ConfigException;
import com.acme.platform.eks.config.ConfigSource;
import com.acme.platform.eks.config.StackConfig;
import com.acme.platform.eks.config.StackConfigLoader;
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

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Entry point: without arguments (as {@code pulumi up} runs the jar) the Pulumi program; {@code render ...} runs
 * it offline under the mock engine, {@code region ...} prints a stack file's region.
 */
public final class Main {
    private Main() { }

    public static void main(String[] args) {
        if (args.length > 0) {
            var rest = Arrays.copyOfRange(args, 1, args.length);
            System.exit("region".equals(args[0]) ? StackRegionCommand.run(rest, System.out, System.err)
                    : RenderCommand.run(args[0], rest));
        }
        // Checked before Pulumi.run: a bad stack config stops the program before it registers anything.
        var config = configOfEngine(System.getenv(), System.err);
        if (config.isEmpty()) {
            System.exit(2);
        }
        Pulumi.run(ctx -> compose(ctx, config.get(), PreviousOutputs.OWN_STACK));
    }

    /** The stack config the engine hands the program (PULUMI_CONFIG), read as strictly as {@code render} reads a file. */
    public static Optional<StackConfig> configOfEngine(Map<String, String> environment, PrintStream err) {
        String stack = environment.getOrDefault("PULUMI_STACK", "");
        try {
            var config = StackConfigLoader.load(environment.getOrDefault("PULUMI_PROJECT", "eks-platform"), stack,
                    ConfigSource.fromEngine(environment));
            config.warnings().forEach(w -> err.println("warning: " + w));
            return Optional.of(config);
        } catch (ConfigException e) {
            err.println(e.getMessage());
        } catch (RuntimeException e) {
            err.println("Invalid configuration for stack '" + stack + "': it could not be read ("
                    + e.getClass().getSimpleName() + ")");
        }
        return Optional.empty();
    }

    public static void compose(Context ctx, StackConfig config) {
        compose(ctx, config, PreviousOutputs.NONE);
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
        var platform = new PlatformContext(config.project(), config.stack(), config.deliveryBootstrap()
                ? config.project() + "-" + config.stack() : config.cluster().name(), config.region(),
                AwsAccount.lookUp(invoke), config.protect(), config.commonTags());
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
        var eks = new EksCluster("cluster", new EksCluster.Args(platform, config.cluster(),
                network.privateSubnetIds(), logKey.arn(), network.egress()), onAws);
        var systemNodes = new SystemNodeGroup("cluster-system", new SystemNodeGroup.Args(platform, eks.handle(),
                config.cluster(), network.privateSubnetIds(),
                Stream.concat(eks.nodePrerequisites().stream(), network.egress().stream()).toList()), onAws);
        var addons = new ClusterAddons("cluster", new ClusterAddons.Args(platform, eks.handle(),
                systemNodes.nodeGroup()), onAws);
        var cluster = eks.handle().withSystemServices(systemNodes.nodeGroup(),
                List.of(systemNodes.nodeGroup(), addons.coreDns()));
        var karpenter = new Karpenter("karpenter", new Karpenter.Args(platform, cluster, config.karpenter(),
                config.cluster().zonalShift()), onAws);
        var edge = config.edge().ingressEnabled()
                ? Optional.of(Edge.create(platform, cluster, config.edge(), network.vpcId(), onAws)) : Optional.<Edge>empty();
        edge.ifPresent(e -> e.export(ctx, config.edge(), config.app().hostName()));
        new MetricsServer("metrics-server", new MetricsServer.Args(cluster, config.metricsServer()), onAws);

        var alb = edge.map(Edge::ingress);
        var app = new AppNamespace("app", new AppNamespace.Args(cluster, config.app(), alb.isPresent()), onAws);
        // The ALB's subnets as the Network reports them: the app's NetworkPolicy admits traffic from there.
        var albSubnets = config.app().exposure() == AppConfig.Exposure.PUBLIC ? network.publicSubnetCidrs()
                : network.privateSubnetCidrs();
        // The pods run only on Karpenter's nodes: the Deployment waits for Karpenter (its NodePool among it).
        var workload = config.app().deliveredBy() == AppConfig.Delivery.PULUMI
                ? Optional.of(new AppWorkload("app", new AppWorkload.Args(cluster, config.app(), app, alb, albSubnets,
                        List.of(karpenter)), onAws)) : Optional.<AppWorkload>empty();
        if (config.argoCd().enabled()) {
            new ArgoCd("argocd", new ArgoCd.Args(cluster, config.argoCd(), config.app(), app.name(), alb), onAws);
        }
        Observability.create(ctx, platform, cluster, config, new Observability.Sources(
                workload.flatMap(AppWorkload::loadBalancerHostname), karpenter.interruptionQueueName()), onAws, invoke);
        StackOutputs.export(ctx, config, network, cluster, karpenter, app.name());
    }
}
