package com.acme.platform.eks.config;

/**
 * A config value that must stay a Pulumi secret: it never prints its value, and the component that uses it wraps
 * {@link #reveal()} straight into {@code Output.ofSecret}. Offline (stack file, no Pulumi CLI) the ciphertext cannot
 * be decrypted: the value is then {@link #OFFLINE_PLACEHOLDER}, still registered as a secret.
 */
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
