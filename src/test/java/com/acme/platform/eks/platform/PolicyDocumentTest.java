package com.acme.platform.eks.platform;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PolicyDocumentTest {
    private static final Map<String, Object> CONDITION = Map.of("StringEquals", Map.of(
            "token.actions.githubusercontent.com:aud", "sts.amazonaws.com",
            "token.actions.githubusercontent.com:sub", "repo:acme/platform:pull_request"));

    /** The same entries, inserted in the opposite order (nested maps too). */
    private static Map<String, Object> reversed(Map<String, Object> map) {
        var keys = new ArrayList<>(map.keySet());
        keys.sort(Collections.reverseOrder());
        var out = new LinkedHashMap<String, Object>();
        for (String key : keys) {
            out.put(key, reversedValue(map.get(key)));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object reversedValue(Object value) {
        return value instanceof Map<?, ?> m ? reversed((Map<String, Object>) m) : value;
    }

    private static Map<String, Object> statement() {
        var statement = new HashMap<String, Object>();
        statement.put("Sid", "ReadOnly");
        statement.put("Effect", "Allow");
        statement.put("Action", List.of("s3:GetObject", "s3:ListBucket"));
        statement.put("Resource", "*");
        statement.put("Condition", CONDITION);
        return statement;
    }

    @Test
    void textDoesNotDependOnTheIterationOrderOfTheMaps() {
        String fromHashMap = PolicyDocument.of(List.of(statement()));
        String fromReversedMap = PolicyDocument.of(List.of(reversed(statement())));

        assertEquals(fromHashMap, fromReversedMap);
        assertEquals("{\"Statement\":[{\"Action\":[\"s3:GetObject\",\"s3:ListBucket\"],\"Condition\":{\"StringEquals\":"
                + "{\"token.actions.githubusercontent.com:aud\":\"sts.amazonaws.com\","
                + "\"token.actions.githubusercontent.com:sub\":\"repo:acme/platform:pull_request\"}},"
                + "\"Effect\":\"Allow\",\"Resource\":\"*\",\"Sid\":\"ReadOnly\"}],\"Version\":\"2012-10-17\"}",
                fromHashMap);
    }

    @Test
    void listsKeepTheirOrderButSetsAreSorted() {
        var ordered = new LinkedHashMap<String, Object>();
        ordered.put("Effect", "Allow");
        ordered.put("Action", List.of("sts:TagSession", "sts:AssumeRole"));
        ordered.put("Resource", Set.of("arn:b", "arn:a", "arn:c"));

        String text = PolicyDocument.of(List.of(ordered));

        assertEquals("{\"Statement\":[{\"Action\":[\"sts:TagSession\",\"sts:AssumeRole\"],\"Effect\":\"Allow\","
                + "\"Resource\":[\"arn:a\",\"arn:b\",\"arn:c\"]}],\"Version\":\"2012-10-17\"}", text);
    }
}
