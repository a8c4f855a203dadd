package com.acme.platform.eks.offline;

import com.acme.platform.eks.config.ConfigException;
import com.acme.platform.eks.config.ConfigSource;
import com.acme.platform.eks.config.StackConfig;
import com.acme.platform.eks.config.StackConfigLoader;
import com.acme.platform.eks.lifecycle.IdentityChangeRefused;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** {@code render [--stack NAME] [--config FILE] [--out DIR] [--diff BASE_PLAN_JSON]}: docs/render.md. */
public final class RenderCommand {
    static final String USAGE = "usage: java -jar target/eks-platform.jar render [--stack NAME] [--config FILE] [--out DIR] [--diff BASE_PLAN_JSON]\n"
            + "  --stack NAME alone renders Pulumi.NAME.yaml; --config FILE takes the stack name from Pulumi.<stack>.yaml"
            + " or from --stack";
    private static final Pattern STACK_FILE_NAME = Pattern.compile("Pulumi\\.(.+)\\.ya?ml");
    private static final String DEFAULT_PROJECT = "eks-platform";

    private RenderCommand() { }

    public static int run(String command, String[] args) {
        return run(command, args, System.out, System.err);
    }

    public static int run(String command, String[] args, PrintStream out, PrintStream err) {
        if (!"render".equals(command)) {
            err.println("unknown command '" + command + "'\n" + USAGE);
            return 64;
        }
        String stack = null;
        Path configFile = null;
        Path outDir = null;
        Path diffBase = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--stack" -> stack = value;
                case "--config" -> configFile = value == null ? null : Path.of(value);
                case "--out" -> outDir = value == null ? null : Path.of(value);
                case "--diff" -> diffBase = value == null ? null : Path.of(value);
                default -> {
                    err.println("unknown option '" + args[i] + "'\n" + USAGE);
                    return 64;
                }
            }
            if (value == null) {
                err.println(args[i] + " needs a value\n" + USAGE);
                return 64;
            }
            i++;
        }
        if (configFile == null) {
            configFile = Path.of("Pulumi." + (stack == null ? "dev" : stack) + ".yaml");
        }
        if (!Files.isRegularFile(configFile)) {
            err.println("stack file not found: " + configFile.toAbsolutePath());
            return 66;
        }
        if (stack == null) {
            // A wrong stack name renders another stack's names and tags without a word: guess none.
            var name = STACK_FILE_NAME.matcher(configFile.getFileName().toString());
            if (!name.matches()) {
                err.println("cannot tell the stack of " + configFile + ": name it Pulumi.<stack>.yaml or give"
                        + " --stack NAME\n" + USAGE);
                return 2;
            }
            stack = name.group(1);
        }
        if (outDir == null) {
            outDir = Path.of("target", "render", stack);
        }
        if (diffBase != null && !Files.isRegularFile(diffBase)) {
            err.println("base plan not found: " + diffBase.toAbsolutePath());
            return 66;
        }

        try {
            long start = System.nanoTime();
            Map<String, Object> base = diffBase == null ? null : PlanDiff.read(diffBase);
            StackConfig config = StackConfigLoader.load(projectName(configFile), stack,
                    ConfigSource.fromStackFile(configFile));
            config.warnings().forEach(w -> err.println("warning: " + w));
            // The base plan's outputs stand for the previous run: a refused change fails here as under pulumi up.
            Plan plan = base != null && stack.equals(base.get("stack")) && base.get("outputs") instanceof Map<?, ?> o
                    ? OfflineRun.run(config, stringKeys(o)) : OfflineRun.run(config);
            String refused = IdentityChangeRefused.class.getSimpleName() + ": ";
            var refusals = plan.errors().stream().filter(e -> e.startsWith(refused)).distinct().toList();
            if (!refusals.isEmpty()) {
                // A refused change is bad input, as pulumi up would report it: status 2, the message once.
                refusals.forEach(r -> err.println(r.substring(refused.length())));
                return 2;
            }
            if (!plan.errors().isEmpty()) {
                err.println("the program failed for stack '" + stack + "':\n  - " + String.join("\n  - ", plan.errors()));
                return 1;
            }
            PlanWriter.write(plan, outDir);
            if (diffBase != null) {
                // Markdown only on stdout, so CI can append it to a job summary or a PR comment as it is.
                String diff = PlanDiff.markdown(PlanDiff.between(base, PlanDiff.read(outDir.resolve("plan.json"))));
                Files.writeString(outDir.resolve("diff.md"), diff);
                out.print(diff);
            } else {
                printSummary(plan, outDir, (System.nanoTime() - start) / 1_000_000, out);
            }
            return 0;
        } catch (ConfigException | PlanDiff.UnreadablePlanException e) {
            err.println(e.getMessage());
            return 2;
        } catch (java.io.UncheckedIOException e) {
            err.println("cannot read " + configFile + ": " + e.getCause().getMessage());
            return 66;
        } catch (IOException e) {
            err.println("cannot write the render: " + e.getMessage());
            return 74;
        }
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        var out = new java.util.LinkedHashMap<String, Object>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    /** The project name from the Pulumi.yaml beside the stack file, as the Pulumi CLI would see it. */
    static String projectName(Path stackFile) {
        Path dir = stackFile.toAbsolutePath().getParent();
        Path project = dir == null ? null : dir.resolve("Pulumi.yaml");
        if (project == null || !Files.isRegularFile(project)) {
            return DEFAULT_PROJECT;
        }
        try {
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(project));
            return doc instanceof Map<?, ?> m && m.get("name") instanceof String name ? name : DEFAULT_PROJECT;
        } catch (IOException e) {
            return DEFAULT_PROJECT;
        }
    }

    private static void printSummary(Plan plan, Path outDir, long millis, PrintStream out) {
        var perType = new TreeMap<String, Integer>();
        plan.resources().forEach(r -> perType.merge(r.type(), 1, Integer::sum));
        out.printf("Rendered stack '%s' of project '%s': %d resources in %d ms -> %s%n", plan.stack(),
                plan.project(), plan.resources().size(), millis, outDir);
        perType.forEach((type, count) -> out.printf("  %4d  %s%n", count, type));
        out.println("Outputs:");
        plan.outputs().forEach((name, value) -> out.printf("  %s = %s%n", name, value));
    }
}
