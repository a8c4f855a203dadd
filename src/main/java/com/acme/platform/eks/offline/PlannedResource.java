package com.acme.platform.eks.offline;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** One resource as the program registered it: docs/internals.md#offline-render. */
public record PlannedResource(String type, String name, boolean custom, Map<String, Object> inputs, boolean protect,
                              String urn, String parentUrn, List<String> dependsOnUrns, String providerUrn,
                              boolean retainOnDelete, String importId) {

    /** A hand-made plan's resource (tests): top-level URN, references by name. */
    public PlannedResource(String type, String name, String parent, boolean custom, Map<String, Object> inputs,
                           List<String> dependsOn, boolean protect, String provider) {
        this(type, name, custom, inputs, protect, "urn:pulumi:test::test::" + type + "::" + name, testUrn(parent),
                dependsOn.stream().map(PlannedResource::testUrn).toList(), testUrn(provider), false, null);
    }

    private static String testUrn(String name) {
        return name == null ? null : "urn:pulumi:test::test::unknown::" + name;
    }

    /** The name in a URN: what follows its last {@code ::}. */
    public static String nameOf(String urn) {
        return urn == null ? null : urn.substring(urn.lastIndexOf("::") + 2);
    }

    /** The parent component's name, or null at the top. */
    public String parent() {
        return nameOf(parentUrn);
    }

    /** The names of what this resource waits for. */
    public List<String> dependsOn() {
        return dependsOnUrns.stream().map(PlannedResource::nameOf).distinct().sorted().toList();
    }

    /** The explicit provider's name, or null. */
    public String provider() {
        return nameOf(providerUrn);
    }

    /** The same resource with other inputs. */
    public PlannedResource withInputs(Map<String, Object> newInputs) {
        return new PlannedResource(type, name, custom, newInputs, protect, urn, parentUrn, dependsOnUrns, providerUrn,
                retainOnDelete, importId);
    }

    /** The value at a dotted path of the inputs ({@code metadata.name}, {@code tags.Name}, {@code ports.0}). */
    public Object input(String path) {
        Object current = inputs;
        for (String part : path.split("\\.")) {
            if (current instanceof Map<?, ?> map) {
                current = map.get(part);
            } else if (current instanceof List<?> list && part.chars().allMatch(Character::isDigit)
                    && Integer.parseInt(part) < list.size()) {
                current = list.get(Integer.parseInt(part));
            } else {
                return null;
            }
        }
        return current;
    }

    public String string(String path) {
        return Objects.toString(input(path), null);
    }
}
