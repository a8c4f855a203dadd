package com.acme.platform.eks.offline;

import com.acme.platform.eks.platform.CanonicalJson;
import com.google.gson.Gson;
import com.google.gson.JsonParseException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** What a change does to a stack, from two renders: docs/internals.md#offline-render. */
public final class PlanDiff {

    /** A changed resource; {@code after}: the replaced resources it depends on (what drags it along). */
    public record Change(String type, String name, List<String> paths, Map<String, String> replacing,
                         List<String> after) {
        public Change(String type, String name, List<String> paths) {
            this(type, name, paths, Map.of(), List.of());
        }

        /** Whether the provider destroys and re-creates the resource instead of updating it. */
        public boolean replace() {
            return !replacing.isEmpty();
        }
    }

    /** A resource whose URN alone changed; {@code from}/{@code to}: parent or old type, {@code stack} at the top. */
    public record Move(String type, String name, String from, String to) { }

    /** {@code regrouped}: the program's components added or removed, {sign, type, name}: state only, not the cloud. */
    public record Result(String stack, List<String[]> added, List<String[]> removed, List<Change> changed,
                         List<Move> moved, List<String[]> regrouped) {
        public boolean isEmpty() {
            return added.isEmpty() && removed.isEmpty() && changed.isEmpty() && moved.isEmpty()
                    && regrouped.isEmpty();
        }
    }

    private PlanDiff() { }

    /** A file given as a plan that is not one written by {@link PlanWriter}. */
    public static final class UnreadablePlanException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnreadablePlanException(Path file, String why) {
            super("cannot read " + file + " as a plan.json of render: " + why);
        }
    }

    /** A plan.json checked to have what {@link #between} relies on: resources with a string type and name. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(Path planJson) throws IOException {
        Object doc;
        try {
            doc = new Gson().fromJson(Files.readString(planJson), Object.class);
        } catch (JsonParseException e) {
            throw new UnreadablePlanException(planJson, "not valid JSON (" + e.getMessage() + ")");
        }
        if (!(doc instanceof Map<?, ?> plan)) {
            throw new UnreadablePlanException(planJson, "expected a JSON object");
        }
        if (!(plan.get("resources") instanceof List<?> resources)) {
            throw new UnreadablePlanException(planJson, "expected a 'resources' list");
        }
        for (int i = 0; i < resources.size(); i++) {
            if (!(resources.get(i) instanceof Map<?, ?> r && r.get("type") instanceof String
                    && r.get("name") instanceof String)) {
                throw new UnreadablePlanException(planJson, "resources[" + i + "] is not an object with a type and"
                        + " a name");
            }
        }
        return (Map<String, Object>) plan;
    }

    @SuppressWarnings("unchecked")
    public static Result between(Map<String, Object> base, Map<String, Object> head) {
        var baseResources = index((List<Map<String, Object>>) base.get("resources"));
        var headResources = index((List<Map<String, Object>>) head.get("resources"));
        var movedUrns = new LinkedHashMap<Object, Object>();
        var moved = new ArrayList<Move>();
        var pairs = new LinkedHashMap<String, String>();
        String components = head.getOrDefault("project", "eks-platform") + ":";
        headResources.forEach((key, resource) -> {
            if (!baseResources.containsKey(key)) {
                baseResources.entrySet().stream()
                        .filter(b -> !headResources.containsKey(b.getKey()) && !pairs.containsValue(b.getKey()))
                        .filter(b -> Moves.sameResourceElsewhere(b.getValue(), resource, components))
                        .findFirst().ifPresent(b -> {
                            pairs.put(key, b.getKey());
                            movedUrns.put(b.getValue().get("urn"), resource.get("urn"));
                            moved.add(Moves.move(b.getValue(), resource));
                        });
            }
        });
        var added = new ArrayList<String[]>();
        var removed = new ArrayList<String[]>();
        var changed = new ArrayList<Change>();
        var changedUrns = new ArrayList<Object>();
        headResources.forEach((key, resource) -> {
            var before = baseResources.get(pairs.getOrDefault(key, key));
            if (before == null) {
                added.add(key.split("\u0000"));
                return;
            }
            var paths = inputsAndOptionsChanged(before, resource);
            if (!Objects.equals(Moves.translated(before.get("dependsOn"), movedUrns),
                    Moves.translated(resource.get("dependsOn"), Map.of()))) {
                paths.add("dependsOn");
            }
            if (!paths.isEmpty()) {
                var typeName = key.split("\u0000");
                changed.add(new Change(typeName[0], typeName[1], List.copyOf(paths),
                        ReplaceRules.replacing(typeName[0], List.copyOf(paths)), List.of()));
                changedUrns.add(resource.get("urn"));
            }
        });
        // What a replacement drags along: a changed resource that depends on a replaced one (by URN) follows it.
        var replacedByUrn = new LinkedHashMap<Object, String>();
        for (int i = 0; i < changed.size(); i++) {
            if (changed.get(i).replace() && changedUrns.get(i) != null) {
                replacedByUrn.put(changedUrns.get(i), changed.get(i).name());
            }
        }
        for (int i = 0; i < changed.size(); i++) {
            var change = changed.get(i);
            Object urn = changedUrns.get(i);
            var after = new ArrayList<String>();
            headResources.values().stream().filter(r -> urn != null && urn.equals(r.get("urn"))).findFirst()
                    .ifPresent(r -> {
                        if (r.get("dependsOn") instanceof List<?> deps) {
                            deps.stream().filter(replacedByUrn::containsKey).map(replacedByUrn::get).distinct()
                                    .forEach(after::add);
                        }
                    });
            if (!after.isEmpty()) {
                changed.set(i, new Change(change.type(), change.name(), change.paths(), change.replacing(),
                        List.copyOf(after)));
            }
        }
        baseResources.keySet().stream().filter(k -> !headResources.containsKey(k) && !pairs.containsValue(k))
                .forEach(k -> removed.add(k.split("\u0000")));
        var regrouped = new ArrayList<String[]>();
        added.stream().filter(r -> r[0].startsWith(components)).forEach(r -> regrouped.add(new String[]{"+", r[0], r[1]}));
        removed.stream().filter(r -> r[0].startsWith(components)).forEach(r -> regrouped.add(new String[]{"-", r[0], r[1]}));
        added.removeIf(r -> r[0].startsWith(components));
        removed.removeIf(r -> r[0].startsWith(components));
        return new Result(String.valueOf(head.get("stack")), added, removed, changed, moved, regrouped);
    }

    /** The input paths and options ({@code protect}, {@code retainOnDelete}) that differ between two resources. */
    static TreeSet<String> inputsAndOptionsChanged(Map<String, Object> before, Map<String, Object> after) {
        var paths = new TreeSet<String>();
        compare("inputs", before.get("inputs"), after.get("inputs"), paths);
        for (String option : List.of("protect", "retainOnDelete")) {
            if (!Objects.equals(before.get(option), after.get(option))) {
                paths.add(option);
            }
        }
        return paths;
    }

    private static Map<String, Map<String, Object>> index(List<Map<String, Object>> resources) {
        var index = new LinkedHashMap<String, Map<String, Object>>();
        // By URN where the plan has one (Pulumi's identity: type, name and parent chain), else by type and name.
        resources.forEach(r -> index.put(r.get("type") + "\u0000" + r.get("name") + "\u0000"
                + Objects.requireNonNullElse(r.get("urn"), ""), r));
        return index;
    }

    static void compare(String path, Object before, Object after, TreeSet<String> paths) {
        if (before instanceof Map<?, ?> b && after instanceof Map<?, ?> a) {
            var keys = new TreeSet<String>();
            b.keySet().forEach(k -> keys.add(String.valueOf(k)));
            a.keySet().forEach(k -> keys.add(String.valueOf(k)));
            keys.forEach(k -> compare(path + "." + k, b.get(k), a.get(k), paths));
        } else if (before instanceof List<?> b && after instanceof List<?> a && b.size() == a.size()) {
            for (int i = 0; i < b.size(); i++) {
                compare(path + "[" + i + "]", b.get(i), a.get(i), paths);
            }
        } else if (before instanceof String b && after instanceof String a && !b.equals(a)) {
            // JSON text inputs compare by structure: key order and spacing mean nothing to AWS.
            var beforeDocument = CanonicalJson.parseStructure(b);
            var afterDocument = CanonicalJson.parseStructure(a);
            if (beforeDocument.isPresent() && afterDocument.isPresent()) {
                compare(path, beforeDocument.get(), afterDocument.get(), paths);
            } else {
                paths.add(path);
            }
        } else if (!Objects.equals(before, after)) {
            paths.add(path);
        }
    }

    private static String why(Change c) {
        var reasons = new ArrayList<String>();
        var bySource = new java.util.TreeMap<String, List<String>>();
        c.replacing().forEach((path, source) -> bySource.computeIfAbsent(source, k -> new ArrayList<>()).add(path));
        bySource.forEach((source, paths) -> reasons.add(String.join(", ", paths.stream()
                .map(p -> "`" + p + "`").toList()) + " replace-on-change (" + source + ")"));
        if (!c.after().isEmpty()) {
            reasons.add("follows the replaced " + String.join(", ", c.after().stream().map(a -> "`" + a + "`")
                    .toList()));
        }
        return String.join("; ", reasons);
    }

    public static String markdown(Result diff) {
        var md = new StringBuilder("### Plan diff for stack `").append(diff.stack()).append("`\n\n");
        if (diff.isEmpty()) {
            return md.append("No changes.\n").toString();
        }
        long replaced = diff.changed().stream().filter(Change::replace).count();
        md.append(diff.added().size()).append(" to add, ").append(diff.changed().size() - replaced)
                .append(" to change, ").append(replaced).append(" to replace, ")
                .append(diff.removed().size()).append(" to remove, ").append(diff.moved().size())
                .append(" moved, ").append(diff.regrouped().size()).append(" components regrouped.\n\n");
        if (!diff.moved().isEmpty()) {
            md.append("`>` is a move: only the URN changed (another parent component, or the component's own type);"
                    + " without an alias Pulumi would delete and create it.\n\n");
        }
        if (replaced > 0) {
            md.append("`+-` is a replacement: the provider destroys the resource and creates a new one (a new id,"
                    + " new addresses, dependents follow).\n\n");
        }
        md.append("| | resource | type | changed | why replaced |\n|---|---|---|---|---|\n");
        diff.added().forEach(r -> md.append("| + | `").append(r[1]).append("` | `").append(r[0]).append("` | | |\n"));
        diff.changed().forEach(c -> md.append(c.replace() ? "| +- | `" : "| ~ | `").append(c.name()).append("` | `")
                .append(c.type()).append("` | ")
                .append(String.join(", ", c.paths().stream().map(p -> "`" + p + "`").toList()))
                .append(" | ").append(why(c)).append(" |\n"));
        diff.removed().forEach(r -> md.append("| - | `").append(r[1]).append("` | `").append(r[0]).append("` | | |\n"));
        diff.regrouped().forEach(r -> md.append("| ").append(r[0]).append(" | `").append(r[2]).append("` | `")
                .append(r[1]).append("` | component: a grouping in the state, nothing in the cloud | |\n"));
        diff.moved().forEach(m -> md.append("| > | `").append(m.name()).append("` | `").append(m.type())
                .append("` | from `").append(m.from()).append("` to `").append(m.to()).append("` | |\n"));
        return md.toString();
    }
}
