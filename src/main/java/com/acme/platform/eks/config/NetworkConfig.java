package com.acme.platform.eks.config;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The VPC layout, append-only: the VPC is cut into blocks of {@code privateSubnetPrefixLength}; block
 * {@code publicSubnetBlock} (and the blocks after it that {@link #MAX_AZ_COUNT} public subnets need) holds the
 * public subnets, the private subnet of AZ i takes the i-th of the other blocks. No subnet's place depends on
 * {@code azCount}, so adding an AZ adds subnets and never moves one (a moved subnet is a replaced one: AWS's
 * {@code cidr_block} is ForceNew). The defaults place dev's and prod's subnets where the earlier rule (public
 * blocks after {@code azCount} private ones) did.
 *
 * @param availabilityZones pinned AZ names; empty means "the first azCount available AZs of the region"
 * @param publicSubnetBlock index of the first private-sized block that holds the public subnets
 */
public record NetworkConfig(
        Ipv4Cidr vpcCidr,
        int azCount,
        List<String> availabilityZones,
        int privateSubnetPrefixLength,
        int publicSubnetPrefixLength,
        int publicSubnetBlock,
        NatMode nat,
        boolean flowLogs,
        int flowLogRetentionDays) {

    /** The largest azCount the loader accepts; the public blocks are reserved for this many AZs. */
    public static final int MAX_AZ_COUNT = 6;

    public NetworkConfig {
        availabilityZones = List.copyOf(availabilityZones);
    }

    public List<Ipv4Cidr> privateSubnetCidrs() {
        return IntStream.range(0, azCount).mapToObj(this::privateSubnetCidr).toList();
    }

    public List<Ipv4Cidr> publicSubnetCidrs() {
        return IntStream.range(0, azCount).mapToObj(this::publicSubnetCidr).toList();
    }

    /** The private subnet of the i-th AZ, wherever azCount is. */
    public Ipv4Cidr privateSubnetCidr(int az) {
        int block = az < publicSubnetBlock ? az : az + publicBlocks();
        return vpcCidr.block(privateSubnetPrefixLength, 0, block);
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
