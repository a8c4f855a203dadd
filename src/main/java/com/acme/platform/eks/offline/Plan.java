package com.acme.platform.eks.offline;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Predicate;

/** What the program registers for one stack under the mock engine: docs/internals.md#offline-render. */
public record Plan(String project, String stack, List<PlannedResource> resources, Map<String, Object> outputs,
                   List<String> errors, List<String> invokes) {

    /** A plan without invokes (tests that build one by hand). */
    public Plan(String project, String stack, List<PlannedResource> resources, Map<String, Object> outputs,
                List<String> errors) {
        this(project, stack, resources, outputs, errors, List.of());
    }

    public List<PlannedResource> ofType(String type) {
        return resources.stream().filter(r -> r.type().equals(type)).toList();
    }

    public List<PlannedResource> matching(Predicate<PlannedResource> predicate) {
        return resources.stream().filter(predicate).toList();
    }

    public PlannedResource get(String type, String name) {
        return resources.stream().filter(r -> r.type().equals(type) && r.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no " + type + " named " + name + "; there are: "
                        + ofType(type).stream().map(PlannedResource::name).toList()));
    }

    public PlannedResource byName(String name) {
        return resources.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no resource named " + name));
    }
}
