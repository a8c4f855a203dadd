package com.acme.platform.eks.config;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import static com.acme.platform.eks.config.ConfigKeys.*;

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

    /** The network section, checked; null when a key of it has a problem. */
    static NetworkConfig read(ConfigValues v, String region) {
        Ipv4Cidr vpc = Ipv4Cidr.parse(v.string(VPC_CIDR)).orElse(null);
        Integer azCount = v.integer(AZ_COUNT);
        List<String> zones = v.strings(AVAILABILITY_ZONES);
        if (azCount != null && !zones.isEmpty() && zones.size() != azCount) {
            v.problem(AVAILABILITY_ZONES, zones, "lists " + zones.size() + " zones but azCount is " + azCount
                    + "; list exactly azCount zones or none");
        }
        if (Set.copyOf(zones).size() != zones.size()) {
            v.problem(AVAILABILITY_ZONES, zones, "lists a zone twice");
        }
        zones.stream().filter(zone -> region != null && !zone.matches(java.util.regex.Pattern.quote(region) + "[a-z]"))
                .forEach(zone -> v.problem(AVAILABILITY_ZONES, zone, "is not a zone of region " + region
                        + " (expected " + region + "a, " + region + "b, ...)"));
        for (var key : List.of(PRIVATE_SUBNET_PREFIX, PUBLIC_SUBNET_PREFIX)) {
            Integer prefix = v.integer(key);
            int vpcPrefix = vpc == null ? 16 : vpc.prefixLength();
            if (prefix != null && (prefix > 28 || prefix <= vpcPrefix)) {
                v.problem(key, prefix, "must be longer than the VPC prefix /" + vpcPrefix + " and at most 28 (the"
                        + " smallest AWS subnet)");
            }
        }
        NatMode nat = NatMode.of(v.string(NAT_GATEWAYS));
        boolean flowLogs = v.bool(FLOW_LOGS);
        Integer retention = v.integer(FLOW_LOG_RETENTION_DAYS);
        if (vpc == null || v.faulty(AZ_COUNT, AVAILABILITY_ZONES, PRIVATE_SUBNET_PREFIX, PUBLIC_SUBNET_PREFIX,
                NAT_GATEWAYS, FLOW_LOGS, FLOW_LOG_RETENTION_DAYS)) {
            return null;
        }
        int privatePrefix = v.integer(PRIVATE_SUBNET_PREFIX);
        int publicPrefix = v.integer(PUBLIC_SUBNET_PREFIX);
        long afterPrivate = azCount * (1L << (32 - privatePrefix));
        if (vpc.blockBase(publicPrefix, afterPrivate, azCount - 1) + (1L << (32 - publicPrefix)) > vpc.end()) {
            v.problem(VPC_CIDR, vpc.toString(), "is too small for " + azCount + " private /" + privatePrefix + " and "
                    + azCount + " public /" + publicPrefix + " subnets; use a larger VPC or longer subnet prefixes ("
                    + PRIVATE_SUBNET_PREFIX.name() + ", " + PUBLIC_SUBNET_PREFIX.name() + ")");
            return null;
        }
        return new NetworkConfig(vpc, azCount, zones, privatePrefix, publicPrefix, nat, flowLogs, retention);
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
