package com.acme.platform.eks.platform;

import com.acme.platform.eks.config.StackConfig;
import com.pulumi.core.Output;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** What every component of a stack shares: docs/internals.md#shared-context-and-cluster-handle. */
public record PlatformContext(String project, String stack, String name, String region, AwsAccount account,
                              boolean protect, Map<String, String> tags) {
    public PlatformContext {
        tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags));
    }

    /** A stack's context; a delivery bootstrap stack (no cluster) is named {@code <project>-<stack>}. */
    public static PlatformContext of(StackConfig config, AwsAccount account) {
        return new PlatformContext(config.project(), config.stack(), config.deliveryBootstrap()
                ? config.project() + "-" + config.stack() : config.cluster().name(), config.region(), account,
                config.protect(), config.commonTags());
    }

    /** The account's permissions boundary, which every role of the platform carries. */
    public Output<String> permissionsBoundary() {
        return account.permissionsBoundary();
    }
}
