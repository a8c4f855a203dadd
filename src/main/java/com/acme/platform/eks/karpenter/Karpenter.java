package com.acme.platform.eks.karpenter;

import com.acme.platform.eks.platform.RestrictedSecurityContext;
import com.acme.platform.eks.platform.IamPath;
import com.acme.platform.eks.cluster.EksCluster;
import com.acme.platform.eks.platform.PodIdentityRole;
import com.acme.platform.eks.platform.SystemNodes;
import com.acme.platform.eks.config.KarpenterConfig;
import com.acme.platform.eks.platform.AwsAccount;
import com.acme.platform.eks.platform.PolicyDocument;
import com.acme.platform.eks.platform.CanonicalJson;
import com.acme.platform.eks.platform.KubernetesCustomResource;
import com.acme.platform.eks.network.Network;
import com.pulumi.aws.cloudwatch.EventRule;
import com.pulumi.aws.cloudwatch.EventRuleArgs;
import com.pulumi.aws.cloudwatch.EventTarget;
import com.pulumi.aws.cloudwatch.EventTargetArgs;
import com.pulumi.aws.ec2.Tag;
import com.pulumi.aws.ec2.TagArgs;
import com.pulumi.aws.eks.AccessEntry;
import com.pulumi.aws.eks.AccessEntryArgs;
import com.pulumi.aws.iam.Policy;
import com.pulumi.aws.iam.PolicyArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.ServiceLinkedRole;
import com.pulumi.aws.iam.ServiceLinkedRoleArgs;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.aws.sqs.Queue;
import com.pulumi.aws.sqs.QueueArgs;
import com.pulumi.aws.sqs.QueuePolicy;
import com.pulumi.aws.sqs.QueuePolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Karpenter as its v1.14 CloudFormation template and Helm chart define it, on Pulumi: the node role and its
 * access entry, the controller's Pod Identity role with the template's six managed policies, the interruption
 * queue and its EventBridge rules, the Helm releases (CRDs, controller) on the system node group, and one
 * EC2NodeClass / NodePool pair.
 *
 * <p>Teardown order is carried by the dependency graph, which Pulumi deletes in reverse: NodePool, then
 * EC2NodeClass, then the controller release, then everything the controller needs to drain and terminate its
 * nodes (IAM, queue, access entry, system node group). See docs/karpenter.md.
 */
public final class Karpenter extends ComponentResource {

    /** Pinned here, not in config: the chart, its CRDs and the IAM policies below are one upstream release. */
    public static final String CHART_VERSION = "1.14.1";
    public static final String CHART = "oci://public.ecr.aws/karpenter/karpenter";
    public static final String CRD_CHART = "oci://public.ecr.aws/karpenter/karpenter-crd";
    public static final String NAMESPACE = "kube-system";
    public static final String SERVICE_ACCOUNT = "karpenter";
    public static final String NODE_CLASS = "default";
    public static final String NODE_POOL = "default";

    /** The template's six controller policies, in its order; each is {@code /karpenter/<name>Policy.json}. */
    public static final List<String> CONTROLLER_POLICIES = List.of("NodeLifecycle", "IAMIntegration",
            "EKSIntegration", "Interruption", "ZonalShift", "ResourceDiscovery");
    /** KarpenterNodeRole's ManagedPolicyArns in the template. */
    public static final List<String> NODE_POLICIES = List.of("AmazonEKS_CNI_Policy", "AmazonEKSWorkerNodePolicy",
            "AmazonEC2ContainerRegistryPullOnly", "AmazonSSMManagedInstanceCore");

    /** The template's EventBridge rules: resource-name suffix, event source, detail type. */
    public record InterruptionRule(String name, String source, String detailType) { }

    public static final List<InterruptionRule> INTERRUPTION_RULES = List.of(
            new InterruptionRule("scheduled-change", "aws.health", "AWS Health Event"),
            new InterruptionRule("spot-interruption", "aws.ec2", "EC2 Spot Instance Interruption Warning"),
            new InterruptionRule("rebalance", "aws.ec2", "EC2 Instance Rebalance Recommendation"),
            new InterruptionRule("instance-state-change", "aws.ec2", "EC2 Instance State-change Notification"),
            new InterruptionRule("capacity-reservation-interruption", "aws.ec2",
                    "EC2 Capacity Reservation Instance Interruption Warning"));

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    /**
     * @param clusterName the configured cluster name (the queue is named after it, as in the template)
     * @param commonTags  tagged onto the instances and volumes Karpenter launches (provider default tags do not
     *                    reach those)
     */
    /** The service of the EC2 Spot service-linked role (AWSServiceRoleForEC2Spot). */
    public static final String SPOT_SERVICE = "spot.amazonaws.com";

    public record Args(KarpenterConfig config, String clusterName, String region, AwsAccount account,
                       EksCluster cluster, Map<String, String> commonTags, boolean zonalShift) { }

    private final Output<String> interruptionQueueName;
    private final Output<String> nodeRoleName;

    public Karpenter(String name, Args args, ComponentResourceOptions options) {
        super("eks-platform:karpenter:Karpenter", name, options);
        var cfg = args.config();
        var cluster = args.cluster();
        var child = CustomResourceOptions.builder().parent(this).build();
        var account = args.account();

        // Nodes: the role Karpenter hands to the instance profiles it creates, and EC2_LINUX access so that
        // kubelets of that role can join (EKS grants the node permissions itself; no policy association).
        var nodeRole = new Role(name + "-node-role", RoleArgs.builder()
                .path(IamPath.PLATFORM)
                .permissionsBoundary(account.permissionsBoundary())
                .description("Nodes that Karpenter launches in EKS cluster " + args.clusterName())
                .assumeRolePolicy(account.dnsSuffix().applyValue(dnsSuffix -> PolicyDocument.of(List.of(Map.of(
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "ec2." + dnsSuffix),
                        "Action", List.of("sts:AssumeRole"))))))
                .build(), child);
        var awsSide = new ArrayList<Resource>();
        for (String policy : NODE_POLICIES) {
            awsSide.add(new RolePolicyAttachment(name + "-node-" + policy, RolePolicyAttachmentArgs.builder()
                    .role(nodeRole.name())
                    .policyArn(account.managedPolicy(policy))
                    .build(), child));
        }
        awsSide.add(new AccessEntry(name + "-node-access", AccessEntryArgs.builder()
                .clusterName(cluster.clusterName())
                .principalArn(nodeRole.arn())
                .type("EC2_LINUX")
                .build(), child));

        // Interruption handling, as the template has it.
        var queue = new Queue(name + "-interruption-queue", QueueArgs.builder()
                .name(args.clusterName())
                .messageRetentionSeconds(300)
                .sqsManagedSseEnabled(true)
                .build(), child);
        var ruleArns = new ArrayList<Output<String>>();
        for (var rule : INTERRUPTION_RULES) {
            var eventRule = new EventRule(name + "-" + rule.name() + "-rule", EventRuleArgs.builder()
                    .description("Karpenter interruption handling of " + args.clusterName() + ": " + rule.detailType())
                    .eventPattern(json(Map.of("source", List.of(rule.source()),
                            "detail-type", List.of(rule.detailType()))))
                    .build(), child);
            ruleArns.add(eventRule.arn());
            awsSide.add(new EventTarget(name + "-" + rule.name() + "-target", EventTargetArgs.builder()
                    .rule(eventRule.name())
                    .targetId("KarpenterInterruptionQueueTarget")
                    .arn(queue.arn())
                    .build(), child));
        }
        awsSide.add(new QueuePolicy(name + "-interruption-queue-policy", QueuePolicyArgs.builder()
                .queueUrl(queue.url())
                .policy(Output.tuple(queue.arn(), Output.all(ruleArns))
                        .applyValue(t -> queuePolicy(t.t1, t.t2)))
                .build(), child));

        // The controller: a Pod Identity role with the template's six policies, as customer-managed policies
        // (together they exceed the 10,240-character budget of a role's inline policies).
        var substitutions = Output.tuple(account.partition(), account.id(), cluster.clusterName(), queue.arn(),
                        nodeRole.arn())
                .applyValue(t -> Map.of(
                        "AWS::Partition", t.t1,
                        "AWS::Region", args.region(),
                        "AWS::AccountId", t.t2,
                        "ClusterName", t.t3,
                        "KarpenterInterruptionQueue.Arn", t.t4,
                        "KarpenterNodeRole.Arn", t.t5));
        var policies = new LinkedHashMap<String, Policy>();
        for (String policyName : CONTROLLER_POLICIES) {
            String template = controllerPolicyTemplate(policyName);
            policies.put(policyName, new Policy(name + "-controller-" + policyName + "-policy", PolicyArgs.builder()
                    .path(IamPath.PLATFORM)
                    .description("Karpenter controller of EKS cluster " + args.clusterName() + ": KarpenterController"
                            + policyName + "Policy of the Karpenter v1.14 CloudFormation template")
                    .policy(substitutions.applyValue(values -> compact(substitute(template, values))))
                    .build(), child));
        }
        // The association waits for the attachments: on destroy the controller keeps its rights until it is gone,
        // and on create it never starts with a role that cannot do anything yet.
        var attachments = new ArrayList<Resource>();
        var controller = new PodIdentityRole(new PodIdentityRole.Spec(name + "-controller", cluster.clusterName(),
                NAMESPACE, SERVICE_ACCOUNT, List.of(), List.of(), account.permissionsBoundary()), this, role -> {
                    policies.forEach((policyName, policy) -> attachments.add(new RolePolicyAttachment(
                            name + "-controller-" + policyName + "-attachment", RolePolicyAttachmentArgs.builder()
                            .role(role.name())
                            .policyArn(policy.arn())
                            .build(), child)));
                    return attachments;
                });
        awsSide.addAll(attachments);
        awsSide.add(controller.association());

        // Spot capacity needs the account's EC2 Spot service-linked role (CreateFleet fails without it). One per
        // account: created here, adopted by the import option when it exists already (its ARN in the config), or left
        // to whoever manages it (external). Never deleted with the stack: other stacks' spot capacity may use it.
        var spotRole = cfg.spotServiceLinkedRole();
        if (cfg.usesSpot() && spotRole != KarpenterConfig.SpotServiceLinkedRole.EXTERNAL) {
            var spotOptions = CustomResourceOptions.builder().parent(this).retainOnDelete(true);
            cfg.spotServiceLinkedRoleArn().ifPresent(arn -> spotOptions.importId(arn)
                    // The existing role carries no tags: an import must match it, and tags stay ignored after.
                    .ignoreChanges(List.of("tags", "tagsAll")));
            awsSide.add(new ServiceLinkedRole(name + "-spot-service-linked-role", ServiceLinkedRoleArgs.builder()
                    .awsServiceName(SPOT_SERVICE)
                    .build(), spotOptions.build()));
        }

        // The network tagged the private subnets; the cluster security group is the one Karpenter's nodes get.
        awsSide.add(new Tag(name + "-cluster-security-group-discovery", TagArgs.builder()
                .resourceId(cluster.clusterSecurityGroupId())
                .key(Network.DISCOVERY_TAG)
                .value(args.clusterName())
                .build(), child));

        var onKubernetes = CustomResourceOptions.builder().parent(this).provider(cluster.kubernetesProvider());
        // CRDs from their own chart: Helm installs a chart's crds/ folder once and never upgrades it.
        var crds = new Release(name + "-crd-chart", ReleaseArgs.builder()
                .name("karpenter-crd")
                .chart(CRD_CHART)
                .version(CHART_VERSION)
                .namespace(NAMESPACE)
                .build(), onKubernetes.build());
        awsSide.add(crds);
        awsSide.add(cluster.systemNodeGroup());

        var release = new Release(name + "-chart", ReleaseArgs.builder()
                .name("karpenter")
                .chart(CHART)
                .version(CHART_VERSION)
                .namespace(NAMESPACE)
                .skipCrds(true)
                .values(Output.tuple(cluster.clusterName(), cluster.endpoint(), queue.name())
                        .applyValue(t -> controllerValues(cfg, args.region(), t.t1, t.t2, t.t3, args.zonalShift())))
                .build(), CustomResourceOptions.builder().parent(this).provider(cluster.kubernetesProvider())
                .dependsOn(awsSide).build());

        var nodeClass = new KubernetesCustomResource(name + "-node-class", "karpenter.k8s.aws/v1", "EC2NodeClass",
                Map.of("name", NODE_CLASS),
                nodeRole.name().applyValue(role -> nodeClassSpec(cfg, args.clusterName(), role, args.commonTags())),
                CustomResourceOptions.builder().parent(this).provider(cluster.kubernetesProvider())
                        .dependsOn(release).build());
        // The NodePool depends on its node class, so it is deleted first: its nodes drain and terminate while
        // the class (and its instance profile) still exists.
        new KubernetesCustomResource(name + "-node-pool", "karpenter.sh/v1", "NodePool",
                Map.of("name", NODE_POOL),
                Output.of(nodePoolSpec(cfg)),
                CustomResourceOptions.builder().parent(this).provider(cluster.kubernetesProvider())
                        .dependsOn(release, nodeClass).build());

        this.interruptionQueueName = queue.name();
        this.nodeRoleName = nodeRole.name();
        registerOutputs(Map.of("interruptionQueueName", interruptionQueueName, "nodeRoleName", nodeRoleName));
    }

    /**
     * The template's KarpenterInterruptionQueuePolicy for the queue's ARN, narrowed to this platform's own rules:
     * EventBridge may send only on behalf of the interruption rules ({@code aws:SourceArn}), not for any rule of
     * any account. The template's second principal, {@code sqs.amazonaws.com}, is left out: no SQS feature sends to
     * this queue (it is no dead-letter or redrive target), and a SourceArn of the rules could never match it.
     */
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
        // On the system node group only: Karpenter must never run on a node it manages (it could consolidate
        // its own node away).
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
        // The VPC resolver, not CoreDNS: Karpenter talks only to AWS endpoints and the API server (by service IP),
        // so it keeps working while CoreDNS has no node to run on.
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
        String resource = "/karpenter/" + name + "Policy.json";
        try (InputStream in = Karpenter.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
    private static String compact(String policyJson) {
        return json(new com.google.gson.Gson().fromJson(policyJson, Object.class));
    }

    private static String json(Object value) {
        return CanonicalJson.write(value);
    }

    public Output<String> interruptionQueueName() {
        return interruptionQueueName;
    }

    public Output<String> nodeRoleName() {
        return nodeRoleName;
    }
}
