package com.acme.platform.eks.platform;

import java.util.List;
import java.util.Map;

/** The "restricted" profile as Helm values, per chart: docs/security.md. */
public final class RestrictedSecurityContext {
    private RestrictedSecurityContext() { }

    /** A container's securityContext: non-root, no privilege escalation, no capabilities, RuntimeDefault seccomp. */
    public static Map<String, Object> container() {
        return Map.of(
                "runAsNonRoot", true,
                "allowPrivilegeEscalation", false,
                "capabilities", Map.of("drop", List.of("ALL")),
                "seccompProfile", Map.of("type", "RuntimeDefault"));
    }

    /** A pod's securityContext (Helm merges it with the chart's own, e.g. its fsGroup). */
    public static Map<String, Object> pod() {
        return Map.of(
                "runAsNonRoot", true,
                "seccompProfile", Map.of("type", "RuntimeDefault"));
    }

    /** Requests with memory limit = request: never BestEffort, never evicted for going over its request. */
    public static Map<String, Object> resources(String cpu, String memory) {
        return Map.of(
                "requests", Map.of("cpu", cpu, "memory", memory),
                "limits", Map.of("memory", memory));
    }
}
