package com.acme.platform.eks.config;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The VPC layout. Subnet CIDRs are derived, never written per AZ: private subnets take the first
 * {@code azCount} blocks of {@code privateSubnetPrefixLength}, public subnets the next aligned blocks of
 * {@code publicSubnetPrefixLength}.
 *
 * @param availabilityZones pinned AZ names; empty means "the first azCount available AZs of the region"
 */
public record NetworkConfig(
        Ipv4Cidr vpcCidr,
        int azCount,
        List<String> availabilityZones,
        int privateSubnetPrefixLength,
        int publicSubnetPrefixLength,
        NatMode nat,
        boolean flowLogs,
        int flowLogRetentionDays) {

    public NetworkConfig {
        availabilityZones = List.copyOf(availabilityZones);
    }

    public List<Ipv4Cidr> privateSubnetCidrs() {
        return IntStream.range(0, azCount)
                .mapToObj(i -> vpcCidr.block(privateSubnetPrefixLength, 0, i)).toList();
    }

    public List<Ipv4Cidr> publicSubnetCidrs() {
        long afterPrivate = azCount * (1L << (32 - privateSubnetPrefixLength));
        return IntStream.range(0, azCount)
                .mapToObj(i -> vpcCidr.block(publicSubnetPrefixLength, afterPrivate, i)).toList();
    }

    public Optional<List<String>> pinnedAvailabilityZones() {
        return availabilityZones.isEmpty() ? Optional.empty() : Optional.of(availabilityZones);
    }

    public int natGatewayCount() {
        return nat == NatMode.PER_AZ ? azCount : 1;
    }
}
