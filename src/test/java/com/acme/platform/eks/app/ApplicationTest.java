package com.acme.platform.eks.app;

import static com.acme.platform.eks.ResourceTypes.ARGO_APPLICATION;
import static com.acme.platform.eks.ResourceTypes.DEPLOYMENT;
import static com.acme.platform.eks.ResourceTypes.HPA;
import static com.acme.platform.eks.ResourceTypes.INGRESS;
import static com.acme.platform.eks.ResourceTypes.NAMESPACE;
import static com.acme.platform.eks.ResourceTypes.NETWORK_POLICY;
import static com.acme.platform.eks.ResourceTypes.PDB;
import static com.acme.platform.eks.ResourceTypes.SECRET;
import static com.acme.platform.eks.ResourceTypes.SERVICE;
import static com.acme.platform.eks.Stacks.assertSingleProblem;
import static com.acme.platform.eks.Stacks.problems;

import com.acme.platform.eks.Stacks;
import com.acme.platform.eks.config.AppConfig;
import com.acme.platform.eks.platform.SystemNodes;
import com.acme.platform.eks.config.ConfigSource;
import com.acme.platform.eks.config.StackConfig;
import com.acme.platform.eks.config.StackConfigLoader;
import com.acme.platform.eks.offline.OfflineRun;
import com.acme.platform.eks.offline.Plan;
import com.acme.platform.eks.offline.PlannedResource;
import com.google.gson.Gson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApplicationTest {
    static final Map<String, Object> ARGOCD_DELIVERY = Map.of("appDeliveredBy", "argocd",
            "argocdRepoUrl", "https://github.com/acme/backend-deploy.git", "argocdPath", "k8s/dev");

    static List<String> stacks() {
        return Stacks.platform();
    }

    /**
     * Every pod template the program registers itself (workload kinds; charts are checked in their own tests). There
     * is at least one, and each has a container: the tests that loop over them would otherwise hold vacuously.
     */
    private static List<Map<String, Object>> podSpecs(Plan plan) {
        var specs = new ArrayList<Map<String, Object>>();
        for (var type : List.of(DEPLOYMENT, "kubernetes:apps/v1:StatefulSet", "kubernetes:apps/v1:DaemonSet")) {
            plan.ofType(type).forEach(r -> specs.add(map(r.input("spec.template.spec"))));
        }
        assertFalse(specs.isEmpty(), "the plan registers no pod template (Deployment, StatefulSet or DaemonSet)");
        for (var spec : specs) {
            assertFalse(list(spec.get("containers")).isEmpty(), () -> "a pod template without containers: " + spec);
        }
        return specs;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    private static PlannedResource only(Plan plan, String type) {
        var all = plan.ofType(type);
        assertEquals(1, all.size(), () -> "expected one " + type + ", got " + all.stream().map(PlannedResource::name)
                .toList());
        return all.get(0);
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void everyPodRunsAsNonRoot(String stack) {
        var pods = podSpecs(Stacks.plan(stack));
        assertFalse(pods.isEmpty());
        for (var pod : pods) {
            var podContext = map(pod.get("securityContext"));
            assertEquals(true, podContext.get("runAsNonRoot"));
            assertTrue(podContext.get("runAsUser") instanceof Long uid && uid > 0, podContext::toString);
            assertTrue(podContext.get("runAsGroup") instanceof Long gid && gid > 0, podContext::toString);
            assertTrue(podContext.get("fsGroup") instanceof Long, podContext::toString);
            assertEquals("RuntimeDefault", map(podContext.get("seccompProfile")).get("type"));
            assertEquals(false, pod.get("automountServiceAccountToken"));
            for (var container : list(pod.get("containers"))) {
                var context = map(container.get("securityContext"));
                assertEquals(true, context.get("readOnlyRootFilesystem"), container.get("name") + " " + context);
                assertEquals(false, context.get("allowPrivilegeEscalation"));
                assertEquals(List.of("ALL"), map(context.get("capabilities")).get("drop"));
                assertFalse(Boolean.TRUE.equals(context.get("privileged")));
                assertTrue(list(pod.get("volumes")).stream().anyMatch(v -> v.containsKey("emptyDir")),
                        "a writable /tmp when the root filesystem is read-only");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void everyContainerHasProbesRequestsAndLimits(String stack) {
        var config = Stacks.config(stack, Map.of());
        for (var pod : podSpecs(Stacks.plan(stack))) {
            for (var container : list(pod.get("containers"))) {
                for (var probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
                    var httpGet = map(map(container.get(probe)).get("httpGet"));
                    assertFalse(httpGet.isEmpty(), () -> container.get("name") + " has no " + probe);
                    assertEquals("http", httpGet.get("port"));
                }
                assertEquals(config.app().probes().readinessPath(),
                        map(map(container.get("readinessProbe")).get("httpGet")).get("path"));
                var resources = map(container.get("resources"));
                assertEquals(Map.of("cpu", config.app().resources().cpuRequest(),
                        "memory", config.app().resources().memoryRequest()), resources.get("requests"));
                assertEquals(Map.of("cpu", config.app().resources().cpuLimit(),
                        "memory", config.app().resources().memoryLimit()), resources.get("limits"));
                assertEquals(List.of(Map.of("containerPort", (long) config.app().containerPort(), "name", "http",
                        "protocol", "TCP")), container.get("ports"));
            }
        }
    }

    /**
     * No container runs a latest or unpinned image: each runs exactly the image the stack file pins (repository,
     * tag and digest), which is itself neither latest nor untagged. GuardrailsTest.everyChartAndImageIsPinned
     * accepts any tag but latest, and a digest after latest.
     */
    @ParameterizedTest
    @MethodSource("stacks")
    void noImageIsLatestOrUnpinned(String stack) {
        var config = Stacks.config(stack, Map.of()).app();
        for (var pod : podSpecs(Stacks.plan(stack))) {
            for (var container : list(pod.get("containers"))) {
                String image = (String) container.get("image");
                assertEquals(config.image(), image, "the container runs the stack file's pinned image");
                String afterRegistry = image.substring(image.indexOf('/') + 1);
                assertTrue(afterRegistry.contains("@sha256:") || afterRegistry.contains(":"), image);
                assertFalse(afterRegistry.matches(".*:latest(@.*)?"), image);
            }
        }
    }

    @Test
    void latestOrAMissingTagIsAConfigError() {
        assertSingleProblem("appImageTag", Map.of("appImageTag", "latest"), "'latest'");
        assertSingleProblem("appImageTag", Map.of("appImageTag", "LATEST"), "'latest'");
        var noTag = new HashMap<String, Object>();
        noTag.put("appImageTag", null);
        noTag.put("appImageDigest", null);
        assertSingleProblem("appImageTag", noTag, "required unless appImageDigest");
        assertSingleProblem("appImageRepository", Map.of("appImageRepository", "ghcr.io/acme/app:1.0"),
                "without :tag");
        assertSingleProblem("appImageDigest", Map.of("appImageDigest", "sha256:abc"), "digest");
        // A digest alone pins the image.
        noTag.remove("appImageDigest");
        var digestOnly = Stacks.config("dev", noTag).app();
        assertEquals(Optional.empty(), digestOnly.imageTag());
        assertTrue(digestOnly.image().startsWith("ghcr.io/stefanprodan/podinfo@sha256:"), digestOnly.image());
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void hpaScalesTheDeploymentWhichLeavesReplicasToIt(String stack) {
        var plan = Stacks.plan(stack);
        var config = Stacks.config(stack, Map.of()).app();
        var deployment = only(plan, DEPLOYMENT);
        var hpa = only(plan, HPA);
        assertEquals(Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", deployment.string("metadata.name")),
                hpa.input("spec.scaleTargetRef"));
        assertEquals(deployment.string("metadata.namespace"), hpa.string("metadata.namespace"));
        assertEquals((long) config.minReplicas(), hpa.input("spec.minReplicas"));
        assertEquals((long) config.maxReplicas(), hpa.input("spec.maxReplicas"));
        assertEquals((long) config.scaleDownStabilizationSeconds(),
                hpa.input("spec.behavior.scaleDown.stabilizationWindowSeconds"));
        var resources = list(hpa.input("spec.metrics")).stream().map(m -> map(m.get("resource")).get("name")).toList();
        assertTrue(resources.contains("cpu"), resources::toString);
        assertNull(deployment.input("spec.replicas"), "the HPA owns the replica count");
        assertEquals((long) config.maxUnavailable(), deployment.input("spec.strategy.rollingUpdate.maxUnavailable"));
    }

    @Test
    void prodKeepsFullCapacityDuringRollouts() {
        assertEquals(0L, only(Stacks.plan("prod"), DEPLOYMENT).input("spec.strategy.rollingUpdate.maxUnavailable"));
        assertTrue((Long) only(Stacks.plan("prod"), HPA).input("spec.minReplicas") >= 3);
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void pdbSelectsTheDeploymentsPods(String stack) {
        var plan = Stacks.plan(stack);
        var deployment = only(plan, DEPLOYMENT);
        var pdb = only(plan, PDB);
        var selector = map(pdb.input("spec.selector.matchLabels"));
        var podLabels = map(deployment.input("spec.template.metadata.labels"));
        assertFalse(selector.isEmpty());
        assertTrue(podLabels.entrySet().containsAll(selector.entrySet()), selector + " not within " + podLabels);
        assertEquals(deployment.string("metadata.namespace"), pdb.string("metadata.namespace"));
        assertEquals(1L, pdb.input("spec.maxUnavailable"));
        assertEquals(deployment.input("spec.selector.matchLabels"), selector);
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void ingressServesTlsAndRedirectsHttp(String stack) {
        var plan = Stacks.plan(stack);
        var ingress = only(plan, INGRESS);
        var annotations = map(ingress.input("metadata.annotations"));
        var config = Stacks.config(stack, Map.of()).app();
        @SuppressWarnings("unchecked")
        List<Map<String, Double>> ports = new Gson().fromJson(
                (String) annotations.get("alb.ingress.kubernetes.io/listen-ports"), List.class);
        assertEquals(List.of(Map.of("HTTP", 80.0), Map.of("HTTPS", 443.0)), ports);
        assertEquals("443", annotations.get("alb.ingress.kubernetes.io/ssl-redirect"));
        assertTrue(String.valueOf(annotations.get("alb.ingress.kubernetes.io/certificate-arn")).startsWith("arn:aws:acm:"));
        assertTrue(String.valueOf(annotations.get("alb.ingress.kubernetes.io/ssl-policy")).contains("TLS13"));
        assertEquals("ip", annotations.get("alb.ingress.kubernetes.io/target-type"));
        assertEquals("routing.http.drop_invalid_header_fields.enabled=true",
                annotations.get("alb.ingress.kubernetes.io/load-balancer-attributes"));
        assertEquals(config.probes().readinessPath(), annotations.get("alb.ingress.kubernetes.io/healthcheck-path"));
        assertEquals("alb", ingress.input("spec.ingressClassName"));
        assertEquals(config.hostName(), ingress.input("spec.rules.0.host"));
        assertEquals(List.of(config.hostName()), ingress.input("spec.tls.0.hosts"));
        assertEquals(only(plan, SERVICE).string("metadata.name"),
                ingress.input("spec.rules.0.http.paths.0.backend.service.name"));
        assertEquals("ClusterIP", only(plan, SERVICE).input("spec.type"));
    }

    /**
     * The scheme the AWS Load Balancer Controller gives the Ingress's ALB: the IngressClassParams' scheme when the
     * class sets one (it then overrides every Ingress), else the Ingress's annotation.
     */
    private static String effectiveScheme(com.acme.platform.eks.offline.Plan plan, PlannedResource ingress) {
        String className = ingress.string("spec.ingressClassName");
        var ingressClass = plan.ofType("kubernetes:networking.k8s.io/v1:IngressClass").stream()
                .filter(c -> className.equals(c.string("metadata.name"))).findFirst().orElseThrow();
        String paramsName = ingressClass.string("spec.parameters.name");
        Object classScheme = plan.ofType("kubernetes:elbv2.k8s.aws/v1beta1:IngressClassParams").stream()
                .filter(p -> paramsName != null && paramsName.equals(p.string("metadata.name")))
                .map(p -> p.input("spec.scheme")).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        return classScheme != null ? classScheme.toString()
                : String.valueOf(map(ingress.input("metadata.annotations")).get("alb.ingress.kubernetes.io/scheme"));
    }

    @Test
    void anInternalAppIsNeverBehindAnInternetFacingAlb() {
        var internal = Stacks.plan("dev", Map.of("appExposure", "internal",
                "appHostName", "app.internal.dev.example.com", "certificateNames",
                List.of("dev.example.com", "app.internal.dev.example.com", "argocd.internal.dev.example.com")));
        for (var ingress : internal.ofType(INGRESS)) {
            assertEquals("internal", effectiveScheme(internal, ingress));
        }
        assertEquals(1, internal.ofType(INGRESS).size());
        // ... while the repository's public app is internet-facing, so the assertion above can fail.
        var dev = Stacks.plan("dev");
        assertEquals("internet-facing", effectiveScheme(dev, only(dev, INGRESS)));
        assertSingleProblem("appExposure", Map.of("appExposure", "private"), "[public, internal]");
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void theAppNamespaceEnforcesTheRestrictedPodSecurityStandard(String stack) {
        var plan = Stacks.plan(stack);
        var namespace = plan.get(NAMESPACE, "app-namespace");
        var labels = map(namespace.input("metadata.labels"));
        assertEquals("restricted", labels.get("pod-security.kubernetes.io/enforce"));
        assertEquals("restricted", labels.get("pod-security.kubernetes.io/warn"));
        assertEquals("restricted", labels.get("pod-security.kubernetes.io/audit"));
        String name = namespace.string("metadata.name");
        for (var resource : plan.matching(r -> r.parent() != null && r.parent().equals("app") && r.custom()
                && !r.type().equals(NAMESPACE))) {
            assertEquals(name, resource.string("metadata.namespace"), resource.name());
        }
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void everyAppObjectCarriesTheRecommendedLabelsAndTheClusterProvider(String stack) {
        var plan = Stacks.plan(stack);
        var app = plan.matching(r -> "app".equals(r.parent()));
        assertTrue(app.size() >= 8, app::toString);
        for (var resource : app) {
            var labels = map(resource.input("metadata.labels"));
            for (var key : List.of("name", "instance", "component", "part-of", "managed-by")) {
                assertTrue(labels.containsKey("app.kubernetes.io/" + key), resource.name() + " lacks " + key);
            }
            // The version only on what runs the image: a release changes nothing else.
            assertEquals(resource.type().equals(DEPLOYMENT), labels.containsKey("app.kubernetes.io/version"),
                    resource.name());
            assertEquals("cluster-kubernetes", resource.provider(), resource.name());
        }
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void appPodsTolerateNothingThatPutsThemOnSystemNodes(String stack) {
        for (var pod : podSpecs(Stacks.plan(stack))) {
            for (var toleration : list(pod.get("tolerations"))) {
                assertFalse(SystemNodes.TAINT_KEY.equals(toleration.get("key")), toleration::toString);
                assertFalse(toleration.get("key") == null && "Exists".equals(toleration.get("operator")),
                        "a toleration of every taint: " + toleration);
            }
            assertFalse(map(pod.get("nodeSelector")).containsKey(SystemNodes.LABEL_KEY));
            var terms = list(map(map(map(pod.get("affinity")).get("nodeAffinity"))
                    .get("requiredDuringSchedulingIgnoredDuringExecution")).get("nodeSelectorTerms"));
            assertFalse(terms.isEmpty());
            for (var term : terms) {
                assertTrue(list(term.get("matchExpressions")).contains(Map.of("key", SystemNodes.LABEL_KEY,
                        "operator", "NotIn", "values", List.of(SystemNodes.LABEL_VALUE))), term::toString);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void podsSpreadOverZonesAndHosts(String stack) {
        for (var pod : podSpecs(Stacks.plan(stack))) {
            var keys = list(pod.get("topologySpreadConstraints")).stream().map(c -> c.get("topologyKey")).toList();
            assertEquals(List.of("topology.kubernetes.io/zone", "kubernetes.io/hostname"), keys);
        }
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void networkPolicyAdmitsOnlyTheAppPort(String stack) {
        var plan = Stacks.plan(stack);
        var config = Stacks.config(stack, Map.of());
        var policies = plan.ofType(NETWORK_POLICY);
        var defaultDeny = plan.get(NETWORK_POLICY, "app-default-deny");
        assertEquals(Map.of(), defaultDeny.input("spec.podSelector"));
        assertEquals(List.of("Ingress"), defaultDeny.input("spec.policyTypes"));
        assertNull(defaultDeny.input("spec.ingress"));
        var allow = plan.get(NETWORK_POLICY, "app-allow-http");
        assertEquals(only(plan, DEPLOYMENT).input("spec.selector.matchLabels"), allow.input("spec.podSelector.matchLabels"));
        var rules = list(allow.input("spec.ingress"));
        assertEquals(1, rules.size());
        assertEquals(List.of(Map.of("port", (long) config.app().containerPort(), "protocol", "TCP")),
                rules.get(0).get("ports"));
        // Only the subnets of the app's ALB (internet-facing: the public ones), never the whole VPC, whose
        // private subnets hold every node and pod (kubelet probes come from the node's IP, which the VPC CNI's
        // policy agent always admits).
        assertEquals(AppConfig.Exposure.PUBLIC, config.app().exposure(), stack);
        assertEquals(config.network().publicSubnetCidrs().stream()
                        .map(cidr -> Map.of("ipBlock", Map.of("cidr", cidr.toString()))).toList(),
                rules.get(0).get("from"));
        assertEquals(2, policies.size());
    }

    @Test
    void anInternalAppAdmitsItsPortFromThePrivateSubnetsOnly() {
        Map<String, Object> internal = Map.of("appExposure", "internal",
                "appHostName", "app.internal.dev.example.com", "certificateNames",
                List.of("dev.example.com", "app.internal.dev.example.com", "argocd.internal.dev.example.com"));
        var plan = Stacks.plan("dev", internal);
        var config = Stacks.config("dev", internal);
        var rules = list(plan.get(NETWORK_POLICY, "app-allow-http").input("spec.ingress"));
        assertEquals(config.network().privateSubnetCidrs().stream()
                        .map(cidr -> Map.of("ipBlock", Map.of("cidr", cidr.toString()))).toList(),
                rules.get(0).get("from"));
    }

    @Test
    void secretEnvValuesAreRegisteredAsSecrets() {
        var plan = Stacks.plan("dev", Map.of("appSecretEnv", Map.of(
                "DB_PASSWORD", new ConfigSource.EncryptedValue("v1:AAAA"),
                "API_TOKEN", new ConfigSource.EncryptedValue("v1:BBBB"))));
        var secret = only(plan, SECRET);
        assertEquals("[secret]", secret.input("stringData"));
        assertNull(secret.input("data"));
        // Pulumi names the Secret (no metadata.name) and a changed value replaces it under a new name
        assertNull(secret.input("metadata.name"), "a fixed name would make a value change update it in place");
        assertEquals(true, secret.input("immutable"), "only an immutable Secret is always replaced on a change");
        var deployment = only(plan, DEPLOYMENT);
        var envFrom = list(deployment.input("spec.template.spec.containers.0.envFrom"));
        assertEquals(1, envFrom.size(), envFrom::toString);
        String referenced = (String) map(envFrom.get(0).get("secretRef")).get("name");
        // the name Pulumi generated for the Secret (<resource name>-<suffix>), i.e. its output: a new Secret
        // means a new pod template
        assertTrue(referenced != null && referenced.startsWith(secret.name() + "-"), "envFrom refers to " + referenced);
        assertTrue(deployment.dependsOn().contains(secret.name()), "the Deployment must wait for its Secret");
        assertNull(deployment.input("spec.template.metadata.annotations"), "nothing in the pod template derives"
                + " from the secret values");
        // Without secret values there is no Secret and no envFrom.
        assertTrue(Stacks.plan("dev").ofType(SECRET).isEmpty());
        assertNull(only(Stacks.plan("dev"), DEPLOYMENT).input("spec.template.spec.containers.0.envFrom"));
    }

    /** The dev config with one decrypted secret value, as {@code pulumi up} sees it. */
    private static StackConfig configWithDecryptedSecret(String value) {
        var values = Stacks.withOverrides("dev", Map.of("appSecretEnv", Map.of("DB_PASSWORD", value)));
        return StackConfigLoader.load(Stacks.PROJECT, "dev", ConfigSource.fromEngine(Stacks.engineEnvironment(values,
                List.of(Stacks.PROJECT + ":appSecretEnv"))));
    }

    /** The dev plan with one decrypted secret value, as {@code pulumi up} sees it. */
    private static Plan planWithDecryptedSecret(String value) {
        var plan = OfflineRun.run(configWithDecryptedSecret(value));
        assertEquals(List.of(), plan.errors());
        return plan;
    }

    @Test
    void noPartOfTheDeploymentDependsOnTheSecretValues() {
        var weak = only(planWithDecryptedSecret("1234"), DEPLOYMENT);
        var other = only(planWithDecryptedSecret("correct horse battery staple"), DEPLOYMENT);
        // Readable by whoever may read Pods (the view role): a label, annotation or anything else derived from the
        // values would let them guess weak values offline.
        assertEquals(weak.input("spec.template.metadata"), other.input("spec.template.metadata"));
        assertEquals(weak.inputs(), other.inputs(), "the Deployment must be identical whatever the secret values");
        assertFalse(new Gson().toJson(weak.inputs()).contains("[secret]"), "the Deployment carries a secret-derived"
                + " value: " + weak.inputs());
    }

    @Test
    void argoCdDeliveryKeepsTheSecretsDocumentedName() {
        var plan = Stacks.plan("dev", merged(ARGOCD_DELIVERY, Map.of("appSecretEnv", Map.of(
                "DB_PASSWORD", new ConfigSource.EncryptedValue("v1:AAAA")))));
        var secret = only(plan, SECRET);
        // the manifests in Git refer to it by this name
        assertEquals("backend-env", secret.input("metadata.name"));
        assertNull(secret.input("immutable"), "under Argo CD the Secret is as before: named, not marked immutable");
    }

    private static Map<String, Object> merged(Map<String, Object> a, Map<String, Object> b) {
        var all = new HashMap<String, Object>(a);
        all.putAll(b);
        return all;
    }

    @Test
    void decryptedSecretValuesNeverAppearInThePlan() {
        var config = configWithDecryptedSecret("hunter2-plain");
        assertFalse(config.toString().contains("hunter2-plain"), "the config record prints secrets");
        var plan = OfflineRun.run(config);
        assertEquals(List.of(), plan.errors());
        assertFalse(new Gson().toJson(plan).contains("hunter2-plain"), "a secret value leaked into the plan");
        assertEquals("[secret]", only(plan, SECRET).input("stringData"));
    }

    @Test
    void secretEnvMustBeEncryptedInTheStackFile() {
        var problems = problems(Map.of("appSecretEnv", Map.of("DB_PASSWORD", "hunter2")));
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains("DB_PASSWORD") && problems.get(0).contains("--secret"), problems.get(0));
        assertFalse(problems.get(0).contains("hunter2"), "the problem must not echo the secret");
        assertSingleProblem("appSecretEnv", Map.of("appSecretEnv", new ConfigSource.EncryptedValue("v1:x")),
                "--path");
        assertSingleProblem("appEnv", Map.of("appEnv", Map.of("DB_PASSWORD", "x"),
                "appSecretEnv", Map.of("DB_PASSWORD", new ConfigSource.EncryptedValue("v1:x"))), "one of them");
        assertSingleProblem("appEnv", Map.of("appEnv", Map.of("1BAD", "x")), "environment variable name");
    }

    @Test
    void argoCdDeliveryCreatesTheApplicationAndNoWorkloadObjects() {
        var plan = Stacks.plan("dev", ARGOCD_DELIVERY);
        assertTrue(plan.ofType(DEPLOYMENT).isEmpty());
        for (var type : List.of(SERVICE, INGRESS, HPA, PDB, NETWORK_POLICY, "kubernetes:core/v1:ServiceAccount")) {
            assertTrue(plan.ofType(type).isEmpty(), type);
        }
        var application = only(plan, ARGO_APPLICATION);
        assertEquals("https://github.com/acme/backend-deploy.git", application.input("spec.source.repoURL"));
        assertEquals("k8s/dev", application.input("spec.source.path"));
        assertEquals("main", application.input("spec.source.targetRevision"));
        assertEquals("backend", application.input("spec.destination.namespace"));
        assertEquals(Map.of("prune", true, "selfHeal", true), application.input("spec.syncPolicy.automated"));
        assertTrue(application.dependsOn().contains("argocd"), application.dependsOn()::toString);
        assertTrue(application.dependsOn().contains("app-namespace"), application.dependsOn()::toString);
        // The platform still owns the namespace and its Pod Security labels.
        assertEquals("restricted", map(plan.get(NAMESPACE, "app-namespace").input("metadata.labels"))
                .get("pod-security.kubernetes.io/enforce"));
        // ... and with Pulumi delivery there is no Application, so the assertions above can fail.
        assertTrue(Stacks.plan("dev").ofType(ARGO_APPLICATION).isEmpty());
        assertFalse(Stacks.plan("dev").ofType(DEPLOYMENT).isEmpty());
    }

    @Test
    void argoCdDeliveryNeedsArgoCdAndARepository() {
        var problems = problems(Map.of("appDeliveredBy", "argocd", "argocdEnabled", false));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("eks-platform:appDeliveredBy")
                && p.contains("argocdEnabled")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("eks-platform:argocdRepoUrl")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("eks-platform:argocdPath")), problems::toString);
        assertSingleProblem("appDeliveredBy", Map.of("appDeliveredBy", "flux"), "[pulumi, argocd]");
        var noHost = new HashMap<String, Object>();
        noHost.put("argocdHostName", null);
        assertSingleProblem("argocdHostName", noHost, "required when argocdEnabled");
    }

    @Test
    void resourcesAreKubernetesQuantitiesWithLimitsAtLeastRequests() {
        assertSingleProblem("appMemoryRequest", Map.of("appMemoryRequest", "128m", "appMemoryLimit", "128Mi"),
                "millibytes");
        assertSingleProblem("appCpuRequest", Map.of("appCpuRequest", "half"), "CPU quantity");
        assertSingleProblem("appCpuLimit", Map.of("appCpuLimit", "50m"), "below appCpuRequest");
        assertSingleProblem("appMemoryLimit", Map.of("appMemoryLimit", "64Mi"), "below appMemoryRequest");
        var ok = Stacks.config("dev", Map.of("appCpuRequest", "0.5", "appCpuLimit", "1", "appMemoryRequest", "1Gi",
                "appMemoryLimit", "1Gi")).app().resources();
        assertEquals("0.5", ok.cpuRequest());
    }

    @Test
    void scalingAndRolloutSettingsAreChecked() {
        assertSingleProblem("appMinReplicas", Map.of("appMinReplicas", 1), "at least 2");
        assertSingleProblem("appMaxReplicas", Map.of("appMaxReplicas", 1), "at least appMinReplicas");
        assertSingleProblem("appTargetCpuUtilization", Map.of("appTargetCpuUtilization", 150), "percentage");
        assertSingleProblem("appMaxUnavailable", Map.of("appMaxUnavailable", 2), "never take every pod down");
        assertSingleProblem("appContainerPort", Map.of("appContainerPort", 80), "privileged ports");
        assertSingleProblem("appRunAsUser", Map.of("appRunAsUser", 0), "non-root");
        assertSingleProblem("appHostName", Map.of("appHostName", "Not A Host"), "DNS host name");
        assertSingleProblem("appNamespace", Map.of("appNamespace", "kube-system"), "system namespace");
        assertSingleProblem("appReadinessPath", Map.of("appReadinessPath", "readyz"), "absolute HTTP path");
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void theServiceAccountHasNoTokenAndTmpIsTheWritableEmptyDir(String stack) {
        var plan = Stacks.plan(stack);
        // the ServiceAccount's own setting, besides the pod's: a pod created by other means gets no token either
        assertEquals(false, only(plan, "kubernetes:core/v1:ServiceAccount").input("automountServiceAccountToken"));
        var pod = map(only(plan, DEPLOYMENT).input("spec.template.spec"));
        var emptyDirs = list(pod.get("volumes")).stream().filter(v -> v.containsKey("emptyDir"))
                .map(v -> v.get("name")).toList();
        assertEquals(1, emptyDirs.size(), pod.get("volumes")::toString);
        var mounts = list(list(pod.get("containers")).get(0).get("volumeMounts"));
        assertEquals(List.of(Map.of("name", emptyDirs.get(0), "mountPath", "/tmp")), mounts,
                "the read-only root filesystem's only writable place is /tmp");
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void podsPauseBeforeStoppingSoTheAlbStopsSendingFirst(String stack) {
        var pod = map(only(Stacks.plan(stack), DEPLOYMENT).input("spec.template.spec"));
        var container = list(pod.get("containers")).get(0);
        assertEquals(List.of("sleep", "10"),
                map(map(map(container.get("lifecycle")).get("preStop")).get("exec")).get("command"));
        // The pause counts against the grace period: the app must still have time to finish after SIGTERM.
        long grace = (Long) pod.get("terminationGracePeriodSeconds");
        assertTrue(grace >= AppPod.PRE_STOP_SLEEP_SECONDS + 15, "grace period " + grace + " s");
    }

    @Test
    void thePodReadinessGateLabelComesOnlyWithAnIngress() {
        String label = "elbv2.k8s.aws/pod-readiness-gate-inject";
        assertEquals("enabled", map(Stacks.plan("dev").get(NAMESPACE, "app-namespace").input("metadata.labels"))
                .get(label));
        // Without the controller its webhook (failurePolicy Fail) would reject every pod of a labelled namespace.
        var noEdge = Stacks.plan("dev", Map.of("ingressEnabled", false));
        assertTrue(noEdge.ofType(INGRESS).isEmpty());
        assertFalse(map(noEdge.get(NAMESPACE, "app-namespace").input("metadata.labels")).containsKey(label));
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void theDeploymentWaitsForKarpentersNodePool(String stack) {
        var plan = Stacks.plan(stack);
        var nodePool = plan.ofType("kubernetes:karpenter.sh/v1:NodePool");
        assertEquals(1, nodePool.size());
        // The pods run only on Karpenter's nodes; teardown, in reverse, deletes the app before the NodePool.
        assertTrue(only(plan, DEPLOYMENT).dependsOn().contains(nodePool.get(0).name()),
                only(plan, DEPLOYMENT).dependsOn()::toString);
    }

    /** Kubernetes' label value syntax: at most 63, alphanumeric at both ends, [-_.A-Za-z0-9] inside. */
    private static boolean validLabelValue(String value) {
        return value.length() <= 63 && value.matches("([A-Za-z0-9]([-_.A-Za-z0-9]*[A-Za-z0-9])?)?");
    }

    @Test
    void theVersionLabelIsAValidLabelValueWhateverTheTag() {
        String hundred = "1".repeat(62) + "." + "x".repeat(36) + "-";
        assertEquals(100, hundred.length());
        var expected = new java.util.LinkedHashMap<String, String>();
        expected.put("_6.9.1-", "6.9.1");
        expected.put(hundred, "1".repeat(62));
        expected.put("6.9.1", "6.9.1");
        expected.forEach((tag, label) -> {
            var plan = Stacks.plan("dev", Map.of("appImageTag", tag));
            // the image keeps the tag as it is; only the label is sanitised
            assertTrue(String.valueOf(only(plan, DEPLOYMENT).input("spec.template.spec.containers.0.image"))
                    .contains(":" + tag + "@"), tag);
            var deployment = only(plan, DEPLOYMENT);
            assertEquals(label, map(deployment.input("metadata.labels")).get("app.kubernetes.io/version"), tag);
            assertEquals(label, map(deployment.input("spec.template.metadata.labels")).get("app.kubernetes.io/version"),
                    tag);
            for (var resource : plan.matching(r -> "app".equals(r.parent()))) {
                var labels = map(resource.input("metadata.labels"));
                labels.values().forEach(v -> assertTrue(validLabelValue(String.valueOf(v)), resource.name() + ": "
                        + v));
            }
        });
        // Nothing valid left: no version label at all, the others stay.
        var plan = Stacks.plan("dev", Map.of("appImageTag", "_"));
        var labels = map(only(plan, DEPLOYMENT).input("metadata.labels"));
        assertFalse(labels.containsKey("app.kubernetes.io/version"), labels::toString);
        assertEquals("backend", labels.get("app.kubernetes.io/name"));
    }

    @Test
    void memoryOnlyScalingCanBeSwitchedOff() {
        var hpa = only(Stacks.plan("dev", Map.of("appTargetMemoryUtilization", 0)), HPA);
        assertEquals(List.of("cpu"), list(hpa.input("spec.metrics")).stream()
                .map(m -> map(m.get("resource")).get("name")).toList());
        assertEquals(2, list(only(Stacks.plan("dev"), HPA).input("spec.metrics")).size());
    }
}
