package com.acme.platform.eks.config;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import static com.acme.platform.eks.config.ConfigKeys.*;

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
        Integer publicBlock = v.integer(PUBLIC_SUBNET_BLOCK);
        if (vpc == null || v.faulty(AZ_COUNT, AVAILABILITY_ZONES, PRIVATE_SUBNET_PREFIX, PUBLIC_SUBNET_PREFIX,
                PUBLIC_SUBNET_BLOCK, NAT_GATEWAYS, FLOW_LOGS, FLOW_LOG_RETENTION_DAYS)) {
            return null;
        }
        int privatePrefix = v.integer(PRIVATE_SUBNET_PREFIX);
        int publicPrefix = v.integer(PUBLIC_SUBNET_PREFIX);
        var candidate = new NetworkConfig(vpc, azCount, zones, privatePrefix, publicPrefix, publicBlock, nat,
                flowLogs, retention);
        if (!candidate.fitsInVpc()) {
            v.problem(VPC_CIDR, vpc.toString(), "is too small for " + azCount + " private /" + privatePrefix + " and "
                    + azCount + " public /" + publicPrefix + " subnets with the public ones in block " + publicBlock
                    + "; use a larger VPC or longer subnet prefixes (" + PRIVATE_SUBNET_PREFIX.name() + ", "
                    + PUBLIC_SUBNET_PREFIX.name() + ")");
            return null;
        }
        return candidate;
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
