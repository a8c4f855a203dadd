package com.acme.platform.eks.platform;

import com.acme.platform.eks.config.StackConfig;
import com.pulumi.core.Output;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What every component of a stack shares, handed over once instead of as fields of each Args record.
 *
 * @param name    the label the stack's resources are named and described by (the configured cluster name): a
 *                plain string, usable before the cluster exists; what refers to the cluster uses
 *                {@link ClusterHandle#name()}, which waits for it
 * @param account the account and partition, looked up through the stack's AWS provider
 * @param protect Pulumi's {@code protect} on what is stateful or hard to re-create
 * @param tags    the stack's common tags; the AWS provider's default tags carry them, and what AWS launches on the
 *                program's behalf (instances, volumes) is tagged with them explicitly
 */
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
