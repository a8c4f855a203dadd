package com.acme.platform.eks.delivery;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The IAM actions of what the program reads from AWS: the read-only roles' rights (docs/internals.md#the-read-only-roles-rights). */
public final class PlatformReads {
    private PlatformReads() { }

    /** The program's invokes (Main, AwsAccount, Network, EksCluster): a preview without refresh makes only these. */
    public static final Map<String, List<String>> OF_INVOKE = Map.of(
            "aws:index/getCallerIdentity:getCallerIdentity", List.of("sts:GetCallerIdentity"),
            // Answered from the provider's partition data, no API call.
            "aws:index/getPartition:getPartition", List.of(),
            "aws:index/getRegion:getRegion", List.of("ec2:DescribeRegions"),
            "aws:index/getAvailabilityZones:getAvailabilityZones", List.of("ec2:DescribeAvailabilityZones"),
            "aws:eks/getAddonVersion:getAddonVersion", List.of("eks:DescribeAddonVersions"),
            // observability/AppLoadBalancer: the app's ALB and target group by the controller's tags.
            "aws:lb/getLoadBalancer:getLoadBalancer", List.of("elasticloadbalancing:DescribeLoadBalancers",
                    "elasticloadbalancing:DescribeTags", "elasticloadbalancing:DescribeLoadBalancerAttributes"),
            "aws:lb/getTargetGroup:getTargetGroup", List.of("elasticloadbalancing:DescribeTargetGroups",
                    "elasticloadbalancing:DescribeTags", "elasticloadbalancing:DescribeTargetGroupAttributes"));

    /** What a provider needs to start: docs/internals.md#the-read-only-roles-rights. */
    public static final Map<String, List<String>> OF_PROVIDER = Map.of(
            "pulumi:providers:aws", List.of("sts:GetCallerIdentity"),
            "pulumi:providers:kubernetes", List.of());

    /** The AWS resource types the platform stacks hold, and the read of each. */
    public static final Map<String, List<String>> OF_RESOURCE_TYPE = Map.ofEntries(
            Map.entry("aws:acm/certificate:Certificate",
                    List.of("acm:DescribeCertificate", "acm:ListTagsForCertificate")),
            Map.entry("aws:acm/certificateValidation:CertificateValidation", List.of("acm:DescribeCertificate")),
            Map.entry("aws:cloudwatch/metricAlarm:MetricAlarm",
                    List.of("cloudwatch:DescribeAlarms", "cloudwatch:ListTagsForResource")),
            Map.entry("aws:sns/topic:Topic", List.of("sns:GetTopicAttributes", "sns:ListTagsForResource")),
            Map.entry("aws:sns/topicPolicy:TopicPolicy", List.of("sns:GetTopicAttributes")),
            Map.entry("aws:sns/topicSubscription:TopicSubscription", List.of("sns:GetSubscriptionAttributes")),
            Map.entry("aws:cloudwatch/eventRule:EventRule", List.of("events:DescribeRule", "events:ListTagsForResource")),
            Map.entry("aws:cloudwatch/eventTarget:EventTarget", List.of("events:ListTargetsByRule")),
            Map.entry("aws:cloudwatch/logGroup:LogGroup",
                    List.of("logs:DescribeLogGroups", "logs:ListTagsForResource", "logs:ListTagsLogGroup")),
            Map.entry("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
                    List.of("ec2:DescribeSecurityGroups", "ec2:DescribeSecurityGroupRules")),
            Map.entry("aws:ec2/eip:Eip", List.of("ec2:DescribeAddresses", "ec2:DescribeAddressesAttribute")),
            Map.entry("aws:ec2/flowLog:FlowLog", List.of("ec2:DescribeFlowLogs")),
            Map.entry("aws:ec2/internetGateway:InternetGateway", List.of("ec2:DescribeInternetGateways")),
            Map.entry("aws:ec2/launchTemplate:LaunchTemplate",
                    List.of("ec2:DescribeLaunchTemplates", "ec2:DescribeLaunchTemplateVersions")),
            Map.entry("aws:ec2/natGateway:NatGateway", List.of("ec2:DescribeNatGateways")),
            Map.entry("aws:ec2/route:Route", List.of("ec2:DescribeRouteTables")),
            Map.entry("aws:ec2/routeTable:RouteTable", List.of("ec2:DescribeRouteTables")),
            Map.entry("aws:ec2/routeTableAssociation:RouteTableAssociation", List.of("ec2:DescribeRouteTables")),
            Map.entry("aws:ec2/subnet:Subnet", List.of("ec2:DescribeSubnets")),
            Map.entry("aws:ec2/tag:Tag", List.of("ec2:DescribeTags")),
            // The VPC's read also finds its default network ACL, security group and main route table.
            Map.entry("aws:ec2/vpc:Vpc", List.of("ec2:DescribeVpcs", "ec2:DescribeVpcAttribute",
                    "ec2:DescribeNetworkAcls", "ec2:DescribeSecurityGroups", "ec2:DescribeRouteTables")),
            Map.entry("aws:ec2/vpcEndpoint:VpcEndpoint", List.of("ec2:DescribeVpcEndpoints", "ec2:DescribePrefixLists")),
            Map.entry("aws:eks/accessEntry:AccessEntry", List.of("eks:DescribeAccessEntry")),
            Map.entry("aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
                    List.of("eks:ListAssociatedAccessPolicies")),
            Map.entry("aws:eks/addon:Addon", List.of("eks:DescribeAddon")),
            Map.entry("aws:eks/cluster:Cluster", List.of("eks:DescribeCluster")),
            Map.entry("aws:eks/nodeGroup:NodeGroup", List.of("eks:DescribeNodegroup")),
            Map.entry("aws:eks/podIdentityAssociation:PodIdentityAssociation",
                    List.of("eks:DescribePodIdentityAssociation")),
            Map.entry("aws:iam/policy:Policy", List.of("iam:GetPolicy", "iam:GetPolicyVersion",
                    "iam:ListPolicyVersions", "iam:ListPolicyTags")),
            Map.entry("aws:iam/role:Role", List.of("iam:GetRole", "iam:ListRolePolicies",
                    "iam:ListAttachedRolePolicies", "iam:GetRolePolicy")),
            Map.entry("aws:iam/rolePolicy:RolePolicy", List.of("iam:GetRolePolicy")),
            Map.entry("aws:iam/serviceLinkedRole:ServiceLinkedRole", List.of("iam:GetRole")),
            Map.entry("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                    List.of("ec2:DescribeSecurityGroupRules")),
            Map.entry("aws:iam/rolePolicyAttachment:RolePolicyAttachment", List.of("iam:ListAttachedRolePolicies")),
            Map.entry("aws:kms/alias:Alias", List.of("kms:ListAliases")),
            Map.entry("aws:kms/key:Key", List.of("kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus",
                    "kms:ListResourceTags")),
            Map.entry("aws:route53/record:Record", List.of("route53:ListResourceRecordSets")),
            Map.entry("aws:route53/zone:Zone", List.of("route53:GetHostedZone", "route53:ListTagsForResource")),
            Map.entry("aws:sqs/queue:Queue", List.of("sqs:GetQueueAttributes", "sqs:ListQueueTags")),
            Map.entry("aws:resourcegroups/group:Group", List.of("resource-groups:GetGroup",
                    "resource-groups:GetGroupQuery", "resource-groups:GetGroupConfiguration", "resource-groups:GetTags")),
            Map.entry("aws:sqs/queuePolicy:QueuePolicy", List.of("sqs:GetQueueAttributes")));

    /** A preview without refresh (pull requests): the invokes and the providers' start, nothing per resource. */
    public static List<String> previewActions() {
        var actions = new TreeSet<String>();
        OF_INVOKE.values().forEach(actions::addAll);
        OF_PROVIDER.values().forEach(actions::addAll);
        return List.copyOf(actions);
    }

    /** A preview with refresh (the prod preview before approval, the drift checks): plus every resource's read. */
    public static List<String> refreshActions() {
        var actions = new TreeSet<String>(previewActions());
        OF_RESOURCE_TYPE.values().forEach(actions::addAll);
        return List.copyOf(actions);
    }
}
