package com.acme.platform.eks.lifecycle;

import java.util.List;

/** A config change that would replace what identifies a created stack; nothing was registered with the cloud. */
public final class IdentityChangeRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public IdentityChangeRefused(String stack, List<String> problems) {
        super("Refused change of stack '" + stack + "' (" + problems.size() + " problem"
                + (problems.size() == 1 ? "" : "s") + "):\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
