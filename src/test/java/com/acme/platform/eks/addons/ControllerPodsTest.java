package com.acme.platform.eks.addons;

import com.acme.platform.eks.Stacks;
import com.acme.platform.eks.offline.PlannedResource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every controller container runs as the app's own do: non-root, no privilege escalation, no capabilities,
 * RuntimeDefault seccomp, a memory request and limit. Checked on the values each release passes, at the value
 * paths of each chart's values.yaml at the pinned version.
 */
class ControllerPodsTest {

    /** Where a chart takes a container's securityContext and resources. */
    record Container(String securityContext, String resources, Set<String> fixedByChart) { }

    record Chart(String podSecurityContext, List<Container> containers) { }

    private static Container container(String securityContext, String resources) {
        return new Container(securityContext, resources, Set.of());
    }

    private static final List<String> ARGO_CD_COMPONENTS = List.of("controller", "server", "repoServer",
            "applicationSet", "notifications", "redis", "redisSecretInit");

    /** Charts by name; the karpenter-crd chart runs no pod. */
    static final Map<String, Chart> CHARTS = Map.of(
            // karpenter 1.14.1 templates/deployment.yaml fixes runAsNonRoot, allowPrivilegeEscalation and
            // capabilities; controller.securityContext takes only seccompProfile (and AppArmor/SELinux).
            "karpenter", new Chart("podSecurityContext", List.of(new Container("controller.securityContext",
                    "controller.resources", Set.of("runAsNonRoot", "allowPrivilegeEscalation", "capabilities")))),
            "aws-load-balancer-controller", new Chart("podSecurityContext",
                    List.of(container("securityContext", "resources"))),
            "external-dns", new Chart("podSecurityContext", List.of(container("securityContext", "resources"))),
            "metrics-server", new Chart("podSecurityContext", List.of(container("securityContext", "resources"))),
            "argo-cd", new Chart("global.securityContext", ARGO_CD_COMPONENTS.stream()
                    .map(c -> container(c + ".containerSecurityContext", c + ".resources")).toList()));

    private static String chartName(PlannedResource release) {
        String chart = release.string("chart");
        return chart.substring(chart.lastIndexOf('/') + 1);
    }

    private static List<String> problems(PlannedResource release) {
        var problems = new ArrayList<String>();
        String name = chartName(release);
        if (name.equals("karpenter-crd")) {
            return problems;
        }
        var chart = CHARTS.get(name);
        if (chart == null) {
            problems.add(name + ": no value paths known for this chart; add it to ControllerPodsTest.CHARTS");
            return problems;
        }
        if (!Boolean.TRUE.equals(release.input("values." + chart.podSecurityContext() + ".runAsNonRoot"))
                || !"RuntimeDefault".equals(release.input("values." + chart.podSecurityContext()
                + ".seccompProfile.type"))) {
            problems.add(name + ": " + chart.podSecurityContext() + " is not non-root with RuntimeDefault seccomp");
        }
        for (var c : chart.containers()) {
            String sc = "values." + c.securityContext();
            var expected = Map.of(
                    "runAsNonRoot", (Object) true,
                    "allowPrivilegeEscalation", false,
                    "capabilities", Map.of("drop", List.of("ALL")),
                    "seccompProfile", Map.of("type", "RuntimeDefault"));
            expected.forEach((field, value) -> {
                if (!c.fixedByChart().contains(field) && !value.equals(release.input(sc + "." + field))) {
                    problems.add(name + ": " + c.securityContext() + "." + field + " is "
                            + release.input(sc + "." + field) + ", not " + value);
                }
            });
            var request = release.input("values." + c.resources() + ".requests.memory");
            var limit = release.input("values." + c.resources() + ".limits.memory");
            if (request == null || limit == null) {
                problems.add(name + ": " + c.resources() + " lacks a memory request or limit");
            }
        }
        return problems;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyControllerContainerIsRestrictedAndHasAMemoryLimit(String stack) {
        var edge = Stacks.config(stack, Map.of()).edge();
        String argocdHost = "argocd." + edge.privateZoneName();
        var certificateNames = new ArrayList<>(edge.certificateNames());
        if (!certificateNames.contains(argocdHost)) {
            certificateNames.add(argocdHost);
        }
        // two Argo CD replicas: a production stack keeps at least two of every controller
        var releases = Stacks.plan(stack, Map.of("argocdEnabled", true, "argocdHostName", argocdHost,
                        "certificateNames", certificateNames, "argocdReplicas", 2))
                .ofType("kubernetes:helm.sh/v3:Release");
        assertTrue(releases.size() >= 6, releases::toString);
        var problems = new ArrayList<String>();
        releases.forEach(r -> problems.addAll(problems(r)));
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theLoadBalancerControllersPodWebhookFailsClosed(String stack) {
        var release = Stacks.plan(stack).ofType("kubernetes:helm.sh/v3:Release").stream()
                .filter(r -> chartName(r).equals("aws-load-balancer-controller")).findFirst().orElseThrow();
        assertEquals("Fail", release.input("values.podMutatorWebhookConfig.failurePolicy"),
                "chart 3.5.0 defaults to Ignore: pods created while no replica is up would lose the readiness gate");
        assertTrue(((Number) release.input("values.replicaCount")).intValue() >= 2,
                "with failurePolicy Fail, one replica down must not block the app's pods");
    }
}
