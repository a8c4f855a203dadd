package com.acme.platform.eks.config;

/** How private subnets reach the internet: one NAT gateway for the VPC (cheap) or one per AZ (no cross-AZ dependency). */
public enum NatMode implements ConfigEnum {
    SINGLE, PER_AZ;

    @Override
    public String configValue() {
        return this == SINGLE ? "single" : "perAz";
    }
}
