package com.acme.platform.eks.config;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.*;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** A config key as its {@link Key} declares it: docs/internals.md#config-records. */
public record ConfigKey(String name, Type type, Object defaultValue, String defaultText, Scope scope, Rule rule,
                        String description, Key declaration, Class<?> enumType) {

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

        /** The rule applied to a string, or to each item of a list. */
        static Rule each(Rule item) {
            return (value, problem) -> (value instanceof List<?> l ? l : List.of(value)).forEach(v -> item.check(v,
                    problem));
        }

        /** A non-empty list of allowed values without repeats; some values get their own reason. */
        static Rule subset(List<String> allowed, Map<String, String> unsupported) {
            return when(v -> !((List<?>) v).isEmpty(), "must list at least one of " + allowed).and(each((v, problem) -> {
                if (!allowed.contains(v)) {
                    problem.accept(v, unsupported.getOrDefault(v, "is not allowed") + "; allowed: " + allowed);
                }
            })).and(when(v -> Set.copyOf((List<?>) v).size() == ((List<?>) v).size(), "lists a value twice"));
        }
    }

    /** The key a record component declares; an enum component allows the enum's config values. */
    static ConfigKey of(RecordComponent component) {
        Key k = component.getAnnotation(Key.class);
        Class<?> raw = component.getType();
        var generic = component.getGenericType() instanceof ParameterizedType p ? p.getActualTypeArguments() : null;
        Type type = raw == int.class || raw == long.class ? Type.INTEGER : raw == boolean.class ? Type.BOOLEAN
                : Collection.class.isAssignableFrom(raw) ? Type.LIST : !Map.class.isAssignableFrom(raw) ? Type.STRING
                : generic[1] == SecretText.class ? Type.SECRET_MAP : Type.MAP;
        Class<?> enumType = raw.isEnum() ? raw : generic != null && generic[0] instanceof Class<?> c && c.isEnum() ? c
                : null;
        Rule rule = Rule.NONE;
        if (k.min() != Long.MIN_VALUE || k.max() != Long.MAX_VALUE) { // of a number, or of a list's size
            rule = Rule.when(v -> (v instanceof List<?> l ? l.size() : ((Number) v).longValue()) >= k.min()
                    && (v instanceof List<?> l ? l.size() : ((Number) v).longValue()) <= k.max(), !k.why().isEmpty()
                    && Character.isLetter(k.why().charAt(0)) ? k.why() : "must be between " + k.min() + " and "
                    + k.max() + k.why());
        }
        if (!k.regex().isEmpty()) {
            Pattern pattern = Pattern.compile(k.regex());
            rule = rule.and(Rule.each(Rule.when(v -> pattern.matcher((String) v).matches(), k.msg())));
        }
        if (enumType != null) {
            var allowed = Arrays.stream(enumType.getEnumConstants()).map(e -> ((ConfigEnum) e).configValue())
                    .toList();
            rule = rule.and(type == Type.LIST ? Rule.subset(allowed, Map.of())
                    : Rule.when(allowed::contains, "must be one of " + allowed));
        }
        rule = rule.and((v, problem) -> k.format().check(v, problem)); // late: Formats reads the facts of ConfigKeys
        String dflt = k.dflt();
        Object defaultValue = dflt.isEmpty() || dflt.contains("${") ? null : switch (type) {
            case INTEGER -> Integer.valueOf(dflt);
            case BOOLEAN -> Boolean.valueOf(dflt);
            case LIST -> dflt.equals("[]") ? List.of() : List.of(dflt.substring(1, dflt.length() - 1).split(", "));
            default -> dflt;
        };
        return new ConfigKey(k.value(), type, defaultValue, k.shown().isEmpty() ? null : k.shown(), k.scope(), rule,
                k.doc(), k, enumType);
    }


    public String fullKey(String project) {
        return name.contains(":") ? name : project + ":" + name;
    }

    public boolean inProjectNamespace() {
        return !name.contains(":");
    }

    public boolean required() {
        return "(required)".equals(defaultText) || !declaration.req().isEmpty();
    }

    public boolean readBy(boolean bootstrap) {
        return scope == Scope.ALL || (scope == Scope.BOOTSTRAP) == bootstrap;
    }

    /** Only keys with a default, or required in every stack (docs/internals.md#config-records). */
    public boolean declaredInProjectFile() {
        return inProjectNamespace() && type != Type.MAP && type != Type.SECRET_MAP
                && (defaultValue != null || "(required)".equals(defaultText) && scope == Scope.ALL);
    }
}
