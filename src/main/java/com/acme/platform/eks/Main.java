package com.acme.platform.eks;

import com.acme.platform.eks.config.ConfigException;
import com.acme.platform.eks.config.ConfigSource;
import com.acme.platform.eks.config.AppConfig;
import com.acme.platform.eks.config.StackConfig;
import com.acme.platform.eks.config.StackConfigLoader;
import com.acme.platform.eks.addons.MetricsServer;
import com.acme.platform.eks.app.Application;
import com.acme.platform.eks.cluster.EksCluster;
import com.acme.platform.eks.delivery.GithubDeployRoles;
import com.acme.platform.eks.observability.LogEncryptionKey;
import com.acme.platform.eks.karpenter.Karpenter;
import com.acme.platform.eks.edge.AlbIngress;
import com.acme.platform.eks.edge.DelegationZone;
import com.acme.platform.eks.edge.Dns;
import com.acme.platform.eks.edge.ExternalDns;
import com.acme.platform.eks.edge.LoadBalancerController;
import com.acme.platform.eks.app.ArgoCd;
import com.acme.platform.eks.platform.AwsAccount;
import com.acme.platform.eks.lifecycle.IdentityChangeRefused;
import com.acme.platform.eks.lifecycle.PreviousOutputs;
import com.acme.platform.eks.lifecycle.StackIdentity;
import com.acme.platform.eks.lifecycle.StackResourceGroup;
import com.acme.platform.eks.network.Network;
import com.acme.platform.eks.observability.AlarmTopic;
import com.acme.platform.eks.observability.AppLoadBalancer;
import com.acme.platform.eks.observability.ContainerInsights;
import com.acme.platform.eks.observability.PlatformAlarms;
import com.acme.platform.eks.offline.RenderCommand;
import com.acme.platform.eks.offline.StackRegionCommand;
import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.inputs.ProviderDefaultTagsArgs;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Entry point. Without arguments (as {@code pulumi up} runs the jar) it runs the Pulumi program; with
 * {@code render ...} it runs the same program offline under the mock engine.
 */
public final class Main {
    private Main() { }

    public static void main(String[] args) {
        if (args.length > 0 && "region".equals(args[0])) {
            System.exit(StackRegionCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        if (args.length > 0) {
            System.exit(RenderCommand.run(args[0], Arrays.copyOfRange(args, 1, args.length)));
        }
        // Checked before Pulumi.run: a bad stack config stops the program before it registers anything.
        var config = configOfEngine(System.getenv(), System.err);
        if (config.isEmpty()) {
            System.exit(2);
        }
        Pulumi.run(ctx -> compose(ctx, config.get(), PreviousOutputs.OWN_STACK));
    }

    /**
     * The whole stack config the Pulumi engine hands the program (PULUMI_PROJECT, PULUMI_STACK, PULUMI_CONFIG), read
     * as strictly as {@code render} reads a stack file; empty after printing every problem.
     */
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

    /**
     * The whole program for one validated stack config: the platform, or - in the delivery bootstrap stack
     * ({@code eks-platform:deliveryBootstrap: true}) - only the GitHub deploy roles the platform stacks are deployed
     * with.
     */
    public static void compose(Context ctx, StackConfig config) {
        compose(ctx, config, PreviousOutputs.NONE);
    }

    /**
     * @param previous the outputs of the stack's previous run, against which a change of what identifies the stack
     *                 is refused ({@link StackIdentity})
     */
    public static void compose(Context ctx, StackConfig config, PreviousOutputs previous) {
        // One explicit provider: every AWS resource gets the common tags and the configured region, whatever
        // the ambient AWS configuration says. Its region waits for the identity check: a refused change fails
        // before any AWS resource (and so any Kubernetes one) is registered.
        var aws = new Provider("aws", ProviderArgs.builder()
                .region(config.deliveryBootstrap() ? Output.of(config.region()) : identityChecked(ctx, config, previous))
                .defaultTags(ProviderDefaultTagsArgs.builder().tags(config.commonTags()).build())
                .build());
        var onAws = ComponentResourceOptions.builder().providers(aws).build();
        var onAwsInvoke = InvokeOptions.builder().provider(aws).build();
        var account = AwsAccount.lookUp(onAwsInvoke);

        if (config.deliveryBootstrap()) {
            composeDeliveryBootstrap(ctx, config, account, onAws);
        } else {
            composePlatform(ctx, config, account, onAws, onAwsInvoke);
        }
    }

    private static Output<String> identityChecked(Context ctx, StackConfig config, PreviousOutputs previous) {
        var identity = StackIdentity.of(config);
        return previous.read(ctx, config).applyValue(outputs -> {
            StackIdentity.fromOutputs(outputs).ifPresent(before -> {
                var refusals = identity.refusals(before, config.plannedRebuild());
                if (!refusals.isEmpty()) {
                    throw new IdentityChangeRefused(config.stack(), refusals);
                }
            });
            return config.region();
        });
    }

    private static void composePlatform(Context ctx, StackConfig config, AwsAccount account,
                                        ComponentResourceOptions onAws, InvokeOptions onAwsInvoke) {
        var everything = new ArrayList<Resource>();
        var logKey = new LogEncryptionKey("log-key",
                new LogEncryptionKey.Args(config.cluster().name(), config.region(), account, config.protect()), onAws);
        everything.add(logKey);
        var network = new Network("network",
                new Network.Args(config.network(), config.cluster().name(), config.region(), account,
                        config.protect(), logKey.arn()),
                onAws);
        everything.add(network);

        var cluster = new EksCluster("cluster",
                new EksCluster.Args(config.cluster(), config.region(), account, network.vpcId(),
                        network.privateSubnetIds(), config.commonTags(), config.protect(), logKey.arn(),
                        network.egress()),
                onAws);
        everything.add(cluster);

        var karpenter = new Karpenter("karpenter",
                new Karpenter.Args(config.karpenter(), config.cluster().name(), config.region(), account, cluster,
                        config.commonTags(), config.cluster().zonalShift()),
                onAws);
        everything.add(karpenter);

        Optional<AlbIngress> alb = Optional.empty();
        var edge = config.edge();
        if (edge.ingressEnabled()) {
            var dns = new Dns("dns", new Dns.Args(edge, network.vpcId(), account, config.protect()), onAws);
            everything.add(dns);
            var loadBalancerController = new LoadBalancerController("load-balancer-controller",
                    new LoadBalancerController.Args(cluster.clusterName(), config.region(), network.vpcId(),
                            edge.loadBalancerControllerReplicas(), cluster.kubernetesProvider(),
                            cluster.systemServices(), account.permissionsBoundary()), onAws);
            everything.add(loadBalancerController);
            everything.add(new ExternalDns("external-dns-public", new ExternalDns.Args(ExternalDns.ZoneType.PUBLIC,
                    dns.publicZoneName(), List.of(dns.privateZoneName()), dns.publicZoneId(), dns.publicZoneArn(),
                    cluster.clusterName(), ExternalDns.ownerId(config.project(), config.stack()), config.region(),
                    edge.externalDnsPolicy(), cluster.kubernetesProvider(),
                    cluster.systemServices(), account.permissionsBoundary()), onAws));
            everything.add(new ExternalDns("external-dns-private", new ExternalDns.Args(ExternalDns.ZoneType.PRIVATE,
                    dns.privateZoneName(), List.of(), dns.privateZoneId(), dns.privateZoneArn(),
                    cluster.clusterName(), ExternalDns.ownerId(config.project(), config.stack()), config.region(),
                    edge.externalDnsPolicy(), cluster.kubernetesProvider(),
                    cluster.systemServices(), account.permissionsBoundary()), onAws));
            alb = Optional.of(new AlbIngress(dns.certificateArn(), LoadBalancerController.INGRESS_CLASS,
                    List.of(loadBalancerController.release(), loadBalancerController.ingressClass())));
            ctx.export("publicZoneId", dns.publicZoneId());
            if (edge.publicZoneId().isEmpty()) {
                // Only a zone this stack creates has name servers to delegate to; the bootstrap stack's zone
                // (publicZoneId) exports its own.
                ctx.export("publicZoneNameServers", dns.publicNameServers());
            }
            ctx.export("privateZoneId", dns.privateZoneId());
            ctx.export("certificateArn", dns.certificateArn());
            ctx.export("ingressClassName", loadBalancerController.ingressClassName());
            ctx.export("appUrl", Output.of("https://" + config.app().hostName()));
        }

        everything.add(new MetricsServer("metrics-server", new MetricsServer.Args(config.metricsServer(),
                cluster.kubernetesProvider(), cluster.systemServices()), onAws));
        // The app's pods run only on Karpenter's nodes: the Deployment waits for Karpenter (depending on the
        // component waits for all of its resources, the NodePool among them; Karpenter does not expose the NodePool
        // alone).
        // The ALB controller puts an internet-facing ALB into the public subnets, an internal one into the private;
        // their CIDRs as the Network reports them, so the policy follows the subnets the ALB is in, not the config.
        var albSubnets = config.app().exposure() == AppConfig.Exposure.PUBLIC ? network.publicSubnetCidrs()
                : network.privateSubnetCidrs();
        var app = new Application("app", new Application.Args(config.app(), cluster.kubernetesProvider(),
                alb, albSubnets, List.of(karpenter)), onAws);
        everything.add(app);
        if (config.argoCd().enabled()) {
            everything.add(new ArgoCd("argocd", new ArgoCd.Args(config.argoCd(), config.app(), app.namespaceName(),
                    cluster.kubernetesProvider(), alb, cluster.systemServices()), onAws));
        }

        var watch = config.observability();
        if (watch.containerInsights()) {
            everything.add(new ContainerInsights("container-insights", new ContainerInsights.Args(cluster.clusterName(),
                    config.cluster().kubernetesVersion(),
                    Optional.ofNullable(config.cluster().addonVersions().get(ContainerInsights.ADDON)), account,
                    cluster.systemServices()), onAws));
        }
        if (watch.alarms()) {
            var topic = new AlarmTopic("alarm-topic", new AlarmTopic.Args(config.cluster().name(), config.region(),
                    account, watch.subscriptions(), config.protect()), onAws);
            var loadBalancer = app.loadBalancerHostname().map(hostname -> AppLoadBalancer.lookUp(
                    cluster.clusterName(), hostname, Application.ingressStack(config.app()), onAwsInvoke));
            everything.add(topic);
            everything.add(new PlatformAlarms("alarms", new PlatformAlarms.Args(config.cluster().name(), watch, topic.topicArn(),
                    loadBalancer, karpenter.interruptionQueueName(), watch.containerInsights(),
                    config.cluster().systemNodes().minSize()), onAws));
            ctx.export("alarmTopicArn", topic.topicArn());
        }

        new StackResourceGroup("stack-resources",
                new StackResourceGroup.Args(config.project(), config.stack(), config.protect(), everything), onAws);

        ctx.export("region", Output.of(config.region()));
        ctx.export("vpcId", network.vpcId());
        ctx.export("availabilityZones", network.availabilityZones());
        ctx.export("publicSubnetIds", network.publicSubnetIds());
        ctx.export("privateSubnetIds", network.privateSubnetIds());
        ctx.export("clusterName", cluster.clusterName());
        ctx.export("clusterEndpoint", cluster.endpoint());
        ctx.export("clusterCertificateAuthority", cluster.certificateAuthority());
        ctx.export("clusterOidcIssuer", cluster.oidcIssuer());
        // What a runner's security group must be admitted by (clusterApiAccessSecurityGroupIds) to reach the API.
        ctx.export("clusterSecurityGroupId", cluster.clusterSecurityGroupId());
        ctx.export("kubeconfig", cluster.kubeconfig());
        ctx.export("karpenterInterruptionQueueName", karpenter.interruptionQueueName());
        ctx.export("karpenterNodeRoleName", karpenter.nodeRoleName());

        ctx.export("appNamespace", app.namespaceName());
        var identity = StackIdentity.of(config);
        ctx.export(StackIdentity.OUTPUT, network.availabilityZones().applyValue(identity::toOutput));
        exportReleaseCheck(ctx, config);
    }

    /**
     * What deploy.yml's release check reads (scripts/verify-release): where the app answers and which version it
     * must report once the release is live. The expected version is the image tag; with a digest only there is
     * none, and the check then proves readiness alone.
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

    /** Applied once by an administrator with local credentials (docs/delivery.md); the outputs become the
     *  repository variables the workflows assume the roles by. */
    private static void composeDeliveryBootstrap(Context ctx, StackConfig config, AwsAccount account,
                                                 ComponentResourceOptions onAws) {
        var roles = new GithubDeployRoles("github-deploy-roles",
                new GithubDeployRoles.Args(config.project(), config.githubDelivery(), account, config.protect()),
                onAws);
        var everything = new java.util.ArrayList<com.pulumi.resources.Resource>(List.of(roles));

        // The account's public zone, so its delegation (and dev's, by an NS record in prod's parent zone) is done
        // before the first platform up; the platform stack then names it in publicZoneId.
        config.githubDelivery().publicZoneDomain().ifPresent(domain -> {
            var zone = new DelegationZone("public-zone", new DelegationZone.Args(domain,
                    config.githubDelivery().publicZoneDelegations(), config.protect()), onAws);
            everything.add(zone);
            ctx.export("publicZoneName", Output.of(domain));
            ctx.export("publicZoneId", zone.zoneId());
            ctx.export("publicZoneNameServers", zone.nameServers());
        });
        new StackResourceGroup("stack-resources",
                new StackResourceGroup.Args(config.project(), config.stack(), config.protect(), everything), onAws);
        ctx.export("githubOidcProviderArn", roles.oidcProviderArn());
        ctx.export("permissionsBoundaryArn", roles.permissionsBoundaryArn());
        // Only the roles this account's stack builds: an output for a role that does not exist (an empty ARN)
        // would end up in a repository variable and fail only at the next workflow run.
        for (var role : com.acme.platform.eks.config.GithubDeployRole.values()) {
            roles.roleArn(role).ifPresent(arn -> ctx.export(GithubDeployRoles.OUTPUT_OF_ROLE.get(role), arn));
        }
    }
}
