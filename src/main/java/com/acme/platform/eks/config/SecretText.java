package com.acme.platform.eks.config;

/**
 * A config value that must stay a Pulumi secret. It never prints its value (records and exceptions that
 * include a config show {@code [secret]}); the component that uses it wraps {@link #reveal()} straight into
 * {@code Output.ofSecret}.
 *
 * <p>Offline (stack file, no Pulumi CLI) the ciphertext cannot be decrypted: the value is then the placeholder
 * {@link #OFFLINE_PLACEHOLDER}, still registered as a secret, so the plan shows {@code [secret]} either way.
 */
public final class SecretText {
    public static final String OFFLINE_PLACEHOLDER = "[secret]";

    private final String value;

    private SecretText(String value) {
        this.value = value;
    }

    /** A value Pulumi decrypted for the program. */
    public static SecretText of(String value) {
        return new SecretText(value);
    }

    /** A value the offline render cannot decrypt. */
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
