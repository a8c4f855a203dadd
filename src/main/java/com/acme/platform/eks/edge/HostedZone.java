package com.acme.platform.eks.edge;

import com.pulumi.core.Output;

import java.util.List;

/**
 * A Route 53 zone external-dns writes records into.
 *
 * @param excludeDomains names under the domain that belong to another zone (the public zone's instance leaves the
 *                       private zone's names alone, which its domain filter would otherwise match)
 */
public record HostedZone(Visibility visibility, String domain, Output<String> id, Output<String> arn,
                         List<String> excludeDomains) {
    public HostedZone {
        excludeDomains = List.copyOf(excludeDomains);
    }

    public enum Visibility {
        PUBLIC, PRIVATE;

        /** The value of external-dns's {@code --aws-zone-type}. */
        public String flag() {
            return name().toLowerCase();
        }
    }
}
