package com.acme.platform.eks.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** A text file the jar carries (src/main/resources): an upstream policy, a template, a price table. */
public final class BundledText {
    private BundledText() { }

    /** @param path absolute within the jar, e.g. {@code /iam/aws-load-balancer-controller-policy.json} */
    public static String read(String path) {
        try (InputStream in = BundledText.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
