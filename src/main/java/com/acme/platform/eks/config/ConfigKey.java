package com.acme.platform.eks.config;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The one declaration of a configuration key: the loader reads it, {@code Pulumi.yaml} and the README's reference
 * table are generated from it ({@code ConfigReferenceTest} regenerates and compares both).
 *
 * @param name         un-namespaced keys belong to the project namespace ({@code aws:region} does not)
 * @param defaultValue used when a stack does not set the key; null when the key is required or optional
 * @param defaultText  the README's default column where the default is computed, or "(required)"
 * @param rule         what a value of the right type must also satisfy; cross-key rules live with the section
 */
public record ConfigKey(String name, Type type, Object defaultValue, String defaultText, Scope scope, Rule rule,
                        String description) {

    /** The Pulumi project-config type, and how the loader reads the value. */
    public enum Type {
        STRING("string"), INTEGER("integer"), BOOLEAN("boolean"), LIST("array"), MAP("object"), SECRET_MAP("object");

        public final String pulumiType;

        Type(String pulumiType) {
            this.pulumiType = pulumiType;
        }
    }

    /** Which stacks read the key: every stack, the platform stacks (dev, prod) or the delivery bootstrap stacks. */
    public enum Scope { ALL, PLATFORM, BOOTSTRAP }

    /** Reports each part of a typed value that is not allowed, with what is. */
    @FunctionalInterface
    public interface Rule {
        void check(Object value, BiConsumer<Object, String> problem);

        Rule NONE = (value, problem) -> { };

        default Rule and(Rule next) {
            return (value, problem) -> {
                check(value, problem);
                next.check(value, problem);
            };
        }

        static Rule when(Predicate<Object> allowed, String what) {
            return (value, problem) -> {
                if (!allowed.test(value)) {
                    problem.accept(value, what);
                }
            };
        }

        static Rule between(long min, long max, String why) {
            return when(v -> ((Number) v).longValue() >= min && ((Number) v).longValue() <= max,
                    "must be between " + min + " and " + max + why);
        }

        static Rule oneOf(Collection<String> allowed) {
            return when(allowed::contains, "must be one of " + List.copyOf(allowed));
        }

        static Rule in(Set<Integer> allowed, String what) {
            return when(allowed::contains, what + "; allowed: " + new TreeSet<>(allowed));
        }

        static Rule matches(String regex, String what) {
            Pattern pattern = Pattern.compile(regex);
            return when(v -> pattern.matcher((String) v).matches(), what);
        }

        /** The rule applied to every item of a list value, each reported on its own. */
        static Rule eachItem(Rule item) {
            return (value, problem) -> ((List<?>) value).forEach(v -> item.check(v, problem));
        }

        /** A non-empty list of allowed values without repeats; some values get their own reason. */
        static Rule subset(List<String> allowed, java.util.Map<String, String> unsupported) {
            return (value, problem) -> {
                var given = (List<?>) value;
                if (given.isEmpty()) {
                    problem.accept(given, "must list at least one of " + allowed);
                }
                given.stream().filter(v -> !allowed.contains(v)).forEach(v -> problem.accept(v,
                        unsupported.getOrDefault(v, "is not allowed") + "; allowed: " + allowed));
                if (new TreeSet<>(given.stream().map(String::valueOf).toList()).size() != given.size()) {
                    problem.accept(given, "lists a value twice");
                }
            };
        }
    }

    public String fullKey(String project) {
        return name.contains(":") ? name : project + ":" + name;
    }

    public boolean inProjectNamespace() {
        return !name.contains(":");
    }

    public boolean required() {
        return "(required)".equals(defaultText);
    }

    public boolean readBy(boolean bootstrap) {
        return scope == Scope.ALL || (scope == Scope.BOOTSTRAP) == bootstrap;
    }

    /**
     * Pulumi.yaml declares project keys with a default, and required keys that every stack sets: the CLI then
     * refuses a stack without them (pulumi/pulumi sdk/go/common/workspace/config.go, mergeConfig). Objects
     * cannot be declared.
     */
    public boolean declaredInProjectFile() {
        return inProjectNamespace() && type != Type.MAP && type != Type.SECRET_MAP
                && (defaultValue != null || required() && scope == Scope.ALL);
    }
}
