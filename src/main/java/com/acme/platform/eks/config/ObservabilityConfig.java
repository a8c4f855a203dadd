package com.acme.platform.eks.config;

import java.util.List;

/**
 * What watches the platform: Container Insights (the amazon-cloudwatch-observability add-on) and the CloudWatch
 * alarms with their SNS topic. Thresholds are config so that an environment tunes them in its stack file.
 *
 * @param subscriptions      email addresses and https:// endpoints subscribed to the alarm topic
 * @param alb5xxPercent      ALB-generated 5xx responses, percent of requests
 * @param target5xxPercent   5xx responses of the app's pods, percent of requests
 * @param unhealthyTargets   unhealthy targets in the app's target group at or above which the alarm fires
 * @param p99LatencyMillis   p99 TargetResponseTime above which the alarm fires
 * @param queueAgeSeconds    age of the oldest message in Karpenter's interruption queue
 * @param failedNodes        Container Insights' failed (not Ready) nodes at or above which the alarm fires
 * @param evaluationMinutes  how long a condition must hold (one-minute periods) before an alarm fires
 */
public record ObservabilityConfig(
        boolean containerInsights,
        boolean alarms,
        List<String> subscriptions,
        int alb5xxPercent,
        int target5xxPercent,
        int unhealthyTargets,
        int p99LatencyMillis,
        int queueAgeSeconds,
        int failedNodes,
        int evaluationMinutes) {

    public ObservabilityConfig {
        subscriptions = List.copyOf(subscriptions);
    }

    static ObservabilityConfig read(ConfigValues v) {
        List<String> subscriptions = v.strings(ConfigKeys.ALARM_SUBSCRIPTIONS);
        if (!subscriptions.isEmpty() && !v.bool(ConfigKeys.ALARMS)) {
            v.problem(ConfigKeys.ALARM_SUBSCRIPTIONS, subscriptions, "has no topic to subscribe to: set "
                    + ConfigKeys.ALARMS.name() + ": true");
        }
        if (subscriptions.size() != new java.util.HashSet<>(subscriptions).size()) {
            v.problem(ConfigKeys.ALARM_SUBSCRIPTIONS, subscriptions, "lists an endpoint twice");
        }
        if (!v.valid(ConfigKeys.CONTAINER_INSIGHTS, ConfigKeys.ALARMS, ConfigKeys.ALARM_SUBSCRIPTIONS,
                ConfigKeys.ALARM_ALB_5XX_PERCENT, ConfigKeys.ALARM_TARGET_5XX_PERCENT,
                ConfigKeys.ALARM_UNHEALTHY_TARGETS, ConfigKeys.ALARM_P99_LATENCY_MS, ConfigKeys.ALARM_QUEUE_AGE_SECONDS,
                ConfigKeys.ALARM_FAILED_NODES, ConfigKeys.ALARM_EVALUATION_MINUTES)) {
            return null;
        }
        return new ObservabilityConfig(v.bool(ConfigKeys.CONTAINER_INSIGHTS), v.bool(ConfigKeys.ALARMS), subscriptions,
                v.integer(ConfigKeys.ALARM_ALB_5XX_PERCENT), v.integer(ConfigKeys.ALARM_TARGET_5XX_PERCENT),
                v.integer(ConfigKeys.ALARM_UNHEALTHY_TARGETS), v.integer(ConfigKeys.ALARM_P99_LATENCY_MS),
                v.integer(ConfigKeys.ALARM_QUEUE_AGE_SECONDS), v.integer(ConfigKeys.ALARM_FAILED_NODES),
                v.integer(ConfigKeys.ALARM_EVALUATION_MINUTES));
    }
}
