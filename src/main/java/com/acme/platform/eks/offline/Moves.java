package com.acme.platform.eks.offline;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** How {@link PlanDiff} recognises a resource whose URN alone changed (docs/internals.md#offline-render). */
final class Moves {
    private Moves() { }

    /** Same name, type (or class moved package), inputs and options under another URN; dependencies compared after. */
    static boolean sameResourceElsewhere(Map<String, Object> before, Map<String, Object> after,
                                                 String components) {
        String beforeType = String.valueOf(before.get("type"));
        String afterType = String.valueOf(after.get("type"));
        boolean sameType = beforeType.equals(afterType) || beforeType.startsWith(components)
                && afterType.startsWith(components) && className(beforeType).equals(className(afterType));
        return sameType && Objects.equals(before.get("name"), after.get("name"))
                && PlanDiff.inputsAndOptionsChanged(before, after).isEmpty();
    }

    static PlanDiff.Move move(Map<String, Object> before, Map<String, Object> after) {
        String type = String.valueOf(after.get("type"));
        if (!type.equals(before.get("type"))) {
            return new PlanDiff.Move(type, String.valueOf(after.get("name")), String.valueOf(before.get("type")), type);
        }
        return new PlanDiff.Move(type, String.valueOf(after.get("name")), parentOf(before), parentOf(after));
    }

    /** {@code type::name} of the parent component, from the parent's URN (the URN's last type and its name). */
    private static String parentOf(Map<String, Object> resource) {
        if (!(resource.get("parent") instanceof String parent) || parent.endsWith("::pulumi:pulumi:Stack")
                || !parent.contains("::")) {
            return "stack";
        }
        String name = parent.substring(parent.lastIndexOf("::") + 2);
        String types = parent.substring(0, parent.lastIndexOf("::"));
        return types.substring(Math.max(types.lastIndexOf('$') + 1, types.lastIndexOf("::") + 2)) + "::" + name;
    }

    private static String className(String type) {
        return type.substring(type.lastIndexOf(':') + 1);
    }

    static Object translated(Object dependsOn, Map<Object, Object> movedUrns) {
        return dependsOn instanceof List<?> urns
                ? urns.stream().map(u -> movedUrns.getOrDefault(u, u)).sorted((a, b) -> String.valueOf(a)
                        .compareTo(String.valueOf(b))).toList()
                : dependsOn;
    }
}
