package com.acme.platform.eks.config;

/** How private subnets reach the internet: one NAT gateway for the VPC (cheap) or one per AZ (no cross-AZ dependency). */
public enum NatMode {
    SINGLE("single"), PER_AZ("perAz");

    private final String configValue;

    NatMode(String configValue) {
        this.configValue = configValue;
    }

    public String configValue() {
        return configValue;
    }

    /** The mode of a config value that the declaration has checked; null for null. */
    static NatMode of(String configValue) {
        return configValue == null ? null : configValue.equals(PER_AZ.configValue) ? PER_AZ : SINGLE;
    }
}
