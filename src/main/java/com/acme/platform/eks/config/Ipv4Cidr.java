package com.acme.platform.eks.config;

import java.util.Optional;
import java.util.regex.Pattern;

/** An IPv4 CIDR block, canonical (no host bits set). */
public record Ipv4Cidr(long base, int prefixLength) {
    /** 2^32: no block may end beyond the IPv4 address space. */
    public static final long ADDRESS_SPACE_END = 1L << 32;
    private static final Pattern SYNTAX = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

    public Ipv4Cidr {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length " + prefixLength);
        }
        if ((base & ~mask(prefixLength)) != 0 || base + (1L << (32 - prefixLength)) > ADDRESS_SPACE_END) {
            throw new IllegalArgumentException("host bits set");
        }
    }

    /** Empty when the text is not a canonical IPv4 CIDR (e.g. {@code 10.0.0.0/33} or {@code 10.0.0.1/16}). */
    public static Optional<Ipv4Cidr> parse(String text) {
        var m = SYNTAX.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long base = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) {
                return Optional.empty();
            }
            base = (base << 8) | octet;
        }
        int prefix = Integer.parseInt(m.group(5));
        if (prefix > 32 || (base & ~mask(prefix)) != 0) {
            return Optional.empty();
        }
        return Optional.of(new Ipv4Cidr(base, prefix));
    }

    private static long mask(int prefix) {
        return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    public long size() {
        return 1L << (32 - prefixLength);
    }

    public long end() {
        return base + size();
    }

    /** The {@code index}-th block of the given prefix length, counted from {@code offset} addresses into this block. */
    public Ipv4Cidr block(int newPrefixLength, long offset, int index) {
        return new Ipv4Cidr(blockBase(newPrefixLength, offset, index), newPrefixLength);
    }

    /** Where that block would start, even when it would lie beyond the address space. */
    public long blockBase(int newPrefixLength, long offset, int index) {
        long blockSize = 1L << (32 - newPrefixLength);
        long aligned = (offset + blockSize - 1) / blockSize * blockSize;
        return base + aligned + index * blockSize;
    }

    public boolean contains(Ipv4Cidr other) {
        return other.base >= base && other.end() <= end();
    }

    public boolean overlaps(Ipv4Cidr other) {
        return base < other.end() && other.base < end();
    }

    /** How many IPv4 addresses the CIDRs cover together (overlaps counted once; what does not parse, none). */
    public static long coveredAddresses(java.util.List<String> cidrs) {
        var blocks = cidrs.stream().map(Ipv4Cidr::parse).flatMap(Optional::stream)
                .sorted(java.util.Comparator.comparingLong(Ipv4Cidr::base)).toList();
        long total = 0;
        long covered = 0;
        for (Ipv4Cidr block : blocks) {
            long start = Math.max(block.base, covered);
            if (block.end() > start) {
                total += block.end() - start;
                covered = block.end();
            }
        }
        return total;
    }

    @Override
    public String toString() {
        return ((base >> 24) & 255) + "." + ((base >> 16) & 255) + "." + ((base >> 8) & 255) + "." + (base & 255)
                + "/" + prefixLength;
    }
}
