package com.acme.platform.eks.config;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules the Pulumi CLI (3.231.0) applies to {@code Pulumi.yaml} and a stack file before the program starts,
 * restated from pulumi/pulumi sdk/go/common/workspace: {@code Project.Validate} and {@code ProjectConfigType}
 * (project.go), {@code mergeConfig} and {@code validateStackConfigValue} (config.go), {@code ValidateConfigValue}
 * (project.go). The engine harness (scripts/engine-test) runs the real CLI on the same files.
 */
public final class PulumiCliConfigRules {
    private PulumiCliConfigRules() { }

    /** The fields of ProjectConfigType; `value` is only for keys of other namespaces, which this project has none of. */
    static final Set<String> DECLARATION_FIELDS = Set.of("type", "items", "description", "secret", "default");
    static final Set<String> TYPES = Set.of("string", "integer", "boolean", "array");
    private static final Pattern GO_ATOI = Pattern.compile("[+-]?[0-9]+");

    /** Problems of the project file alone (Project.Validate, plus the declaration fields). */
    public static List<String> projectProblems(String projectYaml) {
        var problems = new ArrayList<String>();
        var config = declarations(projectYaml);
        config.forEach((key, decl) -> {
            if (!(decl instanceof MappingNode map)) {
                problems.add(key + ": a declaration must be a mapping");
                return;
            }
            var fields = fields(map);
            fields.keySet().stream().filter(f -> !DECLARATION_FIELDS.contains(f))
                    .forEach(f -> problems.add(key + ": '" + f + "' is not a field of a config declaration"));
            var type = scalar(fields.get("type"));
            if (key.contains(":") && !key.startsWith(projectName(projectYaml) + ":")) {
                problems.add(key + ": a key of another namespace cannot be declared with a type or default");
            }
            if (type != null && !TYPES.contains(type)) {
                problems.add(key + ": type '" + type + "' is not one of " + TYPES);
            }
            if ("array".equals(type) && !fields.containsKey("items")) {
                problems.add(key + ": declares an array but not its items");
            }
            if (type != null && fields.containsKey("default")
                    && !hasType(type, fields.get("items"), fields.get("default"), false)) {
                problems.add(key + ": the default is not of type " + type);
            }
        });
        return problems;
    }

    /** Problems of one stack file against the project file (mergeConfig, validateStackConfigValues). */
    public static List<String> stackProblems(String projectYaml, String stackName, String stackYaml) {
        var problems = new ArrayList<String>();
        var project = projectName(projectYaml);
        var stack = stackConfig(stackYaml);
        declarations(projectYaml).forEach((key, decl) -> {
            var fields = decl instanceof MappingNode map ? fields(map) : Map.<String, Node>of();
            var fullKey = key.contains(":") ? key : project + ":" + key;
            var value = stack.get(fullKey);
            if (value == null) {
                if (!fields.containsKey("default")) {
                    problems.add("Stack '" + stackName + "' is missing configuration value '" + key + "'");
                }
                return;
            }
            var type = scalar(fields.get("type"));
            if (type != null && !hasType(type, fields.get("items"), value, true)) {
                problems.add("Stack '" + stackName + "' with configuration key '" + key + "' must be of type '"
                        + type + "'");
            }
        });
        return problems;
    }

    /**
     * ValidateConfigValue. A top-level stack scalar reaches it as its text (config.Value keeps the text);
     * a list or map reaches it as JSON, where scalars have their YAML 1.2 types.
     */
    private static boolean hasType(String type, Node items, Node value, boolean topLevelStackValue) {
        boolean asText = topLevelStackValue && value instanceof ScalarNode;
        return switch (type) {
            case "string" -> value instanceof ScalarNode s && (asText || json(s) instanceof String);
            case "integer" -> value instanceof ScalarNode s && (asText
                    ? GO_ATOI.matcher(s.getValue()).matches() && fitsGoInt(s.getValue())
                    : json(s) instanceof Long || json(s) instanceof Double d && d == Math.rint(d));
            case "boolean" -> value instanceof ScalarNode s && (asText
                    ? Set.of("true", "false").contains(s.getValue()) : json(s) instanceof Boolean);
            case "array" -> value instanceof SequenceNode seq && items instanceof MappingNode itemDecl
                    && seq.getValue().stream().allMatch(item -> hasType(scalar(fields(itemDecl).get("type")),
                            fields(itemDecl).get("items"), item, false));
            default -> false;
        };
    }

    private static boolean fitsGoInt(String text) {
        try {
            Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A scalar's YAML 1.2 core-schema value, as go-yaml v3 resolves it for JSON. */
    private static Object json(ScalarNode s) {
        if (s.getScalarStyle() != org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN) {
            return s.getValue();
        }
        var v = s.getValue();
        if (v.matches("true|True|TRUE|false|False|FALSE")) {
            return Boolean.parseBoolean(v);
        }
        if (v.matches("[-+]?[0-9]+")) {
            return Long.parseLong(v);
        }
        if (v.matches("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?")) {
            return Double.parseDouble(v);
        }
        if (v.matches("~|null|Null|NULL|")) {
            return null;
        }
        return v;
    }

    static String projectName(String projectYaml) {
        return scalar(fields((MappingNode) compose(projectYaml)).get("name"));
    }

    private static Map<String, Node> declarations(String projectYaml) {
        var config = fields((MappingNode) compose(projectYaml)).get("config");
        return config instanceof MappingNode map ? fields(map) : Map.of();
    }

    private static Map<String, Node> stackConfig(String stackYaml) {
        var root = compose(stackYaml);
        var config = root instanceof MappingNode map ? fields(map).get("config") : null;
        return config instanceof MappingNode m ? fields(m) : Map.of();
    }

    private static Node compose(String yaml) {
        return new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
    }

    private static Map<String, Node> fields(MappingNode map) {
        var fields = new LinkedHashMap<String, Node>();
        for (NodeTuple t : map.getValue()) {
            fields.put(((ScalarNode) t.getKeyNode()).getValue(), t.getValueNode());
        }
        return fields;
    }

    private static String scalar(Node node) {
        return node instanceof ScalarNode s ? s.getValue() : null;
    }
}
