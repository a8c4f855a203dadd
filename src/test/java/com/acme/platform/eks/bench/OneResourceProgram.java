package com.acme.platform.eks.bench;

import com.pulumi.aws.s3.Bucket;
import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The baseline of scripts/bench-render: a one-resource Pulumi Java program under the same mock engine, started
 * the same way (cold JVM), so the render's figure can be read as "JVM + Pulumi runtime" plus "this program".
 */
public final class OneResourceProgram {
    private OneResourceProgram() { }

    public static void main(String[] args) {
        Mocks mocks = resource -> CompletableFuture.completedFuture(
                Mocks.ResourceResult.of(Optional.of(resource.name + "-id"), resource.inputs));
        var result = PulumiTest.withOptions(TestOptions.builder().projectName("baseline").stackName("bench").build())
                .withMocks(mocks)
                .runTest(ctx -> new Bucket("only", null));
        PulumiTest.cleanup();
        System.out.println("registered " + result.resources().size() + " resources" + (result.exceptions().isEmpty()
                ? "" : ", errors: " + result.exceptions()) + Map.of());
    }
}
