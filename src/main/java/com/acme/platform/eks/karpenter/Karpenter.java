package com.acme.platform.eks.karpenter;

import com.acme.platform.eks.config.KarpenterConfig;
import com.acme.platform.eks.network.Network;
import com.acme.platform.eks.platform.ClusterHandle;
import com.acme.platform.eks.platform.HelmRelease;
import com.acme.platform.eks.platform.IamPath;
import com.acme.platform.eks.platform.KubernetesCustomResource;
import com.acme.platform.eks.platform.PlatformContext;
import com.acme.platform.eks.platform.PodIdentityRole;
import com.acme.platform.eks.platform.PolicyDocument;
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
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.aws.iam.ServiceLinkedRole;
import com.pulumi.aws.iam.ServiceLinkedRoleArgs;
import com.pulumi.aws.sqs.Queue;
import com.pulumi.aws.sqs.QueueArgs;
import com.pulumi.aws.sqs.QueuePolicy;
import com.pulumi.aws.sqs.QueuePolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Karpenter as its v1.14 template and chart define it, on Pulumi: docs/karpenter.md#karpenter-on-pulumi. */
public final class Karpenter extends ComponentResource {

    /** Pinned here, not in config: the chart, its CRDs and the IAM policies below are one upstream release. */
    public static final HelmRelease.Chart CHART = HelmRelease.Chart.oci("oci://public.ecr.aws/karpenter/karpenter",
            "1.14.1");
    public static final HelmRelease.Chart CRD_CHART = HelmRelease.Chart.oci(
            "oci://public.ecr.aws/karpenter/karpenter-crd", CHART.version());
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

    /** The service of the EC2 Spot service-linked role (AWSServiceRoleForEC2Spot). */
    public static final String SPOT_SERVICE = "spot.amazonaws.com";

    /** {@code zonalShift}: the cluster takes ARC zonal shifts, which Karpenter then follows. */
    public record Args(PlatformContext platform, ClusterHandle cluster, KarpenterConfig config, boolean zonalShift) { }

    private final Output<String> interruptionQueueName;
    private final Output<String> nodeRoleName;

    public Karpenter(String name, Args args, ComponentResourceOptions options) {
        super("eks-platform:karpenter:Karpenter", name, options);
        var cfg = args.config();
        var cluster = args.cluster();
        var child = CustomResourceOptions.builder().parent(this).build();
        var account = args.platform().account();
        String clusterName = args.platform().name();

        // The node role: EC2_LINUX access, no policy association (docs/karpenter.md#karpenter-on-pulumi).
        var nodeRole = new Role(name + "-node-role", RoleArgs.builder()
                .path(IamPath.PLATFORM)
                .permissionsBoundary(account.permissionsBoundary())
                .description("Nodes that Karpenter launches in EKS cluster " + clusterName)
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
                .clusterName(cluster.name())
                .principalArn(nodeRole.arn())
                .type("EC2_LINUX")
                .build(), child));

        // Interruption handling, as the template has it.
        var queue = new Queue(name + "-interruption-queue", QueueArgs.builder()
                .name(clusterName)
                .messageRetentionSeconds(300)
                .sqsManagedSseEnabled(true)
                .build(), child);
        var ruleArns = new ArrayList<Output<String>>();
        for (var rule : INTERRUPTION_RULES) {
            var eventRule = new EventRule(name + "-" + rule.name() + "-rule", EventRuleArgs.builder()
                    .description("Karpenter interruption handling of " + clusterName + ": " + rule.detailType())
                    .eventPattern(KarpenterSpecs.json(Map.of("source", List.of(rule.source()),
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
                        .applyValue(t -> KarpenterSpecs.queuePolicy(t.t1, t.t2)))
                .build(), child));

        // Customer-managed: the six exceed the 10,240-character inline budget (docs/karpenter.md#karpenter-on-pulumi).
        var substitutions = Output.tuple(account.partition(), account.id(), cluster.name(), queue.arn(),
                        nodeRole.arn())
                .applyValue(t -> Map.of(
                        "AWS::Partition", t.t1,
                        "AWS::Region", args.platform().region(),
                        "AWS::AccountId", t.t2,
                        "ClusterName", t.t3,
                        "KarpenterInterruptionQueue.Arn", t.t4,
                        "KarpenterNodeRole.Arn", t.t5));
        var policies = new LinkedHashMap<String, Policy>();
        for (String policyName : CONTROLLER_POLICIES) {
            String template = KarpenterSpecs.controllerPolicyTemplate(policyName);
            policies.put(policyName, new Policy(name + "-controller-" + policyName + "-policy", PolicyArgs.builder()
                    .path(IamPath.PLATFORM)
                    .description("Karpenter controller of EKS cluster " + clusterName + ": KarpenterController"
                            + policyName + "Policy of the Karpenter v1.14 CloudFormation template")
                    .policy(substitutions.applyValue(values -> KarpenterSpecs.compact(KarpenterSpecs.substitute(template, values))))
                    .build(), child));
        }
        // The association waits for the attachments (docs/internals.md#pod-identity-roles).
        var attachments = new ArrayList<Resource>();
        var controller = new PodIdentityRole(new PodIdentityRole.Spec(name + "-controller", NAMESPACE,
                SERVICE_ACCOUNT, List.of(), List.of()), args.platform(), cluster, this, role -> {
                    policies.forEach((policyName, policy) -> attachments.add(new RolePolicyAttachment(
                            name + "-controller-" + policyName + "-attachment", RolePolicyAttachmentArgs.builder()
                            .role(role.name())
                            .policyArn(policy.arn())
                            .build(), child)));
                    return attachments;
                });
        awsSide.addAll(attachments);
        awsSide.add(controller.association());

        // One Spot service-linked role per account, never deleted (docs/karpenter.md#karpenter-on-pulumi).
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
                .resourceId(cluster.securityGroupId())
                .key(Network.DISCOVERY_TAG)
                .value(clusterName)
                .build(), child));

        // CRDs from their own chart: Helm installs a chart's crds/ folder once and never upgrades it.
        awsSide.add(HelmRelease.of(name + "-crd-chart", this, cluster, "karpenter-crd", CRD_CHART,
                NAMESPACE).create());
        awsSide.add(cluster.systemNodeGroup());
        var release = HelmRelease.of(name + "-chart", this, cluster, "karpenter", CHART, NAMESPACE)
                .skipCrds()
                .values(Output.tuple(cluster.name(), cluster.endpoint(), queue.name())
                        .applyValue(t -> KarpenterSpecs.controllerValues(cfg, args.platform().region(), t.t1, t.t2,
                                t.t3, args.zonalShift())))
                .after(awsSide)
                .create();

        var nodeClass = new KubernetesCustomResource(name + "-node-class", "karpenter.k8s.aws/v1", "EC2NodeClass",
                Map.of("name", NODE_CLASS),
                nodeRole.name().applyValue(role -> KarpenterSpecs.nodeClassSpec(cfg, clusterName, role, args.platform().tags())),
                CustomResourceOptions.builder().parent(this).provider(cluster.kubernetesProvider())
                        .dependsOn(release).build());
        // Deleted before its node class, so its nodes drain first (docs/karpenter.md#karpenter-on-pulumi).
        new KubernetesCustomResource(name + "-node-pool", "karpenter.sh/v1", "NodePool",
                Map.of("name", NODE_POOL),
                Output.of(KarpenterSpecs.nodePoolSpec(cfg)),
                CustomResourceOptions.builder().parent(this).provider(cluster.kubernetesProvider())
                        .dependsOn(release, nodeClass).build());

        this.interruptionQueueName = queue.name();
        this.nodeRoleName = nodeRole.name();
        registerOutputs(Map.of("interruptionQueueName", interruptionQueueName, "nodeRoleName", nodeRoleName));
    }

    public Output<String> interruptionQueueName() {
        return interruptionQueueName;
    }

    public Output<String> nodeRoleName() {
        return nodeRoleName;
    }
}
