package com.acme.platform.eks.config;

import com.acme.platform.eks.config.ConfigKey.Type;
import com.acme.platform.eks.config.ConfigSource.EncryptedValue;

import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.util.*;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Binds a stack's config to the section records, collecting every problem (docs/internals.md#config-records). */
public final class ConfigValues {
    private static final Set<String> YAML11_BOOLEANS = Set.of("yes", "no", "on", "off", "y", "n", "True", "False",
            "TRUE", "FALSE", "Yes", "No", "On", "Off", "YES", "NO", "ON", "OFF");
    private static final Object FAULTY = new Object();
    private final String project;
    private final String stack;
    private final ConfigSource source;
    final List<String> problems = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    private final Map<String, Object> read = new HashMap<>();
    private final Set<String> reported = new HashSet<>();
    private final Set<Class<?>> sectionsWithProblems = new HashSet<>();

    /** A section record with rules across its own keys. */
    public interface Checked {
        void check(ConfigValues v);
    }

    ConfigValues(String project, String stack, ConfigSource source) {
        this.project = project;
        this.stack = stack;
        this.source = source;
        problems.addAll(source.readProblems());
    }

    static String cut(String text, int max) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= max ? printable : printable.substring(0, max) + "... (" + text.length()
                + " characters)";
    }

    /** Reports a problem with the value of a key (given null: no value shown). */
    public void problem(String name, Object given, String what) {
        String full = ConfigKeys.key(name).fullKey(project);
        reported.add(name);
        String shown = given == null ? "" : " = " + (source.secretKeys().contains(full) ? "[secret]"
                : given instanceof String s ? "'" + cut(s, 80) + "'" : given instanceof List<?> list
                ? cut(list.stream().map(v -> cut(String.valueOf(v), 80)).toList().toString(), 200)
                : cut(String.valueOf(given), 80));
        problems.add(full + shown + ": " + what);
    }

    /** Reports the problem unless the rule is kept, or the value of the key or of one it uses is wrong. */
    public void unless(boolean kept, String name, Object given, String what, String... uses) {
        if (!kept && valid(name) && valid(uses)) {
            problem(name, given, what);
        }
    }

    /** Whether the values of these keys are right (of their type, within their rules). */
    public boolean valid(String... names) {
        return Arrays.stream(names).noneMatch(name -> read.get(name) == FAULTY);
    }

    /** Whether no problem is reported on these keys, or in these sections. */
    public boolean clean(Object... namesOrSections) {
        return Arrays.stream(namesOrSections).noneMatch(o -> reported.contains(o) || sectionsWithProblems.contains(o));
    }

    public boolean isSet(String name) {
        return source.get(ConfigKeys.key(name).fullKey(project)).isPresent();
    }

    /** The bound record; a key with a problem stands in with its default so other rules still run ({@link #unless}). */
    <R> R bind(Class<R> type) {
        int before = problems.size();
        RecordComponent[] components = type.getRecordComponents();
        var args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            var c = components[i];
            Class<?> t = c.getType();
            if (c.isAnnotationPresent(Key.class)) {
                ConfigKey key = ConfigKeys.key(c.getAnnotation(Key.class).value());
                Object value = value(key);
                args[i] = convert(value == FAULTY ? key.defaultValue() : value, t, c, key);
            } else if (t.isRecord() || t == Optional.class) {
                args[i] = t.isRecord() ? bind(t) : optionalGroup(ConfigKeys.nested(c));
            }
            args[i] = args[i] != null || !t.isPrimitive() ? args[i] : t == boolean.class ? false : 0;
        }
        try {
            R record = type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType)
                    .toArray(Class[]::new)).newInstance(args);
            if (record instanceof Checked checked) {
                checked.check(this);
            }
            if (problems.size() > before) {
                sectionsWithProblems.add(type);
            }
            return record;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getSimpleName(), e);
        }
    }

    /** Keys set together or not at all (empty). */
    private Optional<?> optionalGroup(Class<?> group) {
        var keys = Arrays.stream(group.getRecordComponents()).map(c -> c.getAnnotation(Key.class).value()).toList();
        var set = keys.stream().filter(this::isSet).toList();
        if (set.isEmpty()) {
            return Optional.empty();
        }
        var bound = bind(group);
        keys.stream().filter(k -> !set.contains(k)).forEach(k -> problem(k, null, "is required when "
                + String.join(", ", set) + " is set"));
        return Optional.of(bound);
    }

    /** The typed value as the component's Java type holds it, collections unmodifiable. */
    private static Object convert(Object value, Class<?> t, RecordComponent c, ConfigKey key) {
        if (t == Optional.class) {
            return Optional.ofNullable(value);
        } else if (value == null) {
            return t == List.class ? List.of() : t == Map.class ? Map.of() : t == Set.class ? Set.of() : null;
        } else if (t == long.class) {
            return ((Integer) value).longValue();
        } else if (t == Ipv4Cidr.class) {
            return Ipv4Cidr.parse((String) value).orElseThrow();
        } else if (t.isEnum()) {
            return enumOf(t, value);
        } else if (t == Set.class) {
            return ((List<?>) value).stream().map(v -> enumOf(key.enumType(), v)).collect(Collectors.toUnmodifiableSet());
        } else if (value instanceof Map<?, ?> map) {
            var copy = new HashMap<Object, Object>(map);
            if (c.getGenericType().getTypeName().endsWith("List<java.lang.String>>")) { // "a,b" values
                copy.replaceAll((k, v) -> Arrays.stream(((String) v).split(",")).map(String::trim).toList());
            }
            return Map.copyOf(copy);
        }
        return value;
    }

    private static Object enumOf(Class<?> type, Object configValue) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> ((ConfigEnum) e).configValue().equals(configValue))
                .findFirst().orElse(null);
    }

    /** The key's value as its declaration types it, rule checked: null when absent, FAULTY when wrong. */
    private Object value(ConfigKey key) {
        if (!read.containsKey(key.name())) {
            int before = problems.size();
            boolean set = source.get(key.fullKey(project)).isPresent();
            Object typed = typed(key);
            if (typed != null && set) {
                key.rule().check(typed, (given, what) -> problem(key.name(), given, what));
            } else if (!set && key.required()) {
                problem(key.name(), null, key.declaration().req().isEmpty() ? "is required: " + key.description()
                        : key.declaration().req());
            } else if (!set && key.declaration().dflt().contains("${")) {
                typed = computed(key);
            }
            read.put(key.name(), problems.size() == before ? typed : FAULTY);
        }
        return read.get(key.name());
    }

    /** A default made of other values (internal.${domain}), checked like a value the stack sets. */
    private Object computed(ConfigKey key) {
        Matcher m = Pattern.compile("\\$\\{(\\w+)}").matcher(key.declaration().dflt());
        var out = new StringBuilder();
        while (m.find()) {
            Object part = m.group(1).equals("project") ? project : m.group(1).equals("stack") ? stack
                    : value(ConfigKeys.key(m.group(1)));
            if (!(part instanceof String text)) {
                return null;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        String value = m.appendTail(out).toString();
        key.rule().check(value, (given, what) -> problem(key.name(), given, what + " (the default, "
                + key.defaultText().replace("`", "") + "; set " + key.name() + ")"));
        return value;
    }

    private Object typed(ConfigKey key) {
        Object raw = source.get(key.fullKey(project)).orElse(null);
        if (raw == null || key.type() == Type.SECRET_MAP) {
            return raw == null ? key.defaultValue() : secrets(key, raw);
        } else if (raw == ConfigSource.EMPTY || "".equals(raw) && key.type() != Type.STRING) {
            return wrong(key, null, "has no value: write one, or leave the key out to take its default ("
                    + (key.defaultValue() != null ? key.defaultValue() : key.defaultText()) + ")");
        } else if (raw instanceof EncryptedValue) {
            return wrong(key, "[secret]", "must not be a secret");
        }
        String text = String.valueOf(raw).trim();
        return switch (key.type()) {
            case STRING -> raw instanceof Map || raw instanceof List ? wrong(key, raw, "must be a string")
                    : String.valueOf(raw);
            case INTEGER -> raw instanceof Boolean || raw instanceof Map || raw instanceof List
                    || !text.matches("[-+]?[0-9]+") ? wrong(key, raw, "must be a whole number") : integer(key, raw,
                    new BigInteger(text));
            case BOOLEAN -> raw instanceof Boolean || "true".equals(raw) || "false".equals(raw)
                    ? Boolean.valueOf(String.valueOf(raw)) : wrong(key, raw, "must be true or false"
                    + (YAML11_BOOLEANS.contains(String.valueOf(raw)) ? " ('" + raw + "' is a string in YAML 1.2,"
                    + " which Pulumi reads stack files as)" : ""));
            case LIST -> raw instanceof List<?> list && list.stream().allMatch(v -> v instanceof String)
                    ? List.copyOf(list.stream().map(String.class::cast).toList())
                    : wrong(key, raw, "must be a list of strings");
            default -> raw instanceof Map<?, ?> map ? plainMap(key, map)
                    : wrong(key, raw, "must be a mapping of names to values");
        };
    }

    private Object wrong(ConfigKey key, Object raw, String what) {
        problem(key.name(), raw, what);
        return null;
    }

    private Object integer(ConfigKey key, Object raw, BigInteger number) {
        if (number.bitLength() <= 31) {
            return number.intValue();
        }
        var allowed = new ArrayList<String>();
        key.rule().check(number.signum() > 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE, (v, what) -> allowed.add(what));
        return wrong(key, raw, "is beyond 32 bits" + (allowed.isEmpty() ? ": a whole number from -2147483648 to"
                + " 2147483647 is expected" : "; it " + allowed.get(0)));
    }

    private Object plainMap(ConfigKey key, Map<?, ?> map) {
        var result = new LinkedHashMap<String, String>();
        int before = problems.size();
        map.forEach((name, v) -> {
            if (v instanceof EncryptedValue || v instanceof Map || v instanceof List || v == null
                    || v == ConfigSource.EMPTY) {
                problem(key.name(), name, v instanceof EncryptedValue ? "must not be a secret"
                        : "must map to a plain value");
            } else {
                result.put(String.valueOf(name), String.valueOf(v));
            }
        });
        return problems.size() == before ? result : null;
    }

    /** Secret values: decrypted from the engine; in a stack file each a {@code secure:} value, not decryptable here. */
    private Object secrets(ConfigKey key, Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return wrong(key, value instanceof EncryptedValue ? "[secret]" : "[hidden]", value instanceof EncryptedValue
                    ? "must be a mapping whose values are secrets, not one encrypted value: set each with pulumi config"
                    + " set --secret --path '" + key.name() + ".NAME' value" : "must be a mapping of names to secret"
                    + " values");
        }
        var result = new LinkedHashMap<String, SecretText>();
        map.forEach((k, entry) -> {
            String name = String.valueOf(k);
            if (entry instanceof EncryptedValue) {
                result.put(name, SecretText.undecryptable());
            } else if (entry instanceof Map || entry instanceof List || entry == null || entry == ConfigSource.EMPTY) {
                problem(key.name(), name, "must map to a secret value");
            } else if (source.fromEngine()) {
                result.put(name, SecretText.of(String.valueOf(entry)));
            } else { // the value itself is never echoed: it is a secret in clear text
                problem(key.name(), name, "is plain text in the stack file; set it with pulumi config set --secret"
                        + " --path '" + key.name() + "." + name + "' value");
            }
        });
        key.rule().check(map, (given, what) -> problem(key.name(), given, what));
        return result;
    }

    void checkKeys(boolean bootstrap) {
        ConfigKeys.checkKeys(project, source, bootstrap, problems, warnings);
    }
}
