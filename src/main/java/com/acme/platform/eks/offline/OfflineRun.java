package com.acme.platform.eks.offline;

import com.acme.platform.eks.Main;
import com.acme.platform.eks.config.StackConfig;
import com.acme.platform.eks.lifecycle.PreviousOutputs;
import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.internal.PulumiTestInternal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/** The program under the mock engine: test harness and render (docs/internals.md#offline-render). */
public final class OfflineRun {
    private OfflineRun() { }

    public static Plan run(StackConfig config) {
        return run(config, (ctx, c) -> Main.compose(ctx, c, PreviousOutputs.NONE));
    }

    /** The program with the outputs of the stack's previous run (a base plan's), as {@code pulumi up} reads them. */
    public static Plan run(StackConfig config, Map<String, Object> previousOutputs) {
        return run(config, (ctx, c) -> Main.compose(ctx, c, PreviousOutputs.of(previousOutputs)));
    }

    /** Runs any program under the mocks: a component's own tests may run just that component. */
    public static synchronized Plan run(StackConfig config, BiConsumer<Context, StackConfig> program) {
        var mocks = new FakeCloud(config.region());
        var monitor = new RecordingMonitor[1];
        try {
            var result = PulumiTestInternal.builder()
                    .options(TestOptions.builder()
                            .projectName(config.project())
                            .stackName(config.stack())
                            .preview(false)
                            .build())
                    .mocks(mocks)
                    .monitorDecorator(ignored -> monitor[0] = new RecordingMonitor(mocks, config.project(), config.stack()))
                    .build()
                    .runTest(ctx -> program.accept(ctx, config));

            var errors = new ArrayList<>(result.errors());
            result.exceptions().forEach(e -> errors.add(rootMessage(e)));
            var outputs = new TreeMap<String, Object>();
            result.outputs().forEach((name, output) -> outputs.put(name, valueOf(output)));
            return new Plan(config.project(), config.stack(), monitor[0].recorded(),
                    new LinkedHashMap<>(outputs), errors, mocks.invokes());
        } finally {
            PulumiTest.cleanup();
        }
    }

    private static Object valueOf(Output<?> output) {
        var data = PulumiTestInternal.extractOutputData(output);
        return data.isSecret() ? RecordingMonitor.SECRET : data.getValueNullable();
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
