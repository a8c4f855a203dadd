package com.acme.platform.eks.karpenter;

import com.acme.platform.eks.Stacks;
import com.acme.platform.eks.TeardownTest;
import com.acme.platform.eks.platform.SystemNodes;
import com.acme.platform.eks.network.Network;
import com.acme.platform.eks.offline.Plan;
import com.acme.platform.eks.offline.PlannedResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static com.acme.platform.eks.ResourceTypes.ACCESS_ENTRY;
import static com.acme.platform.eks.ResourceTypes.ACCESS_POLICY;
import static com.acme.platform.eks.ResourceTypes.ATTACHMENT;
import static com.acme.platform.eks.ResourceTypes.NODE_CLASS;
import static com.acme.platform.eks.ResourceTypes.NODE_POOL;
import static com.acme.platform.eks.ResourceTypes.POD_IDENTITY;
import static com.acme.platform.eks.ResourceTypes.POLICY;
import static com.acme.platform.eks.ResourceTypes.QUEUE;
import static com.acme.platform.eks.ResourceTypes.QUEUE_POLICY;
import static com.acme.platform.eks.ResourceTypes.RELEASE;
import static com.acme.platform.eks.ResourceTypes.ROLE;
import static com.acme.platform.eks.ResourceTypes.RULE;
import static com.acme.platform.eks.ResourceTypes.SUBNET;
import static com.acme.platform.eks.ResourceTypes.TARGET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Karpenter as registered, compared with its v1.14 CloudFormation template and chart. */
class KarpenterTest {
    static final String EC2_TAG = "aws:ec2/tag:Tag";

    private static PlannedResource nodePool(Plan plan) {
        assertEquals(1, plan.ofType(NODE_POOL).size());
        return plan.ofType(NODE_POOL).get(0);
    }

    private static PlannedResource nodeClass(Plan plan) {
        assertEquals(1, plan.ofType(NODE_CLASS).size());
        return plan.ofType(NODE_CLASS).get(0);
    }

    private static PlannedResource controllerRelease(Plan plan) {
        return plan.get(RELEASE, "karpenter-chart");
    }

    private static String clusterName(String stack) {
        return Stacks.config(stack, Map.of()).cluster().name();
    }

    /**
     * The values the template's placeholders take for this stack, derived from what the program registered: the
     * node role's ARN (as the access entry names it) gives partition and account.
     */
    private static Map<String, String> templateValues(String stack) {
        var plan = Stacks.plan(stack);
        String nodeRoleArn = plan.get(ACCESS_ENTRY, "karpenter-node-access").string("principalArn");
        String[] arn = nodeRoleArn.split(":");
        String partition = arn[1];
        String account = arn[4];
        String region = Stacks.config(stack, Map.of()).region();
        String queueName = plan.get(QUEUE, "karpenter-interruption-queue").string("name");
        var values = new LinkedHashMap<String, String>();
        values.put("AWS::Partition", partition);
        values.put("AWS::Region", region);
        values.put("AWS::AccountId", account);
        values.put("AWS::URLSuffix", "amazonaws.com");
        values.put("ClusterName", clusterName(stack));
        // Every platform role lives under the platform's IAM path, and a role's ARN carries its path.
        values.put("KarpenterNodeRole.Arn", "arn:" + partition + ":iam::" + account + ":role"
                + plan.get("aws:iam/role:Role", "karpenter-node-role").string("path")
                + plan.outputs().get("karpenterNodeRoleName"));
        values.put("KarpenterInterruptionQueue.Arn", "arn:" + partition + ":sqs:" + region + ":" + account + ":"
                + queueName);
        values.put("KarpenterInterruptionQueue", plan.get(QUEUE_POLICY, "karpenter-interruption-queue-policy")
                .string("queueUrl"));
        return values;
    }

    /** A statement compared by meaning: actions, resources and condition values as sets. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> normalized(Map<String, Object> statement) {
        var out = new TreeMap<String, Object>();
        statement.forEach((key, value) -> out.put(key, switch (key) {
            case "Action", "NotAction", "Resource", "NotResource" -> asSet(value);
            case "Condition" -> {
                var conditions = new TreeMap<String, Object>();
                ((Map<String, Object>) value).forEach((operator, entries) -> {
                    var keys = new TreeMap<String, Object>();
                    ((Map<String, Object>) entries).forEach((k, v) -> keys.put(k, asSet(v)));
                    conditions.put(operator, keys);
                });
                yield conditions;
            }
            case "Principal" -> value instanceof Map<?, ?> principal
                    ? principal.entrySet().stream().collect(Collectors.toMap(e -> String.valueOf(e.getKey()),
                            e -> asSet(e.getValue()), (a, b) -> a, TreeMap::new))
                    : String.valueOf(value);
            default -> String.valueOf(value);
        }));
        return out;
    }

    private static Set<String> asSet(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).collect(Collectors.toCollection(
                TreeSet::new)) : new TreeSet<>(Set.of(String.valueOf(value)));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statements(Map<String, Object> document) {
        return ((List<Map<String, Object>>) document.get("Statement")).stream().map(KarpenterTest::normalized)
                .toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void controllerPoliciesEqualTheReferenceTemplatesStatementByStatement(String stack) {
        var plan = Stacks.plan(stack);
        var values = templateValues(stack);
        for (String name : Karpenter.CONTROLLER_POLICIES) {
            var reference = KarpenterReference.properties(name + "Policy");
            var expected = statements(KarpenterReference.json(
                    (String) KarpenterReference.resolve(reference.get("PolicyDocument"), values)));
            var registered = plan.get(POLICY, "karpenter-controller-" + name + "-policy");
            var actual = statements(KarpenterReference.json(registered.string("policy")));
            assertEquals(expected.size(), actual.size(), name + ": number of statements");
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i), actual.get(i), name + " statement " + expected.get(i).get("Sid"));
            }
        }
    }

    @Test
    void eachControllerPolicyFitsTheManagedPolicySizeLimit() {
        // IAM: a managed policy document holds at most 6,144 characters, whitespace not counted.
        for (String name : Karpenter.CONTROLLER_POLICIES) {
            String policy = Stacks.plan("prod").get(POLICY, "karpenter-controller-" + name + "-policy").string("policy");
            assertTrue(policy.replaceAll("\\s", "").length() <= 6144, name + " is " + policy.length() + " characters");
        }
    }

    @Test
    void controllerRoleHasExactlyTheSixPoliciesAndPodIdentityForTheChartsServiceAccount() {
        var plan = Stacks.plan("prod");
        var association = plan.get(POD_IDENTITY, "karpenter-controller");
        assertEquals(Karpenter.NAMESPACE, association.string("namespace"));
        assertEquals("kube-system", association.string("namespace"));
        var values = controllerRelease(plan);
        assertEquals(association.string("serviceAccount"), values.string("values.serviceAccount.name"));
        assertEquals(association.string("namespace"), values.string("namespace"));
        assertTrue(association.dependsOn().contains("karpenter-controller-role"), "association names the role");

        var attached = plan.ofType(ATTACHMENT).stream()
                .filter(a -> a.dependsOn().contains("karpenter-controller-role")).toList();
        assertEquals(6, attached.size(), "the six managed policies of the template, nothing else");
        var policies = attached.stream().flatMap(a -> a.dependsOn().stream())
                .filter(n -> n.endsWith("-policy")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Karpenter.CONTROLLER_POLICIES.stream().map(n -> "karpenter-controller-" + n + "-policy")
                .collect(Collectors.toCollection(TreeSet::new)), policies);
        assertTrue(plan.matching(r -> r.type().equals("aws:iam/rolePolicy:RolePolicy")
                && r.name().startsWith("karpenter-")).isEmpty(), "no inline policies besides the template's");
    }

    @Test
    @SuppressWarnings("unchecked")
    void nodeRoleHasTheReferenceManagedPoliciesAndAnEc2LinuxAccessEntry() {
        var plan = Stacks.plan("prod");
        var values = templateValues("prod");
        var reference = KarpenterReference.properties("KarpenterNodeRole");
        var expectedArns = new TreeSet<>((List<String>) KarpenterReference.resolve(reference.get("ManagedPolicyArns"),
                values));
        var actualArns = plan.ofType(ATTACHMENT).stream()
                .filter(a -> a.dependsOn().contains("karpenter-node-role"))
                .map(a -> a.string("policyArn")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expectedArns, actualArns);

        var trust = statements(KarpenterReference.json(plan.get(ROLE, "karpenter-node-role")
                .string("assumeRolePolicy")));
        var expectedTrust = statements((Map<String, Object>) KarpenterReference.resolve(
                reference.get("AssumeRolePolicyDocument"), values));
        assertEquals(expectedTrust, trust);

        var entry = plan.get(ACCESS_ENTRY, "karpenter-node-access");
        assertEquals("EC2_LINUX", entry.string("type"));
        assertEquals(values.get("KarpenterNodeRole.Arn"), entry.string("principalArn"));
        assertEquals(clusterName("prod"), entry.string("clusterName"));
        assertTrue(plan.ofType(ACCESS_POLICY).stream()
                        .noneMatch(a -> values.get("KarpenterNodeRole.Arn").equals(a.string("principalArn"))),
                "EC2_LINUX access entries take no access policy");
    }

    @Test
    @SuppressWarnings("unchecked")
    void interruptionQueueKeepsMessagesFiveMinutesEncryptedAndOnlyOverTls() {
        var reference = KarpenterReference.properties("KarpenterInterruptionQueue");
        var plan = Stacks.plan("prod");
        var queue = plan.get(QUEUE, "karpenter-interruption-queue");
        var values = templateValues("prod");
        assertEquals(KarpenterReference.resolve(reference.get("QueueName"), values), queue.string("name"));
        assertEquals(((Number) reference.get("MessageRetentionPeriod")).longValue(),
                queue.input("messageRetentionSeconds"));
        assertEquals(300L, queue.input("messageRetentionSeconds"));
        assertEquals(reference.get("SqsManagedSseEnabled"), queue.input("sqsManagedSseEnabled"));
        assertEquals(true, queue.input("sqsManagedSseEnabled"));
        assertEquals(plan.outputs().get("karpenterInterruptionQueueName"), queue.string("name"));

        var policyReference = (Map<String, Object>) KarpenterReference.resolve(
                KarpenterReference.properties("KarpenterInterruptionQueuePolicy").get("PolicyDocument"), values);
        var registered = KarpenterReference.json(plan.get(QUEUE_POLICY, "karpenter-interruption-queue-policy")
                .string("policy"));
        assertEquals(policyReference.get("Id"), registered.get("Id"));
        var statements = statements(registered);
        var referenceStatements = statements(policyReference);
        assertEquals(referenceStatements.size(), statements.size());
        // The template's deny of plain HTTP as is; its allow narrowed on purpose: EventBridge only, and only for
        // this stack's own interruption rules (aws:SourceArn), where the template admits any rule of any account
        // and the SQS service as well.
        assertEquals(referenceStatements.get(1), statements.get(1));
        var allow = statements.get(0);
        var referenceAllow = new java.util.TreeMap<>(referenceStatements.get(0));
        assertEquals(referenceAllow.get("Action"), allow.get("Action"));
        assertEquals(referenceAllow.get("Resource"), allow.get("Resource"));
        assertTrue(((Set<?>) ((Map<?, ?>) referenceAllow.get("Principal")).get("Service"))
                .containsAll((Set<?>) ((Map<?, ?>) allow.get("Principal")).get("Service")));
        assertEquals(Set.of("events.amazonaws.com"), ((Map<?, ?>) allow.get("Principal")).get("Service"),
                "no SQS service principal: nothing of SQS sends to this queue");
        var rules = plan.matching(r -> r.type().equals(RULE) && r.name().startsWith("karpenter-"));
        assertEquals(5, rules.size());
        var sourceArns = (Set<String>) ((Map<?, ?>) ((Map<?, ?>) allow.get("Condition")).get("ArnEquals"))
                .get("aws:SourceArn");
        assertEquals(Set.of("ArnEquals"), ((Map<?, ?>) allow.get("Condition")).keySet());
        assertEquals(rules.size(), sourceArns.size(), "one source per interruption rule: " + sourceArns);
        for (var rule : rules) {
            assertEquals(1, sourceArns.stream().filter(arn -> arn.matches("arn:aws:events:eu-west-1:\\d{12}:rule/"
                    + java.util.regex.Pattern.quote(rule.name()) + "-[0-9a-f]+")).count(), rule.name() + " in " + sourceArns);
        }
        var deny = statements.get(1);
        assertEquals("Deny", deny.get("Effect"));
        assertEquals(Map.of("Bool", Map.of("aws:SecureTransport", Set.of("false"))), deny.get("Condition"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theFiveReferenceRulesSendTheirEventsToTheQueue() {
        var plan = Stacks.plan("prod");
        var values = templateValues("prod");
        var expectedPatterns = new HashSet<Object>();
        var expectedTargetIds = new HashSet<Object>();
        KarpenterReference.resources().forEach((name, resource) -> {
            if ("AWS::Events::Rule".equals(resource.get("Type"))) {
                var properties = (Map<String, Object>) KarpenterReference.resolve(resource.get("Properties"), values);
                expectedPatterns.add(properties.get("EventPattern"));
                var targets = (List<Map<String, Object>>) properties.get("Targets");
                assertEquals(1, targets.size());
                assertEquals(values.get("KarpenterInterruptionQueue.Arn"), targets.get(0).get("Arn"));
                expectedTargetIds.add(targets.get(0).get("Id"));
            }
        });
        assertEquals(5, expectedPatterns.size(), "the reference has five rules");

        var rules = plan.matching(r -> r.type().equals(RULE) && r.name().startsWith("karpenter-"));
        assertEquals(5, rules.size());
        var patterns = rules.stream().map(r -> (Object) KarpenterReference.json(r.string("eventPattern")))
                .collect(Collectors.toSet());
        assertEquals(expectedPatterns, patterns);

        for (var rule : rules) {
            var targets = plan.ofType(TARGET).stream().filter(t -> t.dependsOn().contains(rule.name())).toList();
            assertEquals(1, targets.size(), rule.name() + " has one target");
            var target = targets.get(0);
            assertEquals(values.get("KarpenterInterruptionQueue.Arn"), target.string("arn"), target.name());
            assertTrue(target.dependsOn().contains("karpenter-interruption-queue"), target.name());
            assertTrue(expectedTargetIds.contains(target.string("targetId")), target.name());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    @SuppressWarnings("unchecked")
    void nodePoolUsesTheNodeClassWhoseSelectorsFindTheTaggedSubnetsAndClusterSecurityGroup(String stack) {
        var plan = Stacks.plan(stack);
        var pool = nodePool(plan);
        var nodeClass = nodeClass(plan);
        var ref = (Map<String, Object>) pool.input("spec.template.spec.nodeClassRef");
        assertEquals(nodeClass.string("metadata.name"), ref.get("name"));
        assertEquals(nodeClass.string("kind"), ref.get("kind"));
        assertEquals(nodeClass.string("apiVersion"), ref.get("group") + "/v1");

        var privateSubnets = plan.matching(r -> r.type().equals(SUBNET) && r.name().startsWith("network-private-"));
        assertFalse(privateSubnets.isEmpty());
        for (String selector : List.of("subnetSelectorTerms", "securityGroupSelectorTerms")) {
            var terms = (List<Map<String, Object>>) nodeClass.input("spec." + selector);
            assertEquals(1, terms.size(), selector);
            var tags = (Map<String, Object>) terms.get(0).get("tags");
            assertEquals(1, tags.size(), selector + " selects by the discovery tag only");
            tags.forEach((key, value) -> privateSubnets.forEach(subnet ->
                    assertEquals(value, ((Map<?, ?>) subnet.input("tags")).get(key), subnet.name() + " " + key)));
        }
        // Public subnets hold the NAT gateways and internet-facing ALBs: Karpenter must never put a node there.
        var publicSubnets = plan.matching(r -> r.type().equals(SUBNET) && r.name().startsWith("network-public-"));
        assertEquals(privateSubnets.size(), publicSubnets.size());
        publicSubnets.forEach(subnet -> assertFalse(((Map<?, ?>) subnet.input("tags"))
                .containsKey(Network.DISCOVERY_TAG), subnet.name() + " must not be discoverable by Karpenter"));

        var tag = plan.get(EC2_TAG, "karpenter-cluster-security-group-discovery");
        assertEquals(Network.DISCOVERY_TAG, tag.string("key"));
        assertEquals(clusterName(stack), tag.string("value"));
        assertTrue(tag.dependsOn().contains("cluster-eks"), "tags the security group the cluster created");
        // The plan has inputs only: the mock engine (render/FakeCloud) answers the cluster's
        // vpcConfig.clusterSecurityGroupId as sg-<first 17 hex of sha256("cluster" + cluster name)>, so this is
        // the cluster security group and not, say, the VPC's default group.
        assertEquals("sg-" + sha256Hex("cluster" + clusterName(stack)).substring(0, 17), tag.string("resourceId"));
    }

    private static String sha256Hex(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyKubernetesObjectAndReleaseUsesTheClustersProvider(String stack) {
        var plan = Stacks.plan(stack);
        var providers = plan.ofType("pulumi:providers:kubernetes");
        assertEquals(1, providers.size(), "one Kubernetes provider");
        String provider = providers.get(0).name();
        assertEquals("cluster", providers.get(0).parent(), "the provider of the EKS cluster component");
        var kubernetes = plan.matching(r -> r.type().startsWith("kubernetes:"));
        assertTrue(kubernetes.size() >= 4);
        kubernetes.forEach(r -> assertEquals(provider, r.provider(), r.type() + " " + r.name()));
    }

    /** Pulumi deletes a resource before anything it depends on: the closure is what outlives it. */
    private static Set<String> dependencies(Plan plan, String name) {
        return TeardownTest.outlives(plan, plan.byName(name).urn()).stream()
                .map(urn -> urn.substring(urn.lastIndexOf("::") + 2)).collect(Collectors.toCollection(TreeSet::new));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void teardownDeletesNodePoolAndNodeClassWhileTheControllerAndItsInfrastructureStillExist(String stack) {
        var plan = Stacks.plan(stack);
        var controllerNeeds = new ArrayList<>(List.of("cluster-system", "cluster-eks", "karpenter-crd-chart",
                "karpenter-controller", "karpenter-node-access", "karpenter-interruption-queue",
                "karpenter-interruption-queue-policy", "karpenter-cluster-security-group-discovery"));
        Karpenter.CONTROLLER_POLICIES.forEach(p -> controllerNeeds.add("karpenter-controller-" + p + "-attachment"));
        Karpenter.NODE_POLICIES.forEach(p -> controllerNeeds.add("karpenter-node-" + p));
        var release = dependencies(plan, "karpenter-chart");
        assertTrue(release.containsAll(controllerNeeds), () -> "the controller release must be deleted before "
                + controllerNeeds.stream().filter(n -> !release.contains(n)).toList());

        var pool = dependencies(plan, nodePool(plan).name());
        var nodeClass = dependencies(plan, nodeClass(plan).name());
        for (var closure : List.of(pool, nodeClass)) {
            assertTrue(closure.contains("karpenter-chart"), "deleted while the controller runs");
            assertTrue(closure.containsAll(controllerNeeds));
        }
        assertTrue(pool.contains(nodeClass(plan).name()), "the NodePool goes before its EC2NodeClass");
        assertFalse(release.contains(nodePool(plan).name()) || release.contains(nodeClass(plan).name()));
    }

    @Test
    void controllerHasGuaranteedResourcesAndRunsOnlyOnSystemNodes() {
        var release = controllerRelease(Stacks.plan("prod"));
        assertEquals(release.input("values.controller.resources.requests"),
                release.input("values.controller.resources.limits"));
        assertEquals(Map.of("cpu", "1", "memory", "1Gi"), release.input("values.controller.resources.limits"));
        assertEquals(SystemNodes.tolerations(), release.input("values.tolerations"));
        assertEquals(SystemNodes.LABEL_VALUE, ((Map<?, ?>) release.input("values.nodeSelector")).get(SystemNodes.LABEL_KEY));
        var expressions = release.input(
                "values.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms.0"
                        + ".matchExpressions");
        assertEquals(List.of(
                        Map.of("key", SystemNodes.LABEL_KEY, "operator", "In", "values", List.of(SystemNodes.LABEL_VALUE)),
                        Map.of("key", "karpenter.sh/nodepool", "operator", "DoesNotExist")),
                expressions, "on system nodes, never on a node Karpenter manages");
        assertEquals(List.of(Map.of("name", "AWS_REGION", "value", "eu-west-1")),
                release.input("values.controller.env"), "system nodes keep IMDS away from pods");
        var dependencies = dependencies(Stacks.plan("prod"), "karpenter-chart");
        assertTrue(dependencies.contains("cluster-system"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void karpenterFollowsZonalShiftWhereTheClusterEnablesIt(String stack) {
        var release = controllerRelease(Stacks.plan(stack));
        assertEquals(Stacks.config(stack, Map.of()).cluster().zonalShift(),
                release.input("values.settings.enableZonalShift"));
        assertEquals(true, controllerRelease(Stacks.plan("dev", Map.of("clusterZonalShift", true)))
                .input("values.settings.enableZonalShift"), "the chart's default is false: the value must be set");
    }

    @Test
    void prodRunsTwoControllersAndDevOne() {
        assertEquals(2L, controllerRelease(Stacks.plan("prod")).input("values.replicas"));
        assertEquals(1L, controllerRelease(Stacks.plan("dev")).input("values.replicas"));
    }

    @Test
    void chartsArePinnedFromTheOciRegistryWithCrdsFromTheirOwnChart() {
        var plan = Stacks.plan("prod");
        var release = controllerRelease(plan);
        assertEquals("oci://public.ecr.aws/karpenter/karpenter", release.string("chart"));
        assertEquals("1.14.1", release.string("version"));
        assertNull(release.input("repositoryOpts"), "OCI charts take no repository options");
        assertEquals(true, release.input("skipCrds"));
        assertEquals(clusterName("prod"), release.string("values.settings.clusterName"));
        assertEquals(plan.outputs().get("clusterEndpoint"), release.string("values.settings.clusterEndpoint"));
        assertEquals(plan.outputs().get("karpenterInterruptionQueueName"),
                release.string("values.settings.interruptionQueue"));
        var crds = plan.get(RELEASE, "karpenter-crd-chart");
        assertEquals("oci://public.ecr.aws/karpenter/karpenter-crd", crds.string("chart"));
        assertEquals(release.string("version"), crds.string("version"));
        assertEquals(release.string("namespace"), crds.string("namespace"));
    }

    @Test
    void nodeClassRequiresImdsV2WithHopLimitOneAndAnEncryptedPinnedRootVolume() {
        var plan = Stacks.plan("prod");
        var nodeClass = nodeClass(plan);
        assertEquals("required", nodeClass.string("spec.metadataOptions.httpTokens"));
        assertEquals(1L, nodeClass.input("spec.metadataOptions.httpPutResponseHopLimit"));
        assertEquals("enabled", nodeClass.string("spec.metadataOptions.httpEndpoint"));
        assertEquals(true, nodeClass.input("spec.blockDeviceMappings.0.ebs.encrypted"));
        assertEquals("gp3", nodeClass.string("spec.blockDeviceMappings.0.ebs.volumeType"));
        assertEquals("/dev/xvda", nodeClass.string("spec.blockDeviceMappings.0.deviceName"));
        assertEquals("100Gi", nodeClass.string("spec.blockDeviceMappings.0.ebs.volumeSize"));
        assertEquals(Stacks.stackFile("prod").get("eks-platform:karpenterAmiAlias"), nodeClass.string("spec.amiSelectorTerms.0.alias"));
        assertEquals(plan.outputs().get("karpenterNodeRoleName"), nodeClass.string("spec.role"));
        assertEquals("prod", nodeClass.string("spec.tags.stack"), "Karpenter's instances carry the common tags");
    }

    private static Map<String, Object> requirements(PlannedResource pool) {
        var out = new TreeMap<String, Object>();
        for (int i = 0; pool.input("spec.template.spec.requirements." + i) != null; i++) {
            String prefix = "spec.template.spec.requirements." + i + ".";
            out.put(pool.string(prefix + "key"), pool.string(prefix + "operator") + " " + pool.input(prefix + "values"));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void nodePoolRequirementsLimitsAndDisruptionComeFromTheStackFile(String stack) {
        var cfg = Stacks.config(stack, Map.of()).karpenter();
        var pool = nodePool(Stacks.plan(stack));
        assertEquals(Map.of("karpenter.sh/capacity-type", "In " + cfg.capacityTypes(),
                "karpenter.k8s.aws/instance-category", "In " + cfg.instanceCategories(),
                "karpenter.k8s.aws/instance-generation", "Gt [" + cfg.instanceGenerationGreaterThan() + "]",
                "kubernetes.io/arch", "In " + cfg.architectures(), "kubernetes.io/os", "In [linux]"), requirements(pool));
        assertEquals(String.valueOf(cfg.cpuLimit()), pool.string("spec.limits.cpu"));
        assertEquals("WhenEmptyOrUnderutilized", pool.string("spec.disruption.consolidationPolicy"));
        assertEquals(List.of(cfg.consolidateAfter(), cfg.expireAfter()), List.of(
                pool.string("spec.disruption.consolidateAfter"), pool.string("spec.template.spec.expireAfter")));
        // Unset: no bound on a drain, and Karpenter's default budget.
        assertEquals(cfg.terminationGracePeriod().orElse(null), pool.string("spec.template.spec.terminationGracePeriod"));
        var budgets = new ArrayList<Map<String, String>>();
        cfg.disruptionBudgetNodes().ifPresent(nodes -> budgets.add(Map.of("nodes", nodes)));
        cfg.disruptionFreeze().ifPresent(f -> budgets.add(Map.of("nodes", "0", "schedule", f.schedule(),
                "duration", f.duration())));
        assertEquals(budgets.isEmpty() ? null : budgets, pool.input("spec.disruption.budgets"));
    }

    @Test
    void prodBoundsDrainsAndFreezesDisruptionInOfficeHoursWhileDevUsesSpot() {
        var prod = Stacks.config("prod", Map.of()).karpenter();
        assertTrue(prod.terminationGracePeriod().isPresent() && prod.disruptionFreeze().isPresent());
        assertEquals(List.of("on-demand"), prod.capacityTypes());
        assertTrue(Stacks.config("dev", Map.of()).karpenter().capacityTypes().contains("spot"));
    }

    @Test
    void exportsTheQueueAndNodeRoleNames() {
        var outputs = Stacks.plan("dev").outputs();
        assertEquals(clusterName("dev"), outputs.get("karpenterInterruptionQueueName"));
        assertTrue(String.valueOf(outputs.get("karpenterNodeRoleName")).startsWith("karpenter-node-role"));
    }
}
