package com.acme.platform.eks.observability;

import com.acme.platform.eks.app.AppWorkload;
import com.acme.platform.eks.config.StackConfig;
import com.acme.platform.eks.platform.ClusterHandle;
import com.acme.platform.eks.platform.PlatformContext;
import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.ComponentResourceOptions;

import java.util.Optional;

/** What the stack watches ({@code observability*} keys): Container Insights, and alarms to an SNS topic. */
public final class Observability {
    private Observability() { }

    /** {@code appLoadBalancerHostname}: empty without an Ingress. */
    public record Sources(Optional<Output<String>> appLoadBalancerHostname, Output<String> interruptionQueueName) { }

    public static void create(Context ctx, PlatformContext platform, ClusterHandle cluster, StackConfig config,
                              Sources sources, ComponentResourceOptions options, InvokeOptions invoke) {
        var watch = config.observability();
        if (watch.containerInsights()) {
            new ContainerInsights("container-insights", new ContainerInsights.Args(platform, cluster), options);
        }
        if (watch.alarms()) {
            var topic = new AlarmTopic("alarm-topic", new AlarmTopic.Args(platform, watch.subscriptions()), options);
            var loadBalancer = sources.appLoadBalancerHostname().map(hostname -> AppLoadBalancer.lookUp(
                    cluster.name(), hostname, AppWorkload.ingressStack(config.app()), invoke));
            new PlatformAlarms("alarms", new PlatformAlarms.Args(platform, watch, topic.topicArn(), loadBalancer,
                    sources.interruptionQueueName(), watch.containerInsights(),
                    config.cluster().systemNodes().minSize()), options);
            ctx.export("alarmTopicArn", topic.topicArn());
        }
    }
}
