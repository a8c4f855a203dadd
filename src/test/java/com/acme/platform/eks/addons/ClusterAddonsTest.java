package com.acme.platform.eks.addons;

import com.acme.platform.eks.Stacks;
import com.acme.platform.eks.platform.SystemNodes;
import com.acme.platform.eks.offline.PlannedResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import com.acme.platform.eks.offline.Plan;
import com.google.gson.Gson;

import java.util.List;
import java.util.Map;

import static com.acme.platform.eks.ResourceTypes.ADDON;
import static com.acme.platform.eks.ResourceTypes.ATTACHMENT;
import static com.acme.platform.eks.ResourceTypes.NODE_GROUP;
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

    private static PlannedResource addon(Plan plan, String name) {
        return plan.get(ADDON, "cluster-" + name);
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

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theOnlyDefaultStorageClassIsEncryptedGp3OnTheEbsCsiDriver(String stack) {
        var plan = Stacks.plan(stack);
        var defaults = plan.ofType("kubernetes:storage.k8s.io/v1:StorageClass").stream()
                .filter(c -> "true".equals(c.input("metadata.annotations")
                        instanceof Map<?, ?> a ? a.get("storageclass.kubernetes.io/is-default-class") : null))
                .toList();
        assertEquals(1, defaults.size(), "exactly one default StorageClass");
        var gp3 = defaults.get(0);
        assertEquals(ClusterAddons.DEFAULT_STORAGE_CLASS, gp3.input("metadata.name"));
        assertEquals("ebs.csi.aws.com", gp3.input("provisioner"));
        assertEquals(Map.of("type", "gp3", "encrypted", "true"), gp3.input("parameters"));
        // An EBS volume lives in one AZ: created only once the pod's node (and so its AZ) is known.
        assertEquals("WaitForFirstConsumer", gp3.input("volumeBindingMode"));
        assertEquals("cluster-kubernetes", gp3.provider());
        assertTrue(gp3.dependsOn().contains(addon(plan, "aws-ebs-csi-driver").name()), gp3.dependsOn()::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void coreDnsAndTheEbsCsiControllerRunOnTheSystemNodes(String stack) {
        var plan = Stacks.plan(stack);
        // Literal strings: configurationValues is diffed as a string, so its key order must not change between runs.
        String placement = "{\"nodeSelector\":{\"" + SystemNodes.LABEL_KEY + "\":\"" + SystemNodes.LABEL_VALUE
                + "\"},\"tolerations\":[{\"effect\":\"NoSchedule\",\"key\":\"" + SystemNodes.TAINT_KEY
                + "\",\"operator\":\"Exists\"}]}";
        assertEquals(placement, addon(plan, "coredns").string("configurationValues"));
        assertEquals("{\"controller\":" + placement + "}",
                addon(plan, "aws-ebs-csi-driver").string("configurationValues"));
        // The selector matches the node group's label and the toleration its taint.
        var nodeGroup = plan.get(NODE_GROUP, "cluster-system");
        @SuppressWarnings("unchecked")
        var config = (Map<String, Object>) new Gson().fromJson(addon(plan, "coredns").string("configurationValues"),
                Map.class);
        assertEquals(nodeGroup.input("labels"), config.get("nodeSelector"));
        var toleration = (Map<?, ?>) ((List<?>) config.get("tolerations")).get(0);
        assertEquals(nodeGroup.string("taints.0.key"), toleration.get("key"));
        assertEquals("NO_SCHEDULE", nodeGroup.string("taints.0.effect"));
        assertEquals("NoSchedule", toleration.get("effect"));
    }
}
