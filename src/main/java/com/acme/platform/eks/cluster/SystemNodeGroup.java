package com.acme.platform.eks.cluster;

import com.acme.platform.eks.config.ClusterConfig;
import com.acme.platform.eks.platform.ClusterHandle;
import com.acme.platform.eks.platform.IamPath;
import com.acme.platform.eks.platform.PlatformContext;
import com.acme.platform.eks.platform.PolicyDocument;
import com.acme.platform.eks.platform.SystemNodes;
import com.pulumi.aws.ec2.LaunchTemplate;
import com.pulumi.aws.ec2.LaunchTemplateArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateBlockDeviceMappingArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateBlockDeviceMappingEbsArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateMetadataOptionsArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateTagSpecificationArgs;
import com.pulumi.aws.eks.NodeGroup;
import com.pulumi.aws.eks.NodeGroupArgs;
import com.pulumi.aws.eks.inputs.NodeGroupLaunchTemplateArgs;
import com.pulumi.aws.eks.inputs.NodeGroupScalingConfigArgs;
import com.pulumi.aws.eks.inputs.NodeGroupTaintArgs;
import com.pulumi.aws.eks.inputs.NodeGroupUpdateConfigArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The managed node group the controllers run on: docs/internals.md#system-node-group. */
public final class SystemNodeGroup extends ComponentResource {

    /** {@code prerequisites}: what a node needs to join and reach AWS, created before the group, deleted after it. */
    public record Args(PlatformContext platform, ClusterHandle cluster, ClusterConfig config,
                       Output<List<String>> privateSubnetIds, List<Resource> prerequisites) { }

    /** The system node group's name starts with this; EKS appends a unique suffix. */
    public static final String NODE_GROUP_PREFIX = "system-";

    /** The policies of the system nodes' role (EKS user guide, create-node-role), SSM for Session Manager. */
    static final List<String> NODE_POLICIES = List.of("AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy",
            "AmazonEC2ContainerRegistryPullOnly", "AmazonSSMManagedInstanceCore");

    private final NodeGroup nodeGroup;

    public SystemNodeGroup(String name, Args args, ComponentResourceOptions options) {
        super("eks-platform:cluster:SystemNodeGroup", name, options);
        var cfg = args.config();
        var child = CustomResourceOptions.builder().parent(this).build();

        var nodeRole = new Role(name + "-node", RoleArgs.builder()
                .path(IamPath.PLATFORM)
                .permissionsBoundary(args.platform().permissionsBoundary())
                .assumeRolePolicy(PolicyDocument.serviceAssumeRole("ec2.amazonaws.com"))
                .build(), child);
        var needs = new ArrayList<Resource>(args.prerequisites());
        for (String policy : NODE_POLICIES) {
            needs.add(new RolePolicyAttachment(name + "-node-" + policy, RolePolicyAttachmentArgs.builder()
                    .role(nodeRole.name())
                    .policyArn(args.platform().account().managedPolicy(policy))
                    .build(), child));
        }

        var nodeTags = new LinkedHashMap<String, String>(args.platform().tags());
        nodeTags.put("Name", cfg.name() + "-system");
        var launchTemplate = new LaunchTemplate(name + "-nodes", LaunchTemplateArgs.builder()
                .description("System node group of " + cfg.name() + ": IMDSv2 only, encrypted gp3 root volume")
                // No security groups here: EKS then attaches the cluster security group, the only one nodes need.
                .metadataOptions(LaunchTemplateMetadataOptionsArgs.builder()
                        .httpEndpoint("enabled")
                        .httpTokens("required")
                        // Pods cannot reach the node's instance profile; they get credentials from Pod Identity.
                        .httpPutResponseHopLimit(1)
                        .build())
                .blockDeviceMappings(LaunchTemplateBlockDeviceMappingArgs.builder()
                        .deviceName("/dev/xvda")
                        .ebs(LaunchTemplateBlockDeviceMappingEbsArgs.builder()
                                .volumeType("gp3")
                                .volumeSize(cfg.systemNodes().diskSizeGib())
                                .encrypted("true")
                                .deleteOnTermination("true")
                                .build())
                        .build())
                .tagSpecifications(
                        LaunchTemplateTagSpecificationArgs.builder().resourceType("instance").tags(nodeTags).build(),
                        LaunchTemplateTagSpecificationArgs.builder().resourceType("volume").tags(nodeTags).build())
                .updateDefaultVersion(true)
                .build(), child);

        var system = cfg.systemNodes();
        this.nodeGroup = new NodeGroup(name, NodeGroupArgs.builder()
                .clusterName(args.cluster().name())
                // A prefix: a replacement is create-before-delete, and a fixed name would collide (docs/internals.md).
                .nodeGroupNamePrefix(NODE_GROUP_PREFIX)
                .version(cfg.kubernetesVersion())
                .nodeRoleArn(nodeRole.arn())
                .subnetIds(args.privateSubnetIds())
                .amiType(system.amiType())
                .instanceTypes(system.instanceTypes())
                .capacityType(system.capacityType())
                .scalingConfig(NodeGroupScalingConfigArgs.builder()
                        .minSize(system.minSize())
                        .desiredSize(system.desiredSize())
                        .maxSize(system.maxSize())
                        .build())
                .updateConfig(NodeGroupUpdateConfigArgs.builder().maxUnavailable(1).build())
                .launchTemplate(NodeGroupLaunchTemplateArgs.builder()
                        .id(launchTemplate.id())
                        .version(launchTemplate.latestVersion().applyValue(String::valueOf))
                        .build())
                .labels(Map.of(SystemNodes.LABEL_KEY, SystemNodes.LABEL_VALUE))
                .taints(NodeGroupTaintArgs.builder()
                        .key(SystemNodes.TAINT_KEY)
                        .value(SystemNodes.TAINT_VALUE)
                        .effect("NO_SCHEDULE")
                        .build())
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(needs).build());
        registerOutputs(Map.of());
    }

    /** Charts and custom resources that must run on (or outlive) the system nodes depend on this. */
    public NodeGroup nodeGroup() {
        return nodeGroup;
    }
}
