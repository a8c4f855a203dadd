package com.acme.platform.eks.karpenter;

import com.acme.platform.eks.config.KarpenterConfig;
import com.acme.platform.eks.network.Network;
import com.acme.platform.eks.platform.BundledText;
import com.acme.platform.eks.platform.CanonicalJson;
import com.acme.platform.eks.platform.RestrictedSecurityContext;
import com.acme.platform.eks.platform.SystemNodes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.acme.platform.eks.karpenter.Karpenter.NODE_CLASS;
import static com.acme.platform.eks.karpenter.Karpenter.SERVICE_ACCOUNT;

/** What Karpenter's resources say, as pure functions of the config: chart values, NodeClass, NodePool, policies. */
final class KarpenterSpecs {
    private KarpenterSpecs() { }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    /** The template's queue policy, narrowed: docs/karpenter.md#karpenter-on-pulumi. */
    static String queuePolicy(String queueArn, List<String> ruleArns) {
        var doc = new LinkedHashMap<String, Object>();
        doc.put("Version", "2012-10-17");
        doc.put("Id", "EC2InterruptionPolicy");
        doc.put("Statement", List.of(
                Map.of("Effect", "Allow",
                        "Principal", Map.of("Service", "events.amazonaws.com"),
                        "Action", "sqs:SendMessage",
                        "Resource", queueArn,
                        "Condition", Map.of("ArnEquals", Map.of("aws:SourceArn", List.copyOf(ruleArns)))),
                Map.of("Sid", "DenyHTTP",
                        "Effect", "Deny",
                        "Action", "sqs:*",
                        "Resource", queueArn,
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", false)),
                        "Principal", "*")));
        return json(doc);
    }

    static Map<String, Object> controllerValues(KarpenterConfig cfg, String region, String clusterName,
                                                String endpoint, String queueName, boolean zonalShift) {
        var nodeSelector = new LinkedHashMap<String, Object>();
        nodeSelector.put("kubernetes.io/os", "linux");
        nodeSelector.putAll(SystemNodes.nodeSelector());
        var resources = Map.of("cpu", "1", "memory", "1Gi");
        var values = new LinkedHashMap<String, Object>();
        values.put("settings", Map.of(
                "clusterName", clusterName,
                "clusterEndpoint", endpoint,
                "interruptionQueue", queueName,
                // The chart's default is false (values.yaml 1.14.1): without it Karpenter ignores an ARC zonal shift.
                "enableZonalShift", zonalShift));
        values.put("serviceAccount", Map.of("create", true, "name", SERVICE_ACCOUNT));
        values.put("replicas", cfg.replicas());
        // The chart's own default, written out so that the budget is visible (and checked) here.
        values.put("podDisruptionBudget", Map.of("name", "karpenter", "maxUnavailable", 1));
        values.put("controller", Map.of(
                // Guaranteed QoS: the controller is what adds capacity, so it must be the last pod to be evicted.
                "resources", Map.of("requests", resources, "limits", resources),
                // System nodes keep IMDS out of the pods' reach (hop limit 1): the SDK cannot look the region up.
                "env", List.of(Map.of("name", "AWS_REGION", "value", region)),
                // The chart's template fixes non-root, no escalation and drop ALL; only seccomp is a value.
                "securityContext", Map.of("seccompProfile", Map.of("type", "RuntimeDefault"))));
        values.put("podSecurityContext", RestrictedSecurityContext.pod());
        // Never on a node it manages (it could consolidate its own node away).
        values.put("nodeSelector", nodeSelector);
        values.put("tolerations", SystemNodes.tolerations());
        values.put("affinity", Map.of(
                "nodeAffinity", Map.of("requiredDuringSchedulingIgnoredDuringExecution", Map.of(
                        "nodeSelectorTerms", List.of(Map.of("matchExpressions", List.of(
                                Map.of("key", SystemNodes.LABEL_KEY, "operator", "In",
                                        "values", List.of(SystemNodes.LABEL_VALUE)),
                                Map.of("key", "karpenter.sh/nodepool", "operator", "DoesNotExist")))))),
                "podAntiAffinity", Map.of("requiredDuringSchedulingIgnoredDuringExecution", List.of(
                        Map.of("topologyKey", "kubernetes.io/hostname")))));
        // The VPC resolver, not CoreDNS (docs/karpenter.md#karpenter-on-pulumi).
        values.put("dnsPolicy", "Default");
        return values;
    }

    static Map<String, Object> nodeClassSpec(KarpenterConfig cfg, String clusterName, String nodeRoleName,
                                             Map<String, String> commonTags) {
        var discovery = Map.of("tags", Map.of(Network.DISCOVERY_TAG, clusterName));
        var spec = new LinkedHashMap<String, Object>();
        spec.put("amiSelectorTerms", List.of(Map.of("alias", cfg.amiAlias())));
        spec.put("role", nodeRoleName);
        spec.put("subnetSelectorTerms", List.of(discovery));
        spec.put("securityGroupSelectorTerms", List.of(discovery));
        spec.put("metadataOptions", Map.of(
                "httpEndpoint", "enabled",
                "httpProtocolIPv6", "disabled",
                // IMDSv2 only, and out of reach of pods: they get AWS credentials from Pod Identity, not the node.
                "httpPutResponseHopLimit", 1,
                "httpTokens", "required"));
        spec.put("blockDeviceMappings", List.of(Map.of(
                "deviceName", "/dev/xvda",
                "ebs", Map.of(
                        "volumeSize", cfg.nodeVolumeSizeGib() + "Gi",
                        "volumeType", "gp3",
                        "encrypted", true,
                        "deleteOnTermination", true))));
        spec.put("tags", new LinkedHashMap<>(commonTags));
        return spec;
    }

    static Map<String, Object> nodePoolSpec(KarpenterConfig cfg) {
        var requirements = List.of(
                requirement("karpenter.sh/capacity-type", "In", cfg.capacityTypes()),
                requirement("karpenter.k8s.aws/instance-category", "In", cfg.instanceCategories()),
                requirement("karpenter.k8s.aws/instance-generation", "Gt",
                        List.of(String.valueOf(cfg.instanceGenerationGreaterThan()))),
                requirement("kubernetes.io/arch", "In", cfg.architectures()),
                requirement("kubernetes.io/os", "In", List.of("linux")));
        var templateSpec = new LinkedHashMap<String, Object>();
        templateSpec.put("nodeClassRef", Map.of("group", "karpenter.k8s.aws", "kind", "EC2NodeClass",
                "name", NODE_CLASS));
        templateSpec.put("requirements", requirements);
        templateSpec.put("expireAfter", cfg.expireAfter());
        cfg.terminationGracePeriod().ifPresent(period -> templateSpec.put("terminationGracePeriod", period));

        var disruption = new LinkedHashMap<String, Object>();
        disruption.put("consolidationPolicy", "WhenEmptyOrUnderutilized");
        disruption.put("consolidateAfter", cfg.consolidateAfter());
        var budgets = new ArrayList<Map<String, Object>>();
        cfg.disruptionBudgetNodes().ifPresent(nodes -> budgets.add(Map.of("nodes", nodes)));
        cfg.disruptionFreeze().ifPresent(freeze -> budgets.add(Map.of(
                "nodes", "0", "schedule", freeze.schedule(), "duration", freeze.duration())));
        if (!budgets.isEmpty()) {
            disruption.put("budgets", budgets);
        }

        var spec = new LinkedHashMap<String, Object>();
        spec.put("template", Map.of("spec", templateSpec));
        spec.put("limits", Map.of("cpu", String.valueOf(cfg.cpuLimit())));
        spec.put("disruption", disruption);
        return spec;
    }

    private static Map<String, Object> requirement(String key, String operator, List<String> values) {
        return Map.of("key", key, "operator", operator, "values", values);
    }

    /** The policy document of the template's {@code <name>Policy}, placeholders and all. */
    public static String controllerPolicyTemplate(String name) {
        return BundledText.read("/karpenter/" + name + "Policy.json");
    }

    /** CloudFormation {@code !Sub}: every {@code ${name}} replaced; an unknown name is a programming error. */
    public static String substitute(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        var out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("no value for ${" + m.group(1) + "} in a Karpenter policy");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** IAM counts every character but whitespace against a managed policy's 6,144; whitespace only adds noise. */
    static String compact(String policyJson) {
        return json(new com.google.gson.Gson().fromJson(policyJson, Object.class));
    }

    static String json(Object value) {
        return CanonicalJson.write(value);
    }
}
