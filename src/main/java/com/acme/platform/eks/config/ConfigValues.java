package com.acme.platform.eks.config;

import com.acme.platform.eks.config.ConfigKey.Type;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed, checked access to one stack's config by its declarations: every problem is collected (key, value cut to a
 * readable length or hidden when secret, what is allowed), and a value with a problem reads as null.
 */
public final class ConfigValues {
    private static final Set<String> YAML11_BOOLEANS = Set.of("yes", "no", "on", "off", "y", "n", "True", "False",
            "TRUE", "FALSE", "Yes", "No", "On", "Off", "YES", "NO", "ON", "OFF");
    private final String project;
    private final ConfigSource source;
    final List<String> problems = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    private final Set<ConfigKey> faulty = new HashSet<>();
    private final Map<ConfigKey, Object> read = new HashMap<>();

    ConfigValues(String project, ConfigSource source) {
        this.project = project;
        this.source = source;
        problems.addAll(source.readProblems());
    }

    static String cut(String text, int max) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= max ? printable : printable.substring(0, max) + "... (" + text.length()
                + " characters)";
    }

    public void problem(ConfigKey key, Object given, String what) {
        faulty.add(key);
        String full = key.fullKey(project);
        String shown = given == null ? "" : " = " + (source.secretKeys().contains(full) ? "[secret]"
                : given instanceof String s ? "'" + cut(s, 80) + "'"
                : given instanceof List<?> list ? cut(list.stream().map(v -> cut(String.valueOf(v), 80)).toList()
                .toString(), 200) : cut(String.valueOf(given), 80));
        problems.add(full + shown + ": " + what);
    }

    /** Whether any of the keys had a problem (checks that build on them would only repeat it). */
    public boolean faulty(ConfigKey... keys) {
        for (ConfigKey key : keys) {
            if (faulty.contains(key)) {
                return true;
            }
        }
        return false;
    }

    /** Reads the keys (their problems reported) and tells whether none of them has a problem. */
    public boolean valid(ConfigKey... keys) {
        for (ConfigKey key : keys) {
            if (key.type() != Type.SECRET_MAP) {
                value(key);
            }
        }
        return !faulty(keys);
    }

    public boolean isSet(ConfigKey key) {
        return source.get(key.fullKey(project)).isPresent();
    }

    public String string(ConfigKey key) {
        return (String) value(key);
    }

    public Integer integer(ConfigKey key) {
        return (Integer) value(key);
    }

    public boolean bool(ConfigKey key) {
        return Boolean.TRUE.equals(value(key));
    }

    @SuppressWarnings("unchecked")
    public List<String> strings(ConfigKey key) {
        var list = (List<String>) value(key);
        return list == null ? List.of() : list;
    }

    @SuppressWarnings("unchecked")
    public Map<String, String> map(ConfigKey key) {
        var map = (Map<String, String>) value(key);
        return map == null ? Map.of() : map;
    }

    /** The value of the key as its declaration types it, its rule checked; null when absent or wrong. */
    private Object value(ConfigKey key) {
        if (!read.containsKey(key)) {
            int before = problems.size();
            Object typed = typed(key);
            if (typed != null && source.get(key.fullKey(project)).isPresent()) {
                key.rule().check(typed, (given, what) -> problem(key, given, what));
            }
            read.put(key, problems.size() == before ? typed : null);
        }
        return read.get(key);
    }

    private Object typed(ConfigKey key) {
        Object raw = source.get(key.fullKey(project)).orElse(null);
        if (raw == null) {
            return key.defaultValue();
        }
        if (raw == ConfigSource.EMPTY || "".equals(raw) && key.type() != Type.STRING) {
            problem(key, null, "has no value: write one, or leave the key out to take its default ("
                    + (key.defaultValue() != null ? key.defaultValue() : key.defaultText()) + ")");
            return null;
        }
        if (raw instanceof ConfigSource.EncryptedValue) {
            problem(key, "[secret]", "must not be a secret");
            return null;
        }
        return switch (key.type()) {
            case STRING -> raw instanceof Map || raw instanceof List ? wrong(key, raw, "must be a string")
                    : String.valueOf(raw);
            case INTEGER -> integer(key, raw);
            case BOOLEAN -> raw instanceof Boolean || "true".equals(raw) || "false".equals(raw)
                    ? Boolean.valueOf(String.valueOf(raw)) : wrong(key, raw, "must be true or false"
                    + (YAML11_BOOLEANS.contains(String.valueOf(raw)) ? " ('" + raw + "' is a string in YAML 1.2,"
                    + " which Pulumi reads stack files as)" : ""));
            case LIST -> raw instanceof List<?> list && list.stream().allMatch(v -> v instanceof String)
                    ? List.copyOf(list.stream().map(String.class::cast).toList())
                    : wrong(key, raw, "must be a list of strings");
            case MAP -> stringMap(key, raw);
            case SECRET_MAP -> throw new IllegalArgumentException(key.name() + " is read with secrets()");
        };
    }

    private Object wrong(ConfigKey key, Object raw, String what) {
        problem(key, raw, what);
        return null;
    }

    private Object integer(ConfigKey key, Object raw) {
        String text = String.valueOf(raw).trim();
        if (raw instanceof Boolean || raw instanceof Map || raw instanceof List || !text.matches("[-+]?[0-9]+")) {
            return wrong(key, raw, "must be a whole number");
        }
        var number = new BigInteger(text);
        if (number.bitLength() > 31) {
            var allowed = new ArrayList<String>();
            key.rule().check(number.signum() > 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE, (v, what) -> allowed.add(what));
            return wrong(key, raw, "is beyond 32 bits" + (allowed.isEmpty() ? ": a whole number from -2147483648 to"
                    + " 2147483647 is expected" : "; it " + allowed.get(0)));
        }
        return number.intValue();
    }

    private Map<String, String> stringMap(ConfigKey key, Object raw) {
        if (!(raw instanceof Map<?, ?> map)) {
            return (Map<String, String>) wrong(key, raw, "must be a mapping of names to values");
        }
        var result = new LinkedHashMap<String, String>();
        map.forEach((name, v) -> {
            if (v instanceof ConfigSource.EncryptedValue) {
                problem(key, name, "must not be a secret");
            } else if (v instanceof Map || v instanceof List || v == null || v == ConfigSource.EMPTY) {
                problem(key, name, "must map to a plain value");
            } else {
                result.put(String.valueOf(name), String.valueOf(v));
            }
        });
        return faulty(key) ? null : result;
    }

    /**
     * A mapping whose values are secrets. From the Pulumi engine they arrive decrypted; from a stack file each must be
     * a {@code secure:} value (a plain one was committed in clear text) and stays undecryptable.
     */
    public Map<String, SecretText> secrets(ConfigKey key) {
        Object value = source.get(key.fullKey(project)).orElse(null);
        var result = new LinkedHashMap<String, SecretText>();
        if (value == null) {
            return result;
        }
        if (value instanceof ConfigSource.EncryptedValue) {
            problem(key, "[secret]", "must be a mapping whose values are secrets, not one encrypted value: set each"
                    + " with pulumi config set --secret --path '" + key.name() + ".NAME' value");
            return result;
        }
        if (!(value instanceof Map<?, ?> map)) {
            problem(key, "[hidden]", "must be a mapping of names to secret values");
            return result;
        }
        for (var e : map.entrySet()) {
            String name = String.valueOf(e.getKey());
            Object entry = e.getValue();
            if (entry instanceof ConfigSource.EncryptedValue) {
                result.put(name, SecretText.undecryptable());
            } else if (entry instanceof Map || entry instanceof List || entry == null || entry == ConfigSource.EMPTY) {
                problem(key, name, "must map to a secret value");
            } else if (source.fromEngine()) {
                result.put(name, SecretText.of(String.valueOf(entry)));
            } else {
                // the value itself is never echoed: it is a secret in clear text
                problem(key, name, "is plain text in the stack file; set it with pulumi config set --secret --path '"
                        + key.name() + "." + name + "' value");
            }
        }
        key.rule().check(map, (given, what) -> problem(key, given, what));
        return result;
    }

    /**
     * Every key the stack sets is one this kind of stack reads: unknown keys of the project's namespace and keys of
     * the other kind of stack are problems, keys of other namespaces that nothing reads are warnings.
     */
    void checkKeys(boolean bootstrap) {
        var declared = new HashMap<String, ConfigKey>();
        ConfigKeys.ALL.forEach(k -> declared.put(k.fullKey(project), k));
        for (String key : source.keys()) {
            ConfigKey known = declared.get(key);
            int colon = key.indexOf(':');
            String namespace = colon < 0 ? "" : key.substring(0, colon);
            String name = key.substring(colon + 1);
            if (known != null && !known.readBy(bootstrap) && !(source.fromEngine() && equalsDefault(known))) {
                problems.add(key + ": " + (bootstrap ? "is not read by the delivery bootstrap stack"
                        + " (deliveryBootstrap: true builds only the GitHub deploy roles); remove it"
                        : "is read only by the delivery bootstrap stack (deliveryBootstrap: true); remove it"));
            } else if (known != null || namespace.equals("pulumi")) {
                continue;
            } else if (colon < 0) {
                problems.add(key + ": has no namespace; config keys are written " + project + ":" + key
                        + " (or aws:" + key + " for the AWS provider)");
            } else if (namespace.equals(project)) {
                problems.add(key + ": unknown key" + closest(key, declared.keySet()) + " (docs/configuration.md,"
                        + " Configuration reference)");
            } else if (distance(namespace, project) <= 2 || declared.containsKey(project + ":" + name)) {
                problems.add(key + ": namespace '" + namespace + "' looks like a misspelt '" + project + "'; did"
                        + " you mean " + project + ":" + name + "?");
            } else {
                warnings.add(key + ": nothing in this program reads it (its AWS provider takes only aws:region from"
                        + " the stack); remove it or fix its spelling" + closest(key, Set.of(ConfigKeys.REGION.name())));
            }
        }
    }

    private boolean equalsDefault(ConfigKey key) {
        Object raw = source.get(key.fullKey(project)).orElse(null);
        return key.defaultValue() != null && String.valueOf(raw).equals(String.valueOf(key.defaultValue()));
    }

    private static String closest(String name, Set<String> candidates) {
        return candidates.stream().filter(c -> distance(c, name) <= 3)
                .min(Comparator.comparingInt(c -> distance(c, name))).map(c -> "; did you mean " + c + "?")
                .orElse("");
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                current[j] = Math.min(Math.min(current[j - 1], previous[j]) + 1,
                        previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            previous = current;
        }
        return previous[b.length()];
    }
}
