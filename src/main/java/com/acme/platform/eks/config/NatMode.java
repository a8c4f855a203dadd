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
}
