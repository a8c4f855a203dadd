package com.acme.platform.eks.config;

import java.util.*;
import java.util.stream.IntStream;

/** The VPC layout, append-only: docs/day-2.md#the-network-is-append-only. */
public record NetworkConfig(
        @Key(value = "vpcCidr", dflt = "10.0.0.0/16", format = Formats.VPC_CIDR, doc = "VPC CIDR, /16 to /24")
        Ipv4Cidr vpcCidr,
        @Key(value = "azCount", dflt = "2", min = 2, max = 6, why = " (EKS needs subnets in at least two AZs)",
                doc = "AZs, 2 to 6") int azCount,
        @Key(value = "availabilityZones", shown = "first `azCount` available", doc = "pin AZ names (exactly `azCount`,"
                + " in the region)") List<String> availabilityZones,
        @Key(value = "privateSubnetPrefixLength", dflt = "19", doc = "prefix of each private subnet (nodes, pods);"
                + " longer than the VPC's, at most 28") int privateSubnetPrefixLength,
        @Key(value = "publicSubnetPrefixLength", dflt = "24", doc = "prefix of each public subnet (load balancers,"
                + " NAT); longer than the VPC's, at most 28") int publicSubnetPrefixLength,
        @Key(value = "publicSubnetBlock", dflt = "2", min = 0, max = 255, why = " (a block index in the VPC)",
                doc = "index of the private-sized block of the VPC that holds the public subnets; subnets never move"
                        + " when AZs are added ([docs/day-2.md](docs/day-2.md))") int publicSubnetBlock,
        @Key(value = "natGateways", dflt = "single", doc = "`single`: one NAT gateway for the VPC; `perAz`: one per AZ")
        NatMode nat,
        @Key(value = "flowLogs", dflt = "false", doc = "VPC flow logs (all traffic) to CloudWatch Logs") boolean flowLogs,
        @Key(value = "flowLogRetentionDays", dflt = "30", format = Formats.LOG_RETENTION, doc = "retention of the flow"
                + " logs, days") int flowLogRetentionDays) implements ConfigValues.Checked {

    /** The largest azCount the loader accepts; the public blocks are reserved for this many AZs. */
    public static final int MAX_AZ_COUNT = 6;

    @Override
    public void check(ConfigValues v) {
        v.unless(availabilityZones.isEmpty() || availabilityZones.size() == azCount, "availabilityZones",
                availabilityZones, "lists " + availabilityZones.size() + " zones but azCount is " + azCount
                        + "; list exactly azCount zones or none", "azCount");
        v.unless(Set.copyOf(availabilityZones).size() == availabilityZones.size(), "availabilityZones",
                availabilityZones, "lists a zone twice");
        var prefixes = List.of(privateSubnetPrefixLength, publicSubnetPrefixLength);
        for (int i = 0; i < 2; i++) {
            v.unless(prefixes.get(i) <= 28 && prefixes.get(i) > vpcCidr.prefixLength(), i == 0
                    ? "privateSubnetPrefixLength" : "publicSubnetPrefixLength", prefixes.get(i), "must be longer than"
                    + " the VPC prefix /" + vpcCidr.prefixLength() + " and at most 28 (the smallest AWS subnet)");
        }
        if (v.clean("vpcCidr", "azCount", "availabilityZones", "privateSubnetPrefixLength", "publicSubnetPrefixLength",
                "publicSubnetBlock", "natGateways", "flowLogs", "flowLogRetentionDays")) {
            v.unless(fitsInVpc(), "vpcCidr", vpcCidr.toString(), "is too small for " + azCount + " private /"
                    + privateSubnetPrefixLength + " and " + azCount + " public /" + publicSubnetPrefixLength
                    + " subnets with the public ones in block " + publicSubnetBlock + "; use a larger VPC or longer"
                    + " subnet prefixes (privateSubnetPrefixLength, publicSubnetPrefixLength)");
        }
    }

    public List<Ipv4Cidr> privateSubnetCidrs() {
        return IntStream.range(0, azCount).mapToObj(this::privateSubnetCidr).toList();
    }

    public List<Ipv4Cidr> publicSubnetCidrs() {
        return IntStream.range(0, azCount).mapToObj(this::publicSubnetCidr).toList();
    }

    /** The private subnet of the i-th AZ, wherever azCount is. */
    public Ipv4Cidr privateSubnetCidr(int az) {
        return vpcCidr.block(privateSubnetPrefixLength, 0, privateBlock(az));
    }

    private int privateBlock(int az) {
        return az < publicSubnetBlock ? az : az + publicBlocks();
    }

    /** Whether every subnet of azCount AZs lies inside the VPC (computed without building one beyond it). */
    boolean fitsInVpc() {
        int last = azCount - 1;
        long privateEnd = vpcCidr.blockBase(privateSubnetPrefixLength, 0, privateBlock(last)) + privateBlockSize();
        long publicEnd = vpcCidr.blockBase(publicSubnetPrefixLength, publicSubnetBlock * privateBlockSize(), last)
                + (1L << (32 - publicSubnetPrefixLength));
        return Math.max(privateEnd, publicEnd) <= vpcCidr.end();
    }

    /** The public subnet of the i-th AZ, wherever azCount is. */
    public Ipv4Cidr publicSubnetCidr(int az) {
        return vpcCidr.block(publicSubnetPrefixLength, publicSubnetBlock * privateBlockSize(), az);
    }

    /** Private-sized blocks the public subnets of {@link #MAX_AZ_COUNT} AZs take (at least one). */
    private int publicBlocks() {
        long publicSize = 1L << (32 - publicSubnetPrefixLength);
        long start = publicSubnetBlock * privateBlockSize();
        long aligned = (start + publicSize - 1) / publicSize * publicSize;
        long end = aligned + MAX_AZ_COUNT * publicSize;
        return (int) Math.max(1, (end - start + privateBlockSize() - 1) / privateBlockSize());
    }

    private long privateBlockSize() {
        return 1L << (32 - privateSubnetPrefixLength);
    }

    public Optional<List<String>> pinnedAvailabilityZones() {
        return availabilityZones.isEmpty() ? Optional.empty() : Optional.of(availabilityZones);
    }

    public int natGatewayCount() {
        return nat == NatMode.PER_AZ ? azCount : 1;
    }
}
