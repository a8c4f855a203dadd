package com.acme.platform.eks.config;

import java.util.List;

/** Invalid stack configuration: carries every problem found, not just the first, and the warnings. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public ConfigException(String stack, List<String> problems) {
        this(stack, problems, List.of());
    }

    public ConfigException(String stack, List<String> problems, List<String> warnings) {
        super("Invalid configuration for stack '" + stack + "' (" + problems.size() + " problem"
                + (problems.size() == 1 ? "" : "s") + "):\n  - " + String.join("\n  - ", problems)
                + (warnings.isEmpty() ? "" : "\nWarnings:\n  - " + String.join("\n  - ", warnings)));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
