package com.acme.platform.eks.observability;

import com.acme.platform.eks.platform.PlatformContext;
import com.acme.platform.eks.config.ObservabilityConfig;
import com.pulumi.aws.cloudwatch.MetricAlarm;
import com.pulumi.aws.cloudwatch.MetricAlarmArgs;
import com.pulumi.aws.cloudwatch.inputs.MetricAlarmMetricQueryArgs;
import com.pulumi.aws.cloudwatch.inputs.MetricAlarmMetricQueryMetricArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Alarms on what users feel and what breaks the platform: docs/observability.md#the-alarms. */
public final class PlatformAlarms extends ComponentResource {
    static final String ELB = "AWS/ApplicationELB";
    static final String CONTAINER_INSIGHTS = "ContainerInsights";
    /** One-minute periods: ELB publishes its metrics every 60 seconds. */
    static final int PERIOD = 60;
    /** SQS publishes queue metrics every five minutes (SQS developer guide, "Available CloudWatch metrics"). */
    static final int SQS_PERIOD = 300;

    /** {@code loadBalancer}: empty without an Ingress (no ALB alarms); no Container Insights, no node alarms. */
    public record Args(PlatformContext platform, ObservabilityConfig config, Output<String> topicArn,
                       Optional<AppLoadBalancer> loadBalancer, Output<String> interruptionQueueName,
                       boolean containerInsights, int systemNodeMinimum) { }

    private final List<MetricAlarm> alarms = new ArrayList<>();
    private final int evaluationMinutes;

    public PlatformAlarms(String name, Args args, ComponentResourceOptions options) {
        super("eks-platform:observability:PlatformAlarms", name, options);
        var cfg = args.config();
        this.evaluationMinutes = cfg.evaluationMinutes();
        String prefix = args.platform().name() + "-";
        args.loadBalancer().ifPresent(alb -> {
            var lb = alb.loadBalancer().applyValue(v -> Map.of("LoadBalancer", v));
            alarm(name + "-alb-5xx", args, base(prefix + "alb-5xx-ratio",
                    "ALB-generated 5xx (no healthy target, timeouts) above " + cfg.alb5xxPercent() + "% of requests")
                    .metricQueries(ratio("HTTPCode_ELB_5XX_Count", lb))
                    .comparisonOperator("GreaterThanThreshold")
                    .threshold((double) cfg.alb5xxPercent()));
            alarm(name + "-target-5xx", args, base(prefix + "app-5xx-ratio",
                    "The app's own 5xx above " + cfg.target5xxPercent() + "% of requests")
                    .metricQueries(ratio("HTTPCode_Target_5XX_Count", lb))
                    .comparisonOperator("GreaterThanThreshold")
                    .threshold((double) cfg.target5xxPercent()));
            // UnHealthyHostCount exists only per target group (dimensions TargetGroup and LoadBalancer).
            alarm(name + "-unhealthy-targets", args, base(prefix + "unhealthy-targets",
                    "At least " + cfg.unhealthyTargets() + " of the app's targets failing the ALB health check")
                    .namespace(ELB).metricName("UnHealthyHostCount").statistic("Maximum").period(PERIOD)
                    .dimensions(Output.tuple(alb.loadBalancer(), alb.targetGroup())
                            .applyValue(t -> Map.of("LoadBalancer", t.t1, "TargetGroup", t.t2)))
                    .comparisonOperator("GreaterThanOrEqualToThreshold")
                    .threshold((double) cfg.unhealthyTargets()));
            alarm(name + "-p99-latency", args, base(prefix + "p99-latency",
                    "p99 target response time above " + cfg.p99LatencyMillis() + " ms")
                    .namespace(ELB).metricName("TargetResponseTime").extendedStatistic("p99").period(PERIOD)
                    .dimensions(lb)
                    .comparisonOperator("GreaterThanThreshold")
                    .threshold(cfg.p99LatencyMillis() / 1000.0));
        });
        // Messages piling up mean Karpenter no longer handles spot interruptions and instance health events.
        alarm(name + "-interruption-queue", args, base(prefix + "karpenter-interruption-queue-age",
                "Oldest message in Karpenter's interruption queue older than " + cfg.queueAgeSeconds() + " s")
                .namespace("AWS/SQS").metricName("ApproximateAgeOfOldestMessage").statistic("Maximum")
                .period(SQS_PERIOD).evaluationPeriods(1).datapointsToAlarm(1)
                .dimensions(args.interruptionQueueName().applyValue(q -> Map.of("QueueName", q)))
                .comparisonOperator("GreaterThanOrEqualToThreshold")
                .threshold((double) cfg.queueAgeSeconds()));
        if (args.containerInsights()) {
            alarm(name + "-failed-nodes", args, clusterMetric(base(prefix + "failed-nodes",
                    "At least " + cfg.failedNodes() + " nodes with a failed condition (NotReady, pressure)"),
                    args, "cluster_failed_node_count", "Maximum")
                    .comparisonOperator("GreaterThanOrEqualToThreshold")
                    .threshold((double) cfg.failedNodes()));
            // The whole cluster's count: managed node groups publish no group metrics (aws/containers-roadmap#762).
            alarm(name + "-system-capacity", args, clusterMetric(base(prefix + "nodes-below-system-minimum",
                    "Fewer nodes in the cluster than the system node group's minimum (" + args.systemNodeMinimum() + ")"),
                    args, "cluster_node_count", "Minimum")
                    .comparisonOperator("LessThanThreshold")
                    .threshold((double) args.systemNodeMinimum()));
        }
        registerOutputs(Map.of("alarmCount", Output.of(alarms.size())));
    }

    /** Fires when the condition holds for every one of the last {@code evaluationMinutes} periods. */
    private MetricAlarmArgs.Builder base(String alarmName, String description) {
        return MetricAlarmArgs.builder()
                .name(alarmName)
                .alarmDescription(description)
                .evaluationPeriods(evaluationMinutes)
                .datapointsToAlarm(evaluationMinutes)
                .treatMissingData("notBreaching");
    }

    /** A Container Insights metric of the whole cluster. */
    private static MetricAlarmArgs.Builder clusterMetric(MetricAlarmArgs.Builder builder, Args args, String metric,
                                                         String statistic) {
        return builder.namespace(CONTAINER_INSIGHTS).metricName(metric).statistic(statistic).period(PERIOD)
                .dimensions(Map.of("ClusterName", args.platform().name()));
    }

    /** Notifies on ALARM and on OK, so a page is followed by its all-clear. */
    private void alarm(String resourceName, Args args, MetricAlarmArgs.Builder builder) {
        builder.alarmActions(args.topicArn().applyValue(List::of))
                .okActions(args.topicArn().applyValue(List::of));
        alarms.add(new MetricAlarm(resourceName, builder.build(), CustomResourceOptions.builder().parent(this).build()));
    }

    /** {@code 100 * metric / RequestCount} per minute; a minute without requests gives no data point. */
    private static List<MetricAlarmMetricQueryArgs> ratio(String metric, Output<Map<String, String>> dimensions) {
        return List.of(
                query("errors", metric, dimensions),
                query("requests", "RequestCount", dimensions),
                MetricAlarmMetricQueryArgs.builder()
                        .id("ratio")
                        .expression("100 * FILL(errors, 0) / requests")
                        .label(metric + " per request, %")
                        .returnData(true)
                        .build());
    }

    private static MetricAlarmMetricQueryArgs query(String id, String metric, Output<Map<String, String>> dimensions) {
        return MetricAlarmMetricQueryArgs.builder()
                .id(id)
                .returnData(false)
                .metric(MetricAlarmMetricQueryMetricArgs.builder()
                        .namespace(ELB)
                        .metricName(metric)
                        .stat("Sum")
                        .period(PERIOD)
                        .dimensions(dimensions)
                        .build())
                .build();
    }

    public List<MetricAlarm> alarms() {
        return List.copyOf(alarms);
    }
}
