package com.acme.platform.eks.network;

import com.acme.platform.eks.platform.PlatformContext;
import com.acme.platform.eks.config.NetworkConfig;
import com.acme.platform.eks.platform.AwsAccount;
import com.acme.platform.eks.platform.IamPath;
import com.acme.platform.eks.platform.PolicyDocument;
import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.ec2.DefaultSecurityGroup;
import com.pulumi.aws.ec2.DefaultSecurityGroupArgs;
import com.pulumi.aws.ec2.Eip;
import com.pulumi.aws.ec2.EipArgs;
import com.pulumi.aws.ec2.FlowLog;
import com.pulumi.aws.ec2.FlowLogArgs;
import com.pulumi.aws.ec2.InternetGateway;
import com.pulumi.aws.ec2.InternetGatewayArgs;
import com.pulumi.aws.ec2.NatGateway;
import com.pulumi.aws.ec2.NatGatewayArgs;
import com.pulumi.aws.ec2.Route;
import com.pulumi.aws.ec2.RouteArgs;
import com.pulumi.aws.ec2.RouteTable;
import com.pulumi.aws.ec2.RouteTableArgs;
import com.pulumi.aws.ec2.RouteTableAssociation;
import com.pulumi.aws.ec2.RouteTableAssociationArgs;
import com.pulumi.aws.ec2.Subnet;
import com.pulumi.aws.ec2.SubnetArgs;
import com.pulumi.aws.ec2.Vpc;
import com.pulumi.aws.ec2.VpcArgs;
import com.pulumi.aws.ec2.VpcEndpoint;
import com.pulumi.aws.ec2.VpcEndpointArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.inputs.GetAvailabilityZonesArgs;
import com.pulumi.aws.inputs.GetAvailabilityZonesFilterArgs;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The VPC: docs/internals.md#network. */
public final class Network extends ComponentResource {

    /** {@code platform}: its name tags private subnets for Karpenter discovery. */
    public record Args(PlatformContext platform, NetworkConfig config, Output<String> logKmsKeyArn) { }

    public static final String DISCOVERY_TAG = "karpenter.sh/discovery";

    /** What the network reports, as AWS has it: docs/internals.md#network. */
    public record Outputs(Output<String> vpcId, Output<List<String>> availabilityZones,
                          Output<List<String>> publicSubnetIds, Output<List<String>> publicSubnetCidrs,
                          Output<List<String>> privateSubnetIds, Output<List<String>> privateSubnetCidrs,
                          List<Resource> egress) {
        public Outputs {
            egress = List.copyOf(egress);
        }
    }

    private final List<Resource> egress = new ArrayList<>();
    private final Outputs outputs;

    public Network(String name, Args args, ComponentResourceOptions options) {
        super("eks-platform:network:Network", name, options);
        var cfg = args.config();
        String label = args.platform().name();
        var child = CustomResourceOptions.builder().parent(this).build();
        // Protected where the stack protects: a replacement stops at the preview (docs/internals.md#network).
        var kept = CustomResourceOptions.builder().parent(this).protect(args.platform().protect()).build();

        Output<List<String>> zones = args.config().pinnedAvailabilityZones()
                .map(Output::of)
                .orElseGet(() -> AwsFunctions.getAvailabilityZones(
                                // Regular AZs only (docs/internals.md#network).
                                GetAvailabilityZonesArgs.builder()
                                        .state("available")
                                        .filters(GetAvailabilityZonesFilterArgs.builder()
                                                .name("opt-in-status").values("opt-in-not-required").build())
                                        .build(),
                                InvokeOptions.builder().parent(this).build())
                        .applyValue(result -> {
                            if (result.names().size() < cfg.azCount()) {
                                throw new IllegalStateException("azCount is " + cfg.azCount() + " but region "
                                        + args.platform().region() + " has only " + result.names().size() + " available AZs");
                            }
                            return List.copyOf(result.names().subList(0, cfg.azCount()));
                        }));

        var vpc = new Vpc(name + "-vpc", VpcArgs.builder()
                .cidrBlock(cfg.vpcCidr().toString())
                .enableDnsSupport(true)
                .enableDnsHostnames(true)
                .tags(Map.of("Name", label))
                .build(), CustomResourceOptions.builder().parent(this).protect(args.platform().protect()).build());

        // The default security group, adopted with no rules (CIS AWS 5.4).
        new DefaultSecurityGroup(name + "-default-sg", DefaultSecurityGroupArgs.builder()
                .vpcId(vpc.id())
                .tags(Map.of("Name", label + "-default-unused"))
                .build(), child);

        var igw = new InternetGateway(name + "-igw", InternetGatewayArgs.builder()
                .vpcId(vpc.id())
                .tags(Map.of("Name", label))
                .build(), kept);

        var publicRouteTable = new RouteTable(name + "-public", RouteTableArgs.builder()
                .vpcId(vpc.id())
                .tags(Map.of("Name", label + "-public"))
                .build(), kept);
        egress.add(igw);
        egress.add(new Route(name + "-public-default", RouteArgs.builder()
                .routeTableId(publicRouteTable.id())
                .destinationCidrBlock("0.0.0.0/0")
                .gatewayId(igw.id())
                .build(), child));

        var publicSubnets = new ArrayList<Subnet>();
        var privateSubnets = new ArrayList<Subnet>();
        for (int i = 0; i < cfg.azCount(); i++) {
            final int az = i;
            Output<String> zone = zones.applyValue(z -> z.get(az));
            String suffix = String.valueOf((char) ('a' + i));

            var publicSubnet = new Subnet(name + "-public-" + suffix, SubnetArgs.builder()
                    .vpcId(vpc.id())
                    .availabilityZone(zone)
                    .cidrBlock(cfg.publicSubnetCidrs().get(i).toString())
                    // Nothing in a public subnet needs an automatic public IP: NAT uses an EIP, ALBs their own.
                    .mapPublicIpOnLaunch(false)
                    .tags(Map.of("Name", label + "-public-" + suffix, "kubernetes.io/role/elb", "1"))
                    .build(), kept);
            egress.add(new RouteTableAssociation(name + "-public-" + suffix, RouteTableAssociationArgs.builder()
                    .subnetId(publicSubnet.id())
                    .routeTableId(publicRouteTable.id())
                    .build(), child));
            publicSubnets.add(publicSubnet);

            privateSubnets.add(new Subnet(name + "-private-" + suffix, SubnetArgs.builder()
                    .vpcId(vpc.id())
                    .availabilityZone(zone)
                    .cidrBlock(cfg.privateSubnetCidrs().get(i).toString())
                    .mapPublicIpOnLaunch(false)
                    .tags(Map.of("Name", label + "-private-" + suffix,
                            "kubernetes.io/role/internal-elb", "1",
                            DISCOVERY_TAG, args.platform().name()))
                    .build(), kept));
        }

        var natGateways = new ArrayList<NatGateway>();
        for (int i = 0; i < cfg.natGatewayCount(); i++) {
            String suffix = String.valueOf((char) ('a' + i));
            var eip = new Eip(name + "-nat-" + suffix, EipArgs.builder()
                    .domain("vpc")
                    .tags(Map.of("Name", label + "-nat-" + suffix))
                    .build(), kept);
            egress.add(eip);
            natGateways.add(new NatGateway(name + "-nat-" + suffix, NatGatewayArgs.builder()
                    .allocationId(eip.id())
                    .subnetId(publicSubnets.get(i).id())
                    .tags(Map.of("Name", label + "-nat-" + suffix))
                    .build(), CustomResourceOptions.builder().parent(this).dependsOn(igw).protect(args.platform().protect())
                    .build()));
        }

        // One per AZ even with one NAT (docs/internals.md#network).
        var privateRouteTables = new ArrayList<RouteTable>();
        for (int i = 0; i < cfg.azCount(); i++) {
            String suffix = String.valueOf((char) ('a' + i));
            var table = new RouteTable(name + "-private-" + suffix, RouteTableArgs.builder()
                    .vpcId(vpc.id())
                    .tags(Map.of("Name", label + "-private-" + suffix))
                    .build(), kept);
            egress.add(new Route(name + "-private-" + suffix + "-default", RouteArgs.builder()
                    .routeTableId(table.id())
                    .destinationCidrBlock("0.0.0.0/0")
                    .natGatewayId(natGateways.get(Math.min(i, natGateways.size() - 1)).id())
                    .build(), child));
            egress.add(new RouteTableAssociation(name + "-private-" + suffix, RouteTableAssociationArgs.builder()
                    .subnetId(privateSubnets.get(i).id())
                    .routeTableId(table.id())
                    .build(), child));
            privateRouteTables.add(table);
        }

        // Image layers from ECR and other S3 traffic bypass the NAT gateways (cost, and NAT bandwidth).
        egress.addAll(natGateways);
        egress.add(new VpcEndpoint(name + "-s3", VpcEndpointArgs.builder()
                .vpcId(vpc.id())
                .serviceName("com.amazonaws." + args.platform().region() + ".s3")
                .vpcEndpointType("Gateway")
                .routeTableIds(Output.all(privateRouteTables.stream().map(RouteTable::id).toList()))
                .tags(Map.of("Name", label + "-s3"))
                .build(), child));

        if (cfg.flowLogs()) {
            flowLogs(name, label, vpc, args, child);
        }

        var privateSubnetIds = Output.all(privateSubnets.stream().map(Subnet::id).toList());
        this.outputs = new Outputs(vpc.id(), zones, Output.all(publicSubnets.stream().map(Subnet::id).toList()),
                cidrs(publicSubnets), privateSubnetIds, cidrs(privateSubnets), egress);
        registerOutputs(Map.of(
                "vpcId", outputs.vpcId(),
                "availabilityZones", zones,
                "publicSubnetIds", outputs.publicSubnetIds(),
                "privateSubnetIds", privateSubnetIds,
                "privateRouteTableIds", Output.all(privateRouteTables.stream().map(RouteTable::id).toList())));
    }

    public Outputs outputs() {
        return outputs;
    }

    private static Output<List<String>> cidrs(List<Subnet> subnets) {
        return Output.all(subnets.stream().map(s -> s.cidrBlock().applyValue(c -> c.orElseThrow())).toList());
    }

    private void flowLogs(String name, String label, Vpc vpc, Args args, CustomResourceOptions child) {
        var logGroup = new LogGroup(name + "-flow-logs", LogGroupArgs.builder()
                .name("/aws/vpc/" + label + "/flow-logs")
                .retentionInDays(args.config().flowLogRetentionDays())
                .kmsKeyId(args.logKmsKeyArn())
                // Kept when Pulumi deletes it (a rename, flowLogs off, teardown): flow logs are evidence.
                .build(), CustomResourceOptions.builder().parent(this).retainOnDelete(true).build());
        var role = new Role(name + "-flow-logs", RoleArgs.builder()
                .path(IamPath.PLATFORM)
                .permissionsBoundary(args.platform().account().permissionsBoundary())
                .assumeRolePolicy(flowLogsTrust(args.platform().region(), args.platform().account()))
                .build(), child);
        new RolePolicy(name + "-flow-logs", RolePolicyArgs.builder()
                .role(role.id())
                .policy(logGroup.arn().applyValue(arn -> PolicyDocument.of(List.of(Map.of(
                        "Effect", "Allow",
                        "Action", List.of("logs:CreateLogStream", "logs:PutLogEvents",
                                "logs:DescribeLogGroups", "logs:DescribeLogStreams"),
                        "Resource", List.of(arn, arn + ":*"))))))
                .build(), child);
        new FlowLog(name + "-flow-logs", FlowLogArgs.builder()
                .vpcId(vpc.id())
                .trafficType("ALL")
                .logDestinationType("cloud-watch-logs")
                .logDestination(logGroup.arn())
                .iamRoleArn(role.arn())
                .maxAggregationInterval(60)
                .tags(Map.of("Name", label))
                .build(), child);
    }

    /** Only this account's and region's flow logs (confused deputy). */
    private static Output<String> flowLogsTrust(String region, AwsAccount account) {
        return Output.tuple(account.id(), account.partition())
                .applyValue(t -> PolicyDocument.of(List.of(Map.of(
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "vpc-flow-logs.amazonaws.com"),
                        "Action", "sts:AssumeRole",
                        "Condition", Map.of(
                                "StringEquals", Map.of("aws:SourceAccount", t.t1),
                                "ArnLike", Map.of("aws:SourceArn", "arn:" + t.t2 + ":ec2:" + region
                                        + ":" + t.t1 + ":vpc-flow-log/*"))))));
    }
}
