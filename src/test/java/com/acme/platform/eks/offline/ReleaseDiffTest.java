package com.acme.platform.eks.offline;

import com.acme.platform.eks.Stacks;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A release (a new image tag and digest) changes only what runs the image, so a reviewer approves one change. */
class ReleaseDiffTest {

    static Stream<String> platformStacks() {
        return Stacks.platform().stream();
    }

    private static int render(String... args) {
        var sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return RenderCommand.run("render", args, sink, sink);
    }

    /** The stack file with the next release of its image: another tag, another digest. */
    private static String nextRelease(String stackFile) {
        var lines = stackFile.lines().map(line -> {
            if (line.matches("\\s*eks-platform:appImageTag:.*")) {
                return line.replaceFirst(":\\s*\"?([^\"]*)\"?\\s*$", ": \"$1-next\"");
            }
            if (line.matches("\\s*eks-platform:appImageDigest: sha256:[0-9a-f]{64}\\s*")) {
                // Another digest: its last hex digit changed.
                return line.replaceFirst("[0-9a-f](\\s*)$", (line.strip().endsWith("0") ? "1" : "0") + "$1");
            }
            return line;
        }).toList();
        return String.join("\n", lines) + "\n";
    }

    @ParameterizedTest
    @MethodSource("platformStacks")
    void aReleaseChangesOnlyTheDeployment(String stack, @TempDir Path dir) throws Exception {
        var original = Files.readString(Stacks.file(stack));
        var released = nextRelease(original);
        assertTrue(!released.equals(original + (original.endsWith("\n") ? "" : "\n")), "the fixture changes the image");
        var head = dir.resolve("Pulumi." + stack + ".yaml");
        Files.writeString(head, released);

        assertEquals(0, render("--config", Stacks.file(stack).toString(), "--stack", stack,
                "--out", dir.resolve("base").toString()));
        assertEquals(0, render("--config", head.toString(), "--stack", stack, "--out", dir.resolve("head").toString(),
                "--diff", dir.resolve("base/plan.json").toString()));

        var diff = PlanDiff.between(PlanDiff.read(dir.resolve("base/plan.json")),
                PlanDiff.read(dir.resolve("head/plan.json")));
        assertEquals(List.of(), diff.added().stream().map(a -> String.join(" ", a)).toList());
        assertEquals(List.of(), diff.removed().stream().map(a -> String.join(" ", a)).toList());
        assertEquals(List.of("kubernetes:apps/v1:Deployment"),
                diff.changed().stream().map(PlanDiff.Change::type).toList(), diff.changed().toString());
        assertTrue(Files.readString(dir.resolve("head/diff.md")).contains("kubernetes:apps/v1:Deployment"));
    }
}
