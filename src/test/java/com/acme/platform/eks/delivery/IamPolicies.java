package com.acme.platform.eks.delivery;

import com.google.gson.JsonParser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A small reading of IAM policy documents for tests: whether a document allows an action on a resource, by IAM's
 * rules for Action/NotAction and Resource globs ({@code *} and {@code ?}, actions case-insensitive) and an explicit
 * Deny winning over any Allow. Conditions are not evaluated: a conditional Allow counts as an Allow and a
 * conditional Deny as no Deny, so the answer is the most the document could allow (what a boundary or a read-only
 * policy must be judged by).
 */
final class IamPolicies {
    private IamPolicies() { }

    static boolean allows(String policyJson, String action, String resource) {
        boolean allowed = false;
        for (Map<String, Object> statement : statements(policyJson)) {
            boolean matches = actionMatches(statement, action) && anyGlob(values(statement.get("Resource")), resource,
                    false);
            if (!matches) {
                continue;
            }
            if ("Deny".equals(statement.get("Effect")) && statement.get("Condition") == null) {
                return false;
            }
            if ("Allow".equals(statement.get("Effect"))) {
                allowed = true;
            }
        }
        return allowed;
    }

    /** Every action named in the Allow statements (the globs as written). */
    static List<String> allowedActions(String policyJson) {
        var actions = new ArrayList<String>();
        for (Map<String, Object> statement : statements(policyJson)) {
            if ("Allow".equals(statement.get("Effect"))) {
                actions.addAll(values(statement.get("Action")));
            }
        }
        return actions;
    }

    /** Whether an action (or an action glob) matches a glob; IAM compares actions case-insensitively. */
    static boolean actionGlobMatches(String glob, String action) {
        return glob(glob, true).matcher(action).matches();
    }

    private static boolean actionMatches(Map<String, Object> statement, String action) {
        if (statement.containsKey("NotAction")) {
            return !anyGlob(values(statement.get("NotAction")), action, true);
        }
        return anyGlob(values(statement.get("Action")), action, true);
    }

    private static boolean anyGlob(List<String> globs, String value, boolean ignoreCase) {
        return globs.stream().anyMatch(g -> glob(g, ignoreCase).matcher(value).matches());
    }

    private static Pattern glob(String glob, boolean ignoreCase) {
        var regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> statements(String policyJson) {
        var parsed = new com.google.gson.Gson().fromJson(JsonParser.parseString(policyJson), Map.class);
        Object statement = parsed.get("Statement");
        return statement instanceof List<?> list ? (List<Map<String, Object>>) list
                : List.of((Map<String, Object>) statement);
    }

    static List<String> values(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }
}
