package com.acme.platform.eks.edge;

import com.pulumi.core.Output;

import java.util.List;

/** A zone external-dns writes into; {@code excludeDomains}: names that belong to another zone. */
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
