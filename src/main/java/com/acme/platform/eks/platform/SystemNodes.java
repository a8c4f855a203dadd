package com.acme.platform.eks.platform;

import java.util.List;
import java.util.Map;

/** The system node group's label and taint: controllers select and tolerate them, app pods neither. */
public final class SystemNodes {
    private SystemNodes() { }

    public static final String LABEL_KEY = "platform.acme.com/node-group";
    public static final String LABEL_VALUE = "system";
    public static final String TAINT_KEY = "CriticalAddonsOnly";
    public static final String TAINT_VALUE = "true";
    public static final String TAINT_EFFECT = "NoSchedule";

    /** For pod specs and Helm values ({@code nodeSelector}). */
    public static Map<String, Object> nodeSelector() {
        return Map.of(LABEL_KEY, LABEL_VALUE);
    }

    /** For pod specs and Helm values ({@code tolerations}). */
    public static List<Map<String, Object>> tolerations() {
        return List.of(Map.of("key", TAINT_KEY, "operator", "Exists", "effect", TAINT_EFFECT));
    }

    /** Required node affinity to the system node group, for charts that take {@code affinity} rather than a selector. */
    public static Map<String, Object> affinity() {
        return Map.of("nodeAffinity", Map.of("requiredDuringSchedulingIgnoredDuringExecution", Map.of(
                "nodeSelectorTerms", List.of(Map.of("matchExpressions", List.of(Map.of(
                        "key", LABEL_KEY, "operator", "In", "values", List.of(LABEL_VALUE))))))));
    }
}
