package com.acme.platform.eks.config;

/** A config value that stays a Pulumi secret: docs/internals.md#config-records. */
public final class SecretText {
    public static final String OFFLINE_PLACEHOLDER = "[secret]";
    private final String value;

    private SecretText(String value) {
        this.value = value;
    }

    public static SecretText of(String value) {
        return new SecretText(value);
    }

    public static SecretText undecryptable() {
        return new SecretText(OFFLINE_PLACEHOLDER);
    }

    /** The plain value, only to be passed to {@code Output.ofSecret}. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "[secret]";
    }
}
