package com.acme.platform.eks.platform;


import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** IAM policy documents as JSON text, built from plain maps so tests can read them back the same way. */
public final class PolicyDocument {
    private PolicyDocument() { }

    public static String of(List<Map<String, Object>> statements) {
        var doc = new LinkedHashMap<String, Object>();
        doc.put("Version", "2012-10-17");
        doc.put("Statement", statements);
        return CanonicalJson.write(doc);
    }

    /** Trust policy letting an AWS service assume the role. */
    public static String serviceAssumeRole(String service) {
        return of(List.of(Map.of(
                "Effect", "Allow",
                "Principal", Map.of("Service", service),
                "Action", "sts:AssumeRole")));
    }
}
