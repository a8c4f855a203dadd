package com.acme.platform.eks.config;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.pulumi.Context;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
        var gson = new Gson();
        return fullKey -> {
            int colon = fullKey.indexOf(':');
            var raw = ctx.config(fullKey.substring(0, colon)).get(fullKey.substring(colon + 1));
            return raw.map(text -> {
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
        };
    }

    /** Reads the {@code config:} block of a Pulumi stack file. */
    static ConfigSource fromStackFile(Path file) {
        Map<String, Object> config;
        try (Reader reader = Files.newBufferedReader(file)) {
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            Object block = doc instanceof Map<?, ?> m ? m.get("config") : null;
            if (doc != null && !(doc instanceof Map<?, ?>) || block != null && !(block instanceof Map<?, ?>)) {
                throw new ConfigException(file.getFileName().toString(),
                        java.util.List.of(file + ": expected a mapping with a 'config:' mapping"));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = block == null ? Map.of() : (Map<String, Object>) block;
            config = typed;
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read stack file " + file + ": " + e.getMessage(), e);
        }
        var values = new java.util.LinkedHashMap<String, Object>();
        config.forEach((key, v) -> values.put(key,
                v instanceof Map<?, ?> m && m.size() == 1 && m.get("secure") instanceof String s
                        ? new EncryptedValue(s) : v));
        return of(values);
    }
}
