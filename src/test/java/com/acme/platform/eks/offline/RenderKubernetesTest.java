package com.acme.platform.eks.offline;

import com.acme.platform.eks.platform.CanonicalJson;
import com.acme.platform.eks.Stacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The render writes every Kubernetes object and Helm release of the plan as YAML, exactly as registered. */
class RenderKubernetesTest {
    @TempDir
    static Path out;
    private static Plan plan;

    @BeforeAll
    static void renderProd() throws IOException {
        Files.createDirectories(out.resolve("k8s"));
        Files.writeString(out.resolve("k8s").resolve("stale__ConfigMap__gone.yaml"), "kind: ConfigMap\n");
        var err = new ByteArrayOutputStream();
        int exit = RenderCommand.run("render", new String[] {"--config", Stacks.file("prod").toString(), "--stack", "prod", "--out", out.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        plan = Stacks.plan("prod");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(Path file) throws IOException {
        assertTrue(Files.isRegularFile(file), "missing " + out.relativize(file));
        return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
    }

    /** YAML reads small numbers as Integer, the plan holds Long: compared as canonical JSON, numbers by value. */
    private static void assertSameDocument(Object expected, Object actual) {
        assertEquals(CanonicalJson.write(expected), CanonicalJson.write(actual));
    }

    @Test
    void everyKubernetesObjectHasItsOwnFileAndNothingElseIsThere() throws IOException {
        var expected = PlanWriter.kubernetesObjects(plan).stream().map(PlanWriter::manifestFileName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(expected.contains("_cluster__NodePool__default.yaml"), expected.toString());
        assertTrue(expected.contains("_cluster__EC2NodeClass__default.yaml"), expected.toString());
        try (Stream<Path> files = Files.list(out.resolve("k8s"))) {
            assertEquals(expected, files.map(p -> p.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new)), "one file per object, no stale files");
        }
        assertFalse(Files.exists(out.resolve("k8s/stale__ConfigMap__gone.yaml")));
    }

    @Test
    void nodePoolAndNodeClassFilesHoldTheRegisteredObjects() throws IOException {
        for (var type : List.of("kubernetes:karpenter.sh/v1:NodePool", "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass")) {
            var resource = plan.ofType(type).get(0);
            var kind = type.substring(type.lastIndexOf(':') + 1);
            var manifest = read(out.resolve("k8s/_cluster__" + kind + "__default.yaml"));
            assertEquals(List.of("apiVersion", "kind", "metadata", "spec"), List.copyOf(manifest.keySet()));
            assertEquals(resource.input("apiVersion"), manifest.get("apiVersion"));
            assertEquals(kind, manifest.get("kind"));
            assertEquals(resource.input("metadata"), manifest.get("metadata"));
            assertSameDocument(resource.input("spec"), manifest.get("spec"));
        }
        var nodePool = read(out.resolve("k8s/_cluster__NodePool__default.yaml"));
        assertEquals("karpenter.sh/v1", nodePool.get("apiVersion"));
        assertEquals("400", ((Map<?, ?>) ((Map<?, ?>) nodePool.get("spec")).get("limits")).get("cpu"),
                "quantities stay strings");
    }

    @Test
    void everyHelmReleaseHasAFileWithChartRepositoryVersionNamespaceAndValues() throws IOException {
        var releases = plan.ofType(PlanWriter.HELM_RELEASE);
        try (Stream<Path> files = Files.list(out.resolve("helm"))) {
            assertEquals(releases.size(), files.count());
        }
        var karpenter = plan.get(PlanWriter.HELM_RELEASE, "karpenter-chart");
        var file = read(out.resolve("helm/karpenter.yaml"));
        assertEquals("karpenter", file.get("name"));
        assertEquals("oci://public.ecr.aws/karpenter/karpenter", file.get("chart"));
        assertEquals("oci://public.ecr.aws/karpenter", file.get("repository"));
        assertEquals("1.14.1", file.get("version"));
        assertEquals("kube-system", file.get("namespace"));
        assertSameDocument(karpenter.input("values"), file.get("values"));
        assertEquals("eks-platform-prod", ((Map<?, ?>) ((Map<?, ?>) file.get("values")).get("settings"))
                .get("clusterName"));
        assertEquals("oci://public.ecr.aws/karpenter/karpenter-crd", read(out.resolve("helm/karpenter-crd.yaml"))
                .get("chart"));
    }
}
