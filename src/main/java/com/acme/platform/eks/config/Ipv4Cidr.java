package com.acme.platform.eks.config;

import java.util.*;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/** An IPv4 CIDR block, canonical (no host bits set), inside the IPv4 address space. */
public record Ipv4Cidr(long base, int prefixLength) {
    /** 2^32: no block may end beyond the IPv4 address space. */
    public static final long ADDRESS_SPACE_END = 1L << 32;
    private static final Pattern SYNTAX = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

    public Ipv4Cidr {
        if (prefixLength < 0 || prefixLength > 32 || (base & ~mask(prefixLength)) != 0
                || base + (1L << (32 - prefixLength)) > ADDRESS_SPACE_END) {
            throw new IllegalArgumentException(base + "/" + prefixLength + " is no canonical IPv4 block");
        }
    }

    /** Empty when the text is not a canonical IPv4 CIDR (e.g. {@code 10.0.0.0/33} or {@code 10.0.0.1/16}). */
    public static Optional<Ipv4Cidr> parse(String text) {
        var m = SYNTAX.matcher(text == null ? "" : text.trim());
        if (!m.matches() || IntStream.rangeClosed(1, 4).anyMatch(i -> Integer.parseInt(m.group(i)) > 255)) {
            return Optional.empty();
        }
        long base = 0;
        for (int i = 1; i <= 4; i++) {
            base = (base << 8) | Integer.parseInt(m.group(i));
        }
        int prefix = Integer.parseInt(m.group(5));
        return prefix > 32 || (base & ~mask(prefix)) != 0 ? Optional.empty() : Optional.of(new Ipv4Cidr(base, prefix));
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
        return base + (offset + blockSize - 1) / blockSize * blockSize + index * blockSize;
    }

    public boolean contains(Ipv4Cidr other) {
        return other.base >= base && other.end() <= end();
    }

    public boolean overlaps(Ipv4Cidr other) {
        return base < other.end() && other.base < end();
    }

    /** How many IPv4 addresses the CIDRs cover together (overlaps counted once; what does not parse, none). */
    public static long coveredAddresses(List<String> cidrs) {
        long total = 0;
        long covered = 0;
        for (Ipv4Cidr block : cidrs.stream().map(Ipv4Cidr::parse).flatMap(Optional::stream)
                .sorted(Comparator.comparingLong(Ipv4Cidr::base)).toList()) {
            long start = Math.max(block.base, covered);
            total += Math.max(0, block.end() - start);
            covered = Math.max(covered, block.end());
        }
        return total;
    }

    @Override
    public String toString() {
        return ((base >> 24) & 255) + "." + ((base >> 16) & 255) + "." + ((base >> 8) & 255) + "." + (base & 255)
                + "/" + prefixLength;
    }
}
