package com.acme.platform.eks.dayTwo;

import com.acme.platform.eks.Stacks;
import com.acme.platform.eks.offline.OfflineRun;
import com.acme.platform.eks.offline.Plan;
import com.acme.platform.eks.offline.PlannedResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.acme.platform.eks.ResourceTypes.DEPLOYMENT;
import static com.acme.platform.eks.ResourceTypes.INGRESS;
import static com.acme.platform.eks.ResourceTypes.SERVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 17, item 5: the app's ALB survives a rename, and a switch to Argo CD leaves no gap. */
class AppHandOverTest {
    static final String GROUP = "alb.ingress.kubernetes.io/group.name";
    static final Map<String, Object> TO_ARGOCD = Map.of("appDeliveredBy", "argocd",
            "argocdRepoUrl", "https://github.com/acme/backend-manifests.git", "argocdPath", "deploy/dev");

    private static PlannedResource ingress(Plan plan) {
        return plan.get(INGRESS, "app-ingress");
    }

    @Test
    void renamingTheAppOrItsNamespaceKeepsItsAlb() {
        var before = ingress(Stacks.plan("dev"));
        var after = ingress(Stacks.plan("dev", Map.of("appNamespace", "backend-v2", "appName", "api")));
        assertNotEquals(before.string("metadata.namespace"), after.string("metadata.namespace"),
                "the rename replaces the Ingress (metadata.namespace and name are replace-on-change)");
        assertNotNull(annotation(before), "the Ingress joins an IngressGroup, whose ALB outlives the Ingress");
        assertEquals(annotation(before), annotation(after), "the group must not follow the app's name or namespace");
    }

    @Test
    void argoCdsAlbIsAGroupOfItsOwn() {
        var argocd = Stacks.plan("dev").get("kubernetes:helm.sh/v3:Release", "argocd");
        @SuppressWarnings("unchecked")
        var server = (Map<String, Object>) ((Map<String, Object>) argocd.input("values")).get("server");
        var annotations = (Map<?, ?>) ((Map<?, ?>) server.get("ingress")).get("annotations");
        assertNotNull(annotations.get(GROUP));
        assertNotEquals(annotation(ingress(Stacks.plan("dev"))), annotations.get(GROUP),
                "an internal ALB cannot share a group with the internet-facing one");
    }

    private static Object annotation(PlannedResource ingress) {
        return ((Map<?, ?>) ingress.input("metadata.annotations")).get(GROUP);
    }

    @Test
    void aHandOverRetainsWhatServesTrafficAndOnlyThen() {
        var handOver = Stacks.plan("dev", Map.of("appHandOver", true));
        for (var type : List.of(DEPLOYMENT, SERVICE, INGRESS)) {
            assertTrue(handOver.ofType(type).stream().filter(r -> r.name().startsWith("app-"))
                    .allMatch(PlannedResource::retainOnDelete), type);
            // Without a hand-over a rename must delete the old objects (an orphaned Ingress would stay in the group).
            assertFalse(Stacks.plan("dev").ofType(type).stream().anyMatch(PlannedResource::retainOnDelete), type);
        }
    }

    @Test
    void switchingToArgoCdWithoutAHandOverIsRefused() {
        var before = Stacks.plan("dev");
        var refused = OfflineRun.run(Stacks.config("dev", TO_ARGOCD), before.outputs());
        String message = String.join("\n", refused.errors());
        assertTrue(message.contains("eks-platform:appDeliveredBy: pulumi -> argocd"), message);
        assertTrue(message.contains("eks-platform:appHandOver: true"), message);

        var handOver = Stacks.plan("dev", Map.of("appHandOver", true));
        var switched = OfflineRun.run(Stacks.config("dev", withHandOver()), handOver.outputs());
        assertEquals(List.of(), switched.errors());
        assertTrue(switched.ofType(DEPLOYMENT).stream().noneMatch(r -> r.name().startsWith("app-")),
                "Argo CD delivers the Deployment now; Pulumi forgets the retained one");
    }

    private static Map<String, Object> withHandOver() {
        var change = new java.util.LinkedHashMap<String, Object>(TO_ARGOCD);
        change.put("appHandOver", true);
        return change;
    }
}
