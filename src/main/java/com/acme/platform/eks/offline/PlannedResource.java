package com.acme.platform.eks.offline;

import java.util.List;
import java.util.Map;

/**
 * One resource as the program registered it: inputs as sent to the engine (secrets as {@code "[secret]"}),
 * parent, dependencies and provider by name (short, for tests) and by URN (unambiguous: names repeat across types).
 *
 * @param dependsOn every resource this one waits for (explicit dependsOn and references through inputs), which
 *                  is what the engine orders creation and deletion by
 * @param provider  the name of the explicit provider resource, or null for a default provider / component
 * @param urn       the URN Pulumi gives the resource (sdk/go/common/resource/urn.go, NewURN)
 * @param retainOnDelete Pulumi's retainOnDelete option: a delete (or the delete half of a replacement) only
 *                  forgets the resource, the cloud keeps it
 * @param importId  the id of an existing resource the engine adopts (Pulumi's {@code import} option), or null
 */
public record PlannedResource(
        String type,
        String name,
        String parent,
        boolean custom,
        Map<String, Object> inputs,
        List<String> dependsOn,
        boolean protect,
        String provider,
        String urn,
        String parentUrn,
        List<String> dependsOnUrns,
        String providerUrn,
        boolean retainOnDelete,
        String importId) {

    /** A recorded resource without the import option. */
    public PlannedResource(String type, String name, String parent, boolean custom, Map<String, Object> inputs,
                           List<String> dependsOn, boolean protect, String provider, String urn, String parentUrn,
                           List<String> dependsOnUrns, String providerUrn, boolean retainOnDelete) {
        this(type, name, parent, custom, inputs, dependsOn, protect, provider, urn, parentUrn, dependsOnUrns,
                providerUrn, retainOnDelete, null);
    }

    /** A resource of a hand-made plan (tests): a top-level URN, references by name only. */
    public PlannedResource(String type, String name, String parent, boolean custom, Map<String, Object> inputs,
                           List<String> dependsOn, boolean protect, String provider) {
        this(type, name, parent, custom, inputs, dependsOn, protect, provider,
                "urn:pulumi:test::test::" + type + "::" + name, null, List.of(), null, false);
    }

    /** The same resource with other inputs. */
    public PlannedResource withInputs(Map<String, Object> newInputs) {
        return new PlannedResource(type, name, parent, custom, newInputs, dependsOn, protect, provider, urn,
                parentUrn, dependsOnUrns, providerUrn, retainOnDelete, importId);
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
        Object value = input(path);
        return value == null ? null : value.toString();
    }
}
