package com.acme.platform.eks.config;

import java.util.HashSet;
import java.util.List;

/** Container Insights and the alarms with their topic; thresholds per stack file. */
public record ObservabilityConfig(
        @Key(value = "containerInsights", dflt = "false", doc = "Container Insights through the EKS add-on"
                + " `amazon-cloudwatch-observability`, its agent with its own Pod Identity role"
                + " ([docs/observability.md](docs/observability.md))") boolean containerInsights,
        @Key(value = "alarms", dflt = "false", doc = "CloudWatch alarms (ALB 5xx ratio, app 5xx ratio, unhealthy"
                + " targets, p99 latency, interruption queue age, failed and missing nodes) notifying an SNS topic"
                + " encrypted with a KMS key of the program") boolean alarms,
        @Key(value = "alarmSubscriptions", dflt = "[]", regex = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+|https://[^\\s]+",
                msg = "is neither an email address nor an https:// URL (SNS would deliver plain http unencrypted)",
                doc = "email addresses and `https://` endpoints subscribed to the alarm topic (emails must be confirmed"
                        + " by their recipient)") List<String> subscriptions,
        @Key(value = "alarmAlb5xxPercent", dflt = "5", min = 1, max = 100, doc = "ALB-generated 5xx, percent of"
                + " requests, 1 to 100") int alb5xxPercent,
        @Key(value = "alarmTarget5xxPercent", dflt = "5", min = 1, max = 100, doc = "the app's 5xx, percent of"
                + " requests, 1 to 100") int target5xxPercent,
        @Key(value = "alarmUnhealthyTargets", dflt = "1", min = 1, max = 1000, doc = "unhealthy targets"
                + " (`UnHealthyHostCount`) that fire the alarm") int unhealthyTargets,
        @Key(value = "alarmP99LatencyMs", dflt = "2000", min = 1, max = 60_000, doc = "p99 `TargetResponseTime` in"
                + " milliseconds above which the alarm fires") int p99LatencyMillis,
        @Key(value = "alarmInterruptionQueueAgeSeconds", dflt = "300", min = 60, max = 86_400, doc = "age of the oldest"
                + " message in Karpenter's interruption queue, seconds") int queueAgeSeconds,
        @Key(value = "alarmFailedNodes", dflt = "1", min = 1, max = 1000, doc = "nodes with a failed condition"
                + " (`cluster_failed_node_count`) that fire the alarm") int failedNodes,
        @Key(value = "alarmEvaluationMinutes", dflt = "5", min = 1, max = 60, doc = "one-minute periods a condition"
                + " must hold before an alarm fires (and clears)") int evaluationMinutes)
        implements ConfigValues.Checked {

    @Override
    public void check(ConfigValues v) {
        v.unless(subscriptions.isEmpty() || alarms, "alarmSubscriptions", subscriptions, "has no topic to subscribe"
                + " to: set alarms: true");
        v.unless(subscriptions.size() == new HashSet<>(subscriptions).size(), "alarmSubscriptions", subscriptions,
                "lists an endpoint twice");
    }
}
