package com.acme.platform.eks.config;

import com.acme.platform.eks.Stacks;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pulumi.yaml's declarations and the configuration reference (docs/configuration.md) are generated from
 * {@link ConfigKeys}: this test regenerates both and compares. {@code scripts/update-config-reference} writes them.
 */
class ConfigReferenceTest {
    static final Path PROJECT_FILE = Path.of("Pulumi.yaml");
    static final Path REFERENCE = Path.of("docs", "configuration.md");
    static final String TABLE_START = "<!-- config-reference:start -->\n";
    static final String TABLE_END = "<!-- config-reference:end -->";
    private static final boolean WRITE = Boolean.getBoolean("config.reference.write");

    /** The project file's {@code config:} block: the keys the CLI may see declared (ConfigKey#declaredInProjectFile). */
    static String declarations() {
        var out = new StringBuilder("config:\n");
        for (ConfigKey key : ConfigKeys.ALL) {
            if (!key.declaredInProjectFile()) {
                continue;
            }
            out.append("  ").append(key.name()).append(":\n    type: ").append(key.type().pulumiType).append('\n');
            if (key.type() == ConfigKey.Type.LIST) {
                out.append("    items:\n      type: string\n");
            }
            if (key.defaultValue() != null) {
                out.append("    default: ").append(yaml(key.defaultValue())).append('\n');
            }
            out.append("    description: ").append(yaml(key.description())).append('\n');
        }
        return out.toString();
    }

    private static String yaml(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(ConfigReferenceTest::yaml).collect(Collectors.joining(", ", "[", "]"));
        }
        return value instanceof String s ? "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""
                : String.valueOf(value);
    }

    /** The reference table: the declarations, and what dev and prod set; links relative to docs/, where it lives. */
    static String table() {
        var dev = Stacks.stackFile("dev");
        var prod = Stacks.stackFile("prod");
        var out = new StringBuilder("| key | default | dev | prod | meaning |\n|---|---|---|---|---|\n");
        for (ConfigKey key : ConfigKeys.ALL) {
            String full = key.fullKey(Stacks.PROJECT);
            out.append("| `").append(key.name()).append("` | ")
                    .append(key.defaultText() != null ? key.defaultText() : cell(key.defaultValue())).append(" | ")
                    .append(cell(dev.get(full))).append(" | ").append(cell(prod.get(full))).append(" | ")
                    .append(inDocs(key.description()).replace("|", "\\|")).append(scope(key)).append(" |\n");
        }
        return out.toString();
    }

    /** Descriptions link {@code docs/x.md} from the repository root; the table lives in docs/. */
    private static String inDocs(String description) {
        return description.replace("[docs/", "[").replace("](docs/", "](");
    }

    private static String scope(ConfigKey key) {
        return switch (key.scope()) {
            case ALL -> "";
            case PLATFORM -> "";
            case BOOTSTRAP -> " (bootstrap stacks only)";
        };
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof List<?> list ? list.stream().map(String::valueOf)
                .map(v -> v.replaceAll("^arn:aws:iam::\\d+:role/", "")).collect(Collectors.joining(", ", "[", "]"))
                : value instanceof Map<?, ?> map ? String.join(", ", map.keySet().stream().map(String::valueOf).toList())
                : String.valueOf(value);
        if (text.length() > 40) {
            text = value instanceof List<?> list ? list.size() + " entries" : text.substring(0, 14) + "…";
        }
        return "`" + text.replace("|", "\\|") + "`";
    }

    private static String replaceBetween(String text, String start, String end, String replacement) {
        int i = text.indexOf(start) + start.length();
        int j = text.indexOf(end);
        assertTrue(i >= start.length() && j >= i, "markers " + start.trim() + " and " + end + " are missing");
        return text.substring(0, i) + replacement + text.substring(j);
    }

    @Test
    void projectFileDeclaresWhatTheDeclarationsSay() throws Exception {
        String file = Files.readString(PROJECT_FILE);
        String expected = file.substring(0, file.indexOf("config:\n")) + declarations();
        if (WRITE) {
            Files.writeString(PROJECT_FILE, expected);
        }
        assertEquals(expected, file, "Pulumi.yaml is stale: run scripts/update-config-reference");
        assertEquals(List.of(), PulumiCliConfigRules.projectProblems(expected), "within the CLI's rules");
    }

    @Test
    void referenceTableIsTheDeclarations() throws Exception {
        String page = Files.readString(REFERENCE);
        String expected = replaceBetween(page, TABLE_START, TABLE_END, table());
        if (WRITE) {
            Files.writeString(REFERENCE, expected);
        }
        assertEquals(expected, page, REFERENCE + "'s configuration reference is stale: run"
                + " scripts/update-config-reference");
    }

    @Test
    @SuppressWarnings("unchecked")
    void pulumiRunsTheJarThatMavenBuilds() throws Exception {
        var project = (Map<String, Object>) new org.yaml.snakeyaml.Yaml().load(Files.readString(PROJECT_FILE));
        var runtime = (Map<String, Object>) project.get("runtime");
        assertEquals("java", runtime.get("name"));
        assertEquals("target/eks-platform.jar", ((Map<String, Object>) runtime.get("options")).get("binary"));
        assertEquals("eks-platform", project.get("name"));
    }

    @Test
    void everyDefaultPassesItsOwnRule() {
        for (ConfigKey key : ConfigKeys.ALL) {
            if (key.defaultValue() != null) {
                key.rule().check(key.defaultValue(), (given, what) -> {
                    throw new AssertionError(key.name() + " default " + given + ": " + what);
                });
            }
        }
    }
}
