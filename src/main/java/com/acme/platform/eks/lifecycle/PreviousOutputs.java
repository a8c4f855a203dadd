package com.acme.platform.eks.lifecycle;

import com.acme.platform.eks.config.StackConfig;
import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.resources.StackReference;
import com.pulumi.resources.StackReferenceArgs;

import java.util.Map;

/** The previous run's outputs: docs/internals.md#the-previous-runs-outputs. */
@FunctionalInterface
public interface PreviousOutputs {

    Output<Map<String, Object>> read(Context ctx, StackConfig config);

    /** No previous run known (a render without a base plan): nothing is compared. */
    PreviousOutputs NONE = (ctx, config) -> Output.of(Map.of());

    /** The stack's own last outputs, through a StackReference to itself (docs/internals.md#the-previous-runs-outputs). */
    PreviousOutputs OWN_STACK = (ctx, config) -> new StackReference("previous-run", StackReferenceArgs.builder()
            .name(ctx.organizationName() + "/" + ctx.projectName() + "/" + ctx.stackName())
            .build())
            // One output: outputs() is secret as soon as any output is (the kubeconfig is).
            .output(StackIdentity.OUTPUT)
            .applyValue(identity -> identity == null ? Map.of() : Map.of(StackIdentity.OUTPUT, identity));

    /** Fixed outputs, e.g. those of a base plan.json. */
    static PreviousOutputs of(Map<String, Object> outputs) {
        var copy = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
        return (ctx, config) -> Output.of(copy);
    }
}
