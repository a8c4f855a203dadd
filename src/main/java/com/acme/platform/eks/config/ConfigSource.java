package com.acme.platform.eks.config;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.ToNumberPolicy;
import com.pulumi.Context;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Where raw config values come from: the Pulumi engine (when {@code pulumi up} runs the program) or a
 * {@code Pulumi.<stack>.yaml} file read directly (offline render, tests). Both hand the same
 * {@link StackConfigLoader} plain values (String, Number, Boolean, List, Map), so there is one parser.
 */
public interface ConfigSource {

    /** A value given as {@code secure: v1:...} that cannot be decrypted without the Pulumi CLI. */
    record EncryptedValue(String ciphertext) { }

    /** @param fullKey a namespaced key such as {@code eks-platform:vpcCidr} or {@code aws:region} */
    Optional<Object> get(String fullKey);

    /** The keys this source knows of, where it can list them (a stack file can; the Pulumi engine cannot). */
    default Set<String> keys() {
        return Set.of();
    }

    /**
     * Whether secret values arrive decrypted (the Pulumi engine) rather than as {@link EncryptedValue}. Where
     * they do not, a plain value of a secret-valued key means the secret was committed in plain text.
     */
    default boolean decryptsSecrets() {
        return false;
    }

    static ConfigSource of(Map<String, ?> values) {
        return new ConfigSource() {
            @Override
            public Optional<Object> get(String fullKey) {
                return Optional.ofNullable(values.get(fullKey));
            }

            @Override
            public Set<String> keys() {
                return values.keySet();
            }
        };
    }

    /** Pulumi hands structured values over as JSON text; scalars stay strings and are coerced by the loader. */
    static ConfigSource fromPulumi(Context ctx) {
        return fromPulumiText(fullKey -> {
            int colon = fullKey.indexOf(':');
            return ctx.config(fullKey.substring(0, colon)).get(fullKey.substring(colon + 1));
        });
    }

    /**
     * The values of {@link #fromPulumi}, given the text the engine holds for each full key. Numbers inside
     * structured values keep their text ({@code 4711}, not {@code 4711.0}), as they do in a stack file.
     */
    static ConfigSource fromPulumiText(Function<String, Optional<String>> textOfKey) {
        var gson = new GsonBuilder().setObjectToNumberStrategy(ToNumberPolicy.LAZILY_PARSED_NUMBER).create();
        return new ConfigSource() {
            @Override
            public Optional<Object> get(String fullKey) {
                return textOfKey.apply(fullKey).map(text -> {
                    var trimmed = text.trim();
                    if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
                        try {
                            return gson.fromJson(trimmed, Object.class);
                        } catch (JsonParseException e) {
                            return text;
                        }
                    }
                    return text;
                });
            }

            @Override
            public boolean decryptsSecrets() {
                return true;
            }
        };
    }

    /**
     * Reads the {@code config:} block of a Pulumi stack file. A file that is not YAML, or not a mapping with a
     * {@code config:} mapping, is a {@link ConfigException} naming the file.
     */
    static ConfigSource fromStackFile(Path file) {
        Object doc;
        try (Reader reader = Files.newBufferedReader(file)) {
            doc = new Yaml(new StackFileYaml()).load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read stack file " + file + ": " + e.getMessage(), e);
        } catch (YAMLException e) {
            throw new ConfigException(file.getFileName().toString(),
                    List.of(file + ": not valid YAML: " + e.getMessage()));
        }
        Object block = doc instanceof Map<?, ?> m ? m.get("config") : null;
        if (doc != null && !(doc instanceof Map<?, ?>) || block != null && !(block instanceof Map<?, ?>)) {
            throw new ConfigException(file.getFileName().toString(),
                    List.of(file + ": expected a mapping with a 'config:' mapping"));
        }
        var values = new LinkedHashMap<String, Object>();
        if (block instanceof Map<?, ?> config) {
            config.forEach((key, v) -> values.put(String.valueOf(key), encryptedOrPlain(v)));
        }
        return of(values);
    }

    /** {@code secure:} values may sit at the top of a key or inside its structure ({@code --path} secrets). */
    private static Object encryptedOrPlain(Object v) {
        if (v instanceof Map<?, ?> m && m.size() == 1 && m.get("secure") instanceof String s) {
            return new EncryptedValue(s);
        }
        if (v instanceof Map<?, ?> m) {
            var out = new LinkedHashMap<Object, Object>();
            m.forEach((k, inner) -> out.put(k, encryptedOrPlain(inner)));
            return out;
        }
        if (v instanceof List<?> list) {
            return list.stream().map(ConfigSource::encryptedOrPlain).toList();
        }
        return v;
    }
}
