package com.acme.platform.eks.platform;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The one writer of JSON text inputs, keys and sets sorted: docs/internals.md#canonical-json. */
public final class CanonicalJson {
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private CanonicalJson() { }

    public static String write(Object value) {
        return GSON.toJson(canonical(value));
    }

    /** Maps as sorted maps with string keys, sets as lists sorted by their JSON text, at every depth. */
    public static Object canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            var sorted = new TreeMap<String, Object>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), canonical(v)));
            return sorted;
        }
        if (value instanceof Collection<?> collection) {
            List<Object> items = new ArrayList<>();
            collection.forEach(item -> items.add(canonical(item)));
            if (collection instanceof Set<?>) {
                items.sort(Comparator.comparing(GSON::toJson));
            }
            return items;
        }
        return value;
    }

    /** The value of a text that is exactly one JSON object or array; empty otherwise, bare scalars included. */
    public static Optional<Object> parseStructure(String text) {
        String trimmed = text.strip();
        if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) {
            return Optional.empty();
        }
        try (var reader = new JsonReader(new StringReader(trimmed))) {
            reader.setLenient(false);
            JsonElement element = GSON.getAdapter(JsonElement.class).read(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                return Optional.empty();
            }
            return Optional.of(GSON.fromJson(element, Object.class));
        } catch (IOException | JsonParseException | IllegalStateException e) {
            return Optional.empty();
        }
    }
}
