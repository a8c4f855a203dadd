package com.acme.platform.eks.addons;

import com.acme.platform.eks.Stacks;
import com.acme.platform.eks.platform.SystemNodes;
import com.acme.platform.eks.offline.PlannedResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.acme.platform.eks.ResourceTypes.ADDON;
import static com.acme.platform.eks.ResourceTypes.ATTACHMENT;
import static com.acme.platform.eks.ResourceTypes.POD_IDENTITY;
import static com.acme.platform.eks.ResourceTypes.RELEASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * metrics-server and Argo CD run on the system nodes; the app's Ingress and Deployment wait for the load balancer
 * controller.
 */
class ClusterAddonsTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    private static void assertOnSystemNodes(Map<String, Object> values, String what) {
        assertEquals(SystemNodes.nodeSelector(), values.get("nodeSelector"), what + " nodeSelector");
        assertEquals(SystemNodes.tolerations(), values.get("tolerations"), what + " tolerations");
    }

    @Test
    void metricsServerRunsOnTheSystemNodes() {
        for (String stack : Stacks.platform()) {
            var release = Stacks.plan(stack).get(RELEASE, "metrics-server");
            assertEquals("metrics-server", release.input("chart"));
            assertEquals("3.13.1", release.input("version"));
            assertEquals("https://kubernetes-sigs.github.io/metrics-server/", release.input("repositoryOpts.repo"));
            assertEquals("kube-system", release.input("namespace"));
            assertOnSystemNodes(map(release.input("values")), stack + " metrics-server");
            assertTrue(release.dependsOn().contains("cluster-system"), release.dependsOn()::toString);
            assertEquals("cluster-kubernetes", release.provider());
        }
    }

    @Test
    void theEbsCsiControllerHasItsOwnPodIdentityRoleBeforeTheAddOnStarts() {
        var plan = Stacks.plan("dev");
        var driver = plan.get(ADDON, "cluster-aws-ebs-csi-driver");
        var associations = plan.matching(r -> r.type().equals(POD_IDENTITY) && driver.dependsOn().contains(r.name()));
        assertEquals(1, associations.size(), driver.dependsOn()::toString);
        assertEquals(List.of("kube-system", "ebs-csi-controller-sa"),
                List.of(associations.get(0).string("namespace"), associations.get(0).string("serviceAccount")));
        var policies = plan.ofType(ATTACHMENT).stream().filter(a -> a.name().startsWith(associations.get(0).name() + "-"))
                .map(a -> a.string("policyArn")).toList();
        assertEquals(List.of("arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"), policies);
    }

    /** On a first up, an atomic release created beside CoreDNS would roll back: its pods need cluster DNS. */
    @Test
    void everyControllerReleaseWaitsForTheSystemNodesAndCoreDns() {
        var plan = Stacks.plan("dev");
        var coreDns = plan.get("aws:eks/addon:Addon", "cluster-coredns").name();
        var releases = List.of("metrics-server", "load-balancer-controller-release", "external-dns-public-release",
                "external-dns-private-release", "argocd");
        for (String name : releases) {
            var release = plan.get(RELEASE, name);
            assertTrue(release.dependsOn().containsAll(List.of("cluster-system", coreDns)),
                    name + " " + release.dependsOn());
        }
    }

    @Test
    void prodRunsTwoMetricsServersWithADisruptionBudget() {
        var values = map(Stacks.plan("prod").get(RELEASE, "metrics-server").input("values"));
        assertEquals(2L, values.get("replicas"));
        assertEquals(Map.of("enabled", true, "maxUnavailable", 1L), values.get("podDisruptionBudget"));
        var dev = map(Stacks.plan("dev").get(RELEASE, "metrics-server").input("values"));
        assertEquals(1L, dev.get("replicas"));
        assertTrue(!dev.containsKey("podDisruptionBudget"), "one replica with a PDB would block every drain");
    }

    @Test
    void everyArgoCdComponentRequestsCpuAndMemory() {
        var values = map(Stacks.plan("dev").get(RELEASE, "argocd").input("values"));
        for (String component : List.of("controller", "server", "repoServer", "redis", "applicationSet",
                "notifications")) {
            var requests = map(map(map(values.get(component)).get("resources")).get("requests"));
            assertTrue(requests.containsKey("cpu") && requests.containsKey("memory"), component + " " + requests);
        }
        assertFalse(Boolean.TRUE.equals(map(values.get("dex")).get("enabled")), "dex is off, nothing to size");
    }

    @Test
    void argoCdRunsOnTheSystemNodesBehindAnInternalAlb() {
        var release = Stacks.plan("dev").get(RELEASE, "argocd");
        assertEquals("argo-cd", release.input("chart"));
        assertEquals("10.1.1", release.input("version"));
        assertEquals("https://argoproj.github.io/argo-helm", release.input("repositoryOpts.repo"));
        var values = map(release.input("values"));
        assertOnSystemNodes(map(values.get("global")), "argocd");
        var ingress = map(map(values.get("server")).get("ingress"));
        assertEquals(true, ingress.get("enabled"));
        assertEquals("alb", ingress.get("ingressClassName"));
        assertEquals("argocd.internal.dev.example.com", ingress.get("hostname"));
        var annotations = map(ingress.get("annotations"));
        assertEquals("internal", annotations.get("alb.ingress.kubernetes.io/scheme"));
        assertEquals("443", annotations.get("alb.ingress.kubernetes.io/ssl-redirect"));
        assertEquals("baseline", map(Stacks.plan("dev").get("kubernetes:core/v1:Namespace", "argocd-namespace")
                .input("metadata.labels")).get("pod-security.kubernetes.io/enforce"));
        assertTrue(Stacks.plan("prod").ofType(RELEASE).stream().noneMatch(r -> r.name().equals("argocd")),
                "Argo CD is off in prod");
    }

    @Test
    void theIngressesWaitForTheLoadBalancerControllerAndUseTheValidatedCertificate() {
        var plan = Stacks.plan("dev");
        PlannedResource ingress = plan.get("kubernetes:networking.k8s.io/v1:Ingress", "app-ingress");
        for (String controller : List.of("load-balancer-controller-release", "load-balancer-controller-ingress-class")) {
            assertTrue(ingress.dependsOn().contains(controller), controller + " missing in " + ingress.dependsOn());
            assertTrue(plan.get(RELEASE, "argocd").dependsOn().contains(controller), controller);
        }
        assertEquals(plan.outputs().get("certificateArn"),
                map(ingress.input("metadata.annotations")).get("alb.ingress.kubernetes.io/certificate-arn"));
        assertTrue(ingress.dependsOn().contains("dns-certificate-validation"),
                "the Ingress must wait until ACM has issued the certificate");
        // The namespace is labelled for the controller's pod webhook (failurePolicy Fail): the first pods need it.
        assertTrue(plan.get("kubernetes:apps/v1:Deployment", "app-deployment").dependsOn()
                .contains("load-balancer-controller-release"), "the Deployment must wait for the controller");
        var noEdge = Stacks.plan("dev", Map.of("ingressEnabled", false));
        assertTrue(noEdge.get("kubernetes:apps/v1:Deployment", "app-deployment").dependsOn().stream()
                .noneMatch(d -> d.startsWith("load-balancer-controller")), "without an Ingress there is no controller");
    }
}
