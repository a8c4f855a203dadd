package com.acme.platform.eks.config;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.ToNumberPolicy;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.*;
import org.snakeyaml.engine.v2.schema.CoreSchema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;

/** The stack config as plain values, from a stack file or the engine: docs/internals.md#config-records. */
public record ConfigSource(Map<String, Object> values, Set<String> secretKeys, List<String> readProblems,
                           boolean fromEngine) {

    /** A value given as {@code secure: v1:...} that cannot be decrypted without the Pulumi CLI. */
    public record EncryptedValue(String ciphertext) { }

    /** A key written without a value ({@code protect:}), which is not the same as leaving the key out. */
    public static final Object EMPTY = new Object() {
        @Override
        public String toString() {
            return "(empty)";
        }
    };
    static final int MAX_LINE = 64 * 1024;

    public ConfigSource {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** @param fullKey a namespaced key such as {@code eks-platform:vpcCidr} or {@code aws:region} */
    public Optional<Object> get(String fullKey) {
        return Optional.ofNullable(values.get(fullKey));
    }

    public Set<String> keys() {
        return values.keySet();
    }

    public static ConfigSource of(Map<String, ?> values) {
        return new ConfigSource(new LinkedHashMap<>(values), Set.of(), List.of(), false);
    }

    /** The same source with these full keys replaced; a null value removes the key. */
    public ConfigSource with(Map<String, ?> overrides) {
        var changed = new LinkedHashMap<>(values);
        overrides.forEach((key, value) -> changed.compute(key, (k, old) -> value));
        return new ConfigSource(changed, secretKeys, readProblems, fromEngine);
    }

    /** What the engine hands a program: docs/internals.md#config-records. */
    public static ConfigSource fromEngine(Map<String, String> environment) {
        var gson = new GsonBuilder().setObjectToNumberStrategy(ToNumberPolicy.LAZILY_PARSED_NUMBER).create();
        var values = new LinkedHashMap<String, Object>();
        gson.<Map<String, Object>>fromJson(environment.getOrDefault("PULUMI_CONFIG", "{}"), Map.class)
                .forEach((key, value) -> {
                    String text = String.valueOf(value);
                    Object parsed = text;
                    try {
                        parsed = text.startsWith("[") || text.startsWith("{") ? gson.fromJson(text, Object.class) : text;
                    } catch (JsonParseException e) {
                        parsed = text;
                    }
                    // the language host may still write keys as <namespace>:config:<name>
                    values.put(key.replaceFirst("^([^:]+):config:", "$1:"), parsed);
                });
        var secrets = Set.copyOf(gson.<List<String>>fromJson(environment.getOrDefault("PULUMI_CONFIG_SECRET_KEYS",
                "[]"), List.class));
        return new ConfigSource(values, secrets, List.of(), true);
    }

    /** A stack file's {@code config:} block, YAML 1.2 core schema, strict UTF-8 (docs/internals.md#config-records). */
    public static ConfigSource fromStackFile(Path file) {
        String name = file.getFileName().toString().replaceAll("^Pulumi\\.|\\.ya?ml$", "");
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(name, List.of(file + ": is not UTF-8 text; save it as UTF-8"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (text.indexOf('\0') >= 0) {
            throw new ConfigException(name, List.of(file + ": is not a text file (it contains NUL bytes)"));
        }
        // a value of megabytes is no configuration, and the YAML scanner would take seconds over it
        var tooLong = text.lines().filter(line -> line.length() > MAX_LINE).map(line -> ConfigValues.cut(line.strip()
                .replaceFirst("^(\\S+?):(\\s.*)?$", "$1") + ": a line of " + line.length() + " characters; a value may"
                + " have at most " + MAX_LINE, 200)).toList();
        if (!tooLong.isEmpty()) {
            throw new ConfigException(name, tooLong);
        }
        Node doc;
        try {
            doc = new Compose(LoadSettings.builder().setSchema(new CoreSchema()).setLabel(name).build())
                    .composeString(text).orElse(null);
        } catch (YamlEngineException e) {
            throw new ConfigException(name, List.of(file + ": not valid YAML: " + ConfigValues.cut(
                    e.getMessage().replaceAll("\\s+", " "), 300)));
        }
        var problems = new ArrayList<String>();
        Object top = doc == null ? Map.of() : plain(doc, null, problems);
        Object block = top instanceof Map<?, ?> m ? m.get("config") : null;
        if (!(top instanceof Map<?, ?>) || block != null && !(block instanceof Map<?, ?>)) {
            throw new ConfigException(name, List.of(file + ": expected a mapping with a 'config:' mapping"));
        }
        var values = new LinkedHashMap<String, Object>();
        if (block instanceof Map<?, ?> config) {
            config.forEach((key, v) -> values.put(String.valueOf(key), v));
        }
        return new ConfigSource(values, Set.of(), problems, false);
    }

    /** YAML node to plain value; a duplicate key is reported by its path (under {@code config:}, the key itself). */
    private static Object plain(Node node, String path, List<String> problems) {
        if (node instanceof MappingNode map) {
            var tuples = map.getValue();
            if (tuples.size() == 1 && tuples.get(0).getKeyNode() instanceof ScalarNode k && k.getValue().equals("secure")
                    && tuples.get(0).getValueNode() instanceof ScalarNode s) {
                return new EncryptedValue(s.getValue());
            }
            var out = new LinkedHashMap<String, Object>();
            for (var tuple : tuples) {
                String key = tuple.getKeyNode() instanceof ScalarNode k ? k.getValue() : "(non-scalar key)";
                String keyPath = path == null || path.isEmpty() ? key : path + "." + key;
                if (out.containsKey(key)) {
                    problems.add(keyPath + ": is set twice (again on line " + tuple.getKeyNode().getStartMark()
                            .map(m -> m.getLine() + 1).orElse(0) + "); a key may appear once, and which value wins"
                            + " would be a guess");
                } else {
                    out.put(key, plain(tuple.getValueNode(), path == null && key.equals("config") ? "" : keyPath,
                            problems));
                }
            }
            return out;
        } else if (node instanceof SequenceNode seq) {
            return seq.getValue().stream().map(item -> plain(item, path, problems)).toList();
        }
        var scalar = (ScalarNode) node;
        String text = scalar.getValue();
        // a float or an octal/hex-looking int keeps its text, which is what the engine hands the program
        return Tag.NULL.equals(scalar.getTag()) ? EMPTY : Tag.BOOL.equals(scalar.getTag())
                ? Boolean.parseBoolean(text.toLowerCase()) : Tag.INT.equals(scalar.getTag())
                && text.matches("[-+]?(0|[1-9][0-9]*)") ? new BigInteger(text) : text;
    }
}
