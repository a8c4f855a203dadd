package com.acme.platform.eks.kubernetes;

import com.acme.platform.eks.Stacks;
import com.acme.platform.eks.render.PlannedResource;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every Kubernetes object of every repository stack parses with the Kubernetes API's own models. */
class KubernetesSchemaTest {

    static List<String> stacks() {
        return Stacks.platform();
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void everyBuiltInObjectMatchesTheKubernetesSchema(String stack) {
        var result = KubernetesSchema.check(Stacks.plan(stack).resources());
        assertEquals(List.of(), result.problems(), () -> "stack " + stack + "; checked " + result.checked()
                + "; skipped " + result.skipped());
        assertTrue(result.checked().size() >= 5, () -> "checked too few objects: " + result.checked());
    }

    @Test
    void argoCdDeliveryAndSecretsAlsoMatchTheSchema() {
        var plan = Stacks.plan("dev", Map.of("appDeliveredBy", "argocd",
                "argocdRepoUrl", "https://github.com/acme/backend-deploy.git", "argocdPath", "k8s/dev",
                "appSecretEnv", Map.of("DB_PASSWORD", new com.acme.platform.eks.config.ConfigSource.EncryptedValue(
                        "v1:abc"))));
        var result = KubernetesSchema.check(plan.resources());
        assertEquals(List.of(), result.problems());
        assertTrue(result.skipped().stream().anyMatch(s -> s.startsWith("kubernetes:argoproj.io/v1alpha1:Application")),
                result.skipped()::toString);
        assertTrue(result.opaque().stream().anyMatch(p -> p.endsWith(".stringData")), result.opaque()::toString);
    }

    private static PlannedResource devDeployment() {
        return Stacks.plan("dev").ofType("kubernetes:apps/v1:Deployment").get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> map) {
        var copy = new LinkedHashMap<String, Object>();
        map.forEach((k, v) -> copy.put(k, v instanceof Map<?, ?> m ? deepCopy((Map<String, Object>) m)
                : v instanceof List<?> l ? new ArrayList<>(l.stream().map(i -> i instanceof Map<?, ?> mi
                ? deepCopy((Map<String, Object>) mi) : i).toList()) : v));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Map<String, Object> root, String... path) {
        Object current = root;
        for (String part : path) {
            current = current instanceof List<?> l ? l.get(Integer.parseInt(part)) : ((Map<String, Object>) current).get(part);
        }
        return (Map<String, Object>) current;
    }

    @Test
    void theCheckRejectsAnUnknownFieldDeepInAnObject() {
        var broken = deepCopy(devDeployment().inputs());
        at(broken, "spec", "template", "spec", "containers", "0", "securityContext").put("readOnlyRootFileSystem", true);
        String problem = KubernetesSchema.parse(V1Deployment.class, KubernetesSchema.json(broken));
        assertNotNull(problem, "a misspelt field must be rejected");
        assertTrue(problem.contains("readOnlyRootFileSystem"), problem);
        assertNull(KubernetesSchema.parse(V1Deployment.class, KubernetesSchema.json(devDeployment().inputs())));
    }

    @Test
    void theCheckRejectsAWrongType() {
        var broken = deepCopy(devDeployment().inputs());
        at(broken, "spec").put("revisionHistoryLimit", "five");
        assertNotNull(KubernetesSchema.parse(V1Deployment.class, KubernetesSchema.json(broken)));

        var hpa = deepCopy(Stacks.plan("dev").ofType("kubernetes:autoscaling/v2:HorizontalPodAutoscaler").get(0)
                .inputs());
        at(hpa, "spec").put("metrics", "cpu");
        assertNotNull(KubernetesSchema.parse(V2HorizontalPodAutoscaler.class, KubernetesSchema.json(hpa)));
    }

    @Test
    void theCheckRejectsAnObjectWithoutARequiredField() {
        var broken = deepCopy(devDeployment().inputs());
        at(broken, "spec", "template", "spec", "containers", "0").remove("name");
        assertNotNull(KubernetesSchema.parse(V1Deployment.class, KubernetesSchema.json(broken)));
    }

    @Test
    void aBuiltInKindWithoutAMappingFailsAndCustomResourcesAreSkipped() {
        var csiDriver = new PlannedResource("kubernetes:storage.k8s.io/v1:CSIDriver", "some-driver", null, true,
                Map.of("apiVersion", "storage.k8s.io/v1", "kind", "CSIDriver"), List.of(), false, null);
        var nodePool = new PlannedResource("kubernetes:karpenter.sh/v1:NodePool", "pool", null, true,
                Map.of("apiVersion", "karpenter.sh/v1", "kind", "NodePool", "spec", Map.of("anything", 1)),
                List.of(), false, null);
        var result = KubernetesSchema.check(List.of(csiDriver, nodePool));
        assertEquals(1, result.problems().size(), result.problems()::toString);
        assertTrue(result.problems().get(0).startsWith("some-driver"), result.problems().get(0));
        assertFalse(result.skipped().isEmpty());
    }
}
