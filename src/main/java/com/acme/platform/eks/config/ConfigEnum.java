package com.acme.platform.eks.config;

/** An enum a config key takes: its constants are written in stack files as their config values. */
public interface ConfigEnum {
    /** The text a stack file writes; the lower-case name unless the enum says otherwise. */
    default String configValue() {
        return ((Enum<?>) this).name().toLowerCase();
    }
}
