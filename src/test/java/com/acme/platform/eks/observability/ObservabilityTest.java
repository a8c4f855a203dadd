package com.acme.platform.eks.observability;

import com.acme.platform.eks.Stacks;
import com.acme.platform.eks.offline.Plan;
import com.acme.platform.eks.offline.PlannedResource;
import com.google.gson.Gson;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static com.acme.platform.eks.ResourceTypes.ADDON;
import static com.acme.platform.eks.ResourceTypes.ALARM;
import static com.acme.platform.eks.ResourceTypes.KEY;
import static com.acme.platform.eks.ResourceTypes.TOPIC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Container Insights, the alarm topic and the alarms, as prod's and dev's plans register them. */
class ObservabilityTest {
    static final Set<String> PROD_ALARMS = Set.of("eks-platform-prod-alb-5xx-ratio", "eks-platform-prod-app-5xx-ratio",
            "eks-platform-prod-unhealthy-targets", "eks-platform-prod-p99-latency",
            "eks-platform-prod-karpenter-interruption-queue-age", "eks-platform-prod-failed-nodes",
            "eks-platform-prod-nodes-below-system-minimum");

    private static Set<String> alarmNames(Plan plan) {
        return plan.ofType(ALARM).stream().map(a -> a.string("name")).collect(Collectors.toSet());
    }

    private static PlannedResource alarm(Plan plan, String name) {
        return plan.ofType(ALARM).stream().filter(a -> name.equals(a.string("name"))).findFirst().orElseThrow();
    }

    @Test
    void prodRunsContainerInsightsThroughTheAddonWithItsOwnPodIdentityRole() {
        var plan = Stacks.plan("prod");
        var addon = plan.get(ADDON, "container-insights");
        assertEquals(ContainerInsights.ADDON, addon.string("addonName"));
        var association = plan.get("aws:eks/podIdentityAssociation:PodIdentityAssociation", "container-insights-agent");
        assertEquals("amazon-cloudwatch", association.string("namespace"));
        assertEquals("cloudwatch-agent", association.string("serviceAccount"));
        assertTrue(addon.dependsOn().contains(association.name()), "the role is bound before the agent starts");
        assertTrue(addon.dependsOn().containsAll(List.of("cluster-system", "cluster-coredns")), addon.dependsOn()::toString);
        var policy = plan.get("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "container-insights-agent-managed-0");
        assertEquals("arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy", policy.string("policyArn"));
        String trust = plan.get("aws:iam/role:Role", "container-insights-agent-role").string("assumeRolePolicy");
        assertTrue(trust.contains("\"aws:RequestTag/kubernetes-service-account\":\"cloudwatch-agent\""), trust);
    }

    @Test
    void theAlarmTopicIsEncryptedWithAKeyOfTheProgramThatCloudWatchMayUse() {
        var plan = Stacks.plan("prod");
        var topic = plan.get(TOPIC, "alarm-topic");
        var key = plan.get(KEY, "alarm-topic");
        assertTrue(topic.string("kmsMasterKeyId").startsWith("arn:aws:kms:eu-west-1:123456789012:key/alarm-topic"),
                "a customer-managed key of the program, not the AWS-managed alias/aws/sns: " + topic.inputs());
        assertTrue(topic.dependsOn().contains(key.name()), "the topic uses the program's key");
        @SuppressWarnings("unchecked")
        var statements = (List<Map<String, Object>>) new Gson().fromJson(key.string("policy"), Map.class).get("Statement");
        var cloudwatch = statements.stream()
                .filter(s -> Map.of("Service", "cloudwatch.amazonaws.com").equals(s.get("Principal")))
                .findFirst().orElseThrow(() -> new AssertionError("no key policy statement for CloudWatch alarms"));
        assertEquals(List.of("kms:Decrypt", "kms:GenerateDataKey*"), cloudwatch.get("Action"));
        assertTrue(key.protect(), "prod protects its KMS keys");
        String topicPolicy = plan.get("aws:sns/topicPolicy:TopicPolicy", "alarm-topic").string("policy");
        assertTrue(topicPolicy.contains("arn:aws:cloudwatch:eu-west-1:123456789012:alarm:*"), topicPolicy);
        var subscription = plan.get("aws:sns/topicSubscription:TopicSubscription", "alarm-topic-0");
        assertEquals("email", subscription.string("protocol"));
        assertEquals("platform-oncall@example.com", subscription.string("endpoint"));
    }

    @Test
    void prodAlarmsOnWhatUsersFeelAndWhatBreaksThePlatform() {
        assertEquals(PROD_ALARMS, alarmNames(Stacks.plan("prod")));
    }

    @Test
    void everyAlarmNotifiesTheTopicWhenItFiresAndWhenItClears() {
        var plan = Stacks.plan("prod");
        Object topicArn = plan.outputs().get("alarmTopicArn");
        assertEquals("arn:aws:sns:eu-west-1:123456789012:eks-platform-prod-alarms", topicArn);
        for (var alarm : plan.ofType(ALARM)) {
            assertEquals(List.of(topicArn), alarm.input("alarmActions"), alarm.name());
            assertEquals(List.of(topicArn), alarm.input("okActions"), alarm.name());
        }
    }

    @Test
    void albAlarmsWatchTheAlbTheControllerCreatedForTheAppsIngress() {
        var plan = Stacks.plan("prod");
        var ratio = alarm(plan, "eks-platform-prod-alb-5xx-ratio");
        @SuppressWarnings("unchecked")
        var queries = (List<Map<String, Object>>) ratio.input("metricQueries");
        var byId = queries.stream().collect(Collectors.toMap(q -> (String) q.get("id"), q -> q));
        assertEquals("100 * FILL(errors, 0) / requests", byId.get("ratio").get("expression"));
        assertEquals("HTTPCode_ELB_5XX_Count", ratio.string("metricQueries.0.metric.metricName"));
        assertEquals("RequestCount", ratio.string("metricQueries.1.metric.metricName"));
        String loadBalancer = ratio.string("metricQueries.0.metric.dimensions.LoadBalancer");
        assertTrue(loadBalancer.matches("app/k8s-backend-backend-[0-9a-f]+/[0-9a-f]{16}"), loadBalancer);
        assertEquals(loadBalancer, alarm(plan, "eks-platform-prod-p99-latency").string("dimensions.LoadBalancer"));
        var unhealthy = alarm(plan, "eks-platform-prod-unhealthy-targets");
        assertEquals(loadBalancer, unhealthy.string("dimensions.LoadBalancer"));
        assertTrue(unhealthy.string("dimensions.TargetGroup").startsWith("targetgroup/"), unhealthy.inputs()::toString);
        assertEquals("HTTPCode_Target_5XX_Count",
                alarm(plan, "eks-platform-prod-app-5xx-ratio").string("metricQueries.0.metric.metricName"));
        assertEquals("p99", alarm(plan, "eks-platform-prod-p99-latency").string("extendedStatistic"));
    }

    @Test
    void thresholdsComeFromTheStackFile() {
        var plan = Stacks.plan("prod");
        assertEquals(1.0, ((Number) alarm(plan, "eks-platform-prod-p99-latency").input("threshold")).doubleValue(),
                "prod sets alarmP99LatencyMs: 1000");
        assertEquals(3.0, ((Number) alarm(plan, "eks-platform-prod-nodes-below-system-minimum").input("threshold"))
                .doubleValue(), "prod's systemNodeMinSize");
        var tuned = Stacks.plan("prod", Map.of("alarmAlb5xxPercent", 2, "alarmP99LatencyMs", 1500,
                "alarmInterruptionQueueAgeSeconds", 120, "alarmEvaluationMinutes", 3));
        var ratio = alarm(tuned, "eks-platform-prod-alb-5xx-ratio");
        assertEquals(2.0, ((Number) ratio.input("threshold")).doubleValue());
        assertEquals(3, ((Number) ratio.input("evaluationPeriods")).intValue());
        assertEquals(1.5, ((Number) alarm(tuned, "eks-platform-prod-p99-latency").input("threshold")).doubleValue());
        assertEquals(120.0, ((Number) alarm(tuned, "eks-platform-prod-karpenter-interruption-queue-age")
                .input("threshold")).doubleValue());
    }

    @Test
    void devWatchesNothingUnlessItsStackFileSaysSo() {
        var dev = Stacks.plan("dev");
        assertTrue(dev.ofType(ALARM).isEmpty());
        assertTrue(dev.ofType(TOPIC).isEmpty());
        assertFalse(dev.ofType(ADDON).stream().anyMatch(a -> ContainerInsights.ADDON.equals(a.string("addonName"))));
        var on = Stacks.plan("dev", Map.of("alarms", true));
        // Without Container Insights there are no node metrics to alarm on.
        assertEquals(Set.of("eks-platform-dev-alb-5xx-ratio", "eks-platform-dev-app-5xx-ratio",
                "eks-platform-dev-unhealthy-targets", "eks-platform-dev-p99-latency",
                "eks-platform-dev-karpenter-interruption-queue-age"), alarmNames(on));
    }

    @Test
    void anUnreachableOrTopiclessSubscriptionIsAConfigError() {
        var problems = Stacks.problems(Map.of("alarms", true,
                "alarmSubscriptions", List.of("http://hooks.example.com/alarm", "oncall@example.com")));
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains("https://"), problems.get(0));
        Stacks.assertSingleProblem("alarmSubscriptions", Map.of("alarmSubscriptions", List.of("oncall@example.com")),
                "set alarms: true");
        Stacks.assertSingleProblem("alarmP99LatencyMs", Map.of("alarmP99LatencyMs", 0), "between 1 and 60000");
        Stacks.assertSingleProblem("appVersionHeader", Map.of("appVersionHeader", "X Version"), "header name");
    }
}
