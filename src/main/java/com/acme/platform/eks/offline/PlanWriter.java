package com.acme.platform.eks.offline;

import com.acme.platform.eks.platform.CanonicalJson;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The one writer of a plan folder: plan.json, k8s/ and helm/ views (docs/internals.md#offline-render). */
public final class PlanWriter {
    private static final Gson JSON = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping()
            .create();
    static final String HELM_RELEASE = "kubernetes:helm.sh/v3:Release";
    /** Objects without a namespace: cluster-scoped, or namespaced ones left to the provider's default namespace. */
    static final String NO_NAMESPACE = "_cluster";

    private PlanWriter() { }

    public static void write(Plan plan, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("plan.json"), JSON.toJson(planJson(plan)) + "\n");
        Files.writeString(dir.resolve("architecture.md"), ArchitectureDiagram.markdown(plan));
        Files.writeString(dir.resolve("cost.md"), CostReport.markdown(CostEstimate.of(plan)));
        Path k8s = emptied(dir.resolve("k8s"));
        for (var r : kubernetesObjects(plan)) {
            Files.writeString(k8s.resolve(manifestFileName(r)), yaml().dump(manifest(r)));
        }
        Path helm = emptied(dir.resolve("helm"));
        for (var r : plan.ofType(HELM_RELEASE)) {
            Files.writeString(helm.resolve(safe(releaseName(r)) + ".yaml"), yaml().dump(helmRelease(r)));
        }
    }

    /** Custom resources of the Kubernetes provider that are objects in the cluster (not Helm releases). */
    public static List<PlannedResource> kubernetesObjects(Plan plan) {
        return plan.matching(r -> r.custom() && r.type().startsWith("kubernetes:")
                && !r.type().startsWith("kubernetes:helm.sh/"));
    }

    /** apiVersion, kind and metadata first, then the rest of the object (spec, data, rules, ...) as registered. */
    public static Map<String, Object> manifest(PlannedResource r) {
        var doc = new LinkedHashMap<String, Object>();
        String token = r.type().substring("kubernetes:".length());
        String groupVersion = token.substring(0, token.lastIndexOf(':'));
        doc.put("apiVersion", r.inputs().getOrDefault("apiVersion",
                groupVersion.startsWith("core/") ? groupVersion.substring(5) : groupVersion));
        doc.put("kind", r.inputs().getOrDefault("kind", token.substring(token.lastIndexOf(':') + 1)));
        doc.put("metadata", r.inputs().getOrDefault("metadata", Map.of("name", r.name())));
        r.inputs().forEach((key, value) -> {
            if (!doc.containsKey(key)) {
                doc.put(key, value);
            }
        });
        return doc;
    }

    public static String manifestFileName(PlannedResource r) {
        var doc = manifest(r);
        var metadata = doc.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
        Object namespace = metadata.get("namespace");
        Object name = metadata.get("name");
        return safe(namespace == null ? NO_NAMESPACE : namespace.toString())
                + "__" + safe(String.valueOf(doc.get("kind")))
                + "__" + safe(name == null ? r.name() : name.toString()) + ".yaml";
    }

    public static Map<String, Object> helmRelease(PlannedResource r) {
        var doc = new LinkedHashMap<String, Object>();
        doc.put("name", releaseName(r));
        doc.put("chart", r.input("chart"));
        doc.put("repository", repository(r));
        doc.put("version", r.input("version"));
        doc.put("namespace", r.input("namespace"));
        doc.put("values", r.inputs().getOrDefault("values", Map.of()));
        return doc;
    }

    /** repositoryOpts.repo, or for an OCI chart ({@code oci://host/path/chart}) the registry path it names. */
    private static Object repository(PlannedResource r) {
        Object repo = r.input("repositoryOpts.repo");
        if (repo == null && r.input("chart") instanceof String chart && chart.startsWith("oci://")) {
            return chart.substring(0, chart.lastIndexOf('/'));
        }
        return repo;
    }

    private static String releaseName(PlannedResource r) {
        return r.input("name") instanceof String name ? name : r.name();
    }

    /** The folder, created or with its previous files removed, so that a deleted object leaves no stale file. */
    private static Path emptied(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    if (!p.equals(dir)) {
                        Files.delete(p);
                    }
                }
            }
        }
        return Files.createDirectories(dir);
    }

    private static String safe(String part) {
        return part.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static Yaml yaml() {
        var options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setDereferenceAliases(true);
        options.setWidth(120);
        return new Yaml(options);
    }

    /** Keys sorted at every depth: map order changes between JVMs, and plan.json is diffed as text. */
    public static Map<String, Object> planJson(Plan plan) {
        var doc = new LinkedHashMap<String, Object>();
        doc.put("project", plan.project());
        doc.put("stack", plan.stack());
        List<Map<String, Object>> resources = new ArrayList<>();
        for (var r : plan.resources()) {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("urn", r.urn());
            entry.put("type", r.type());
            entry.put("name", r.name());
            entry.put("parent", r.parentUrn());
            entry.put("provider", r.providerUrn());
            entry.put("inputs", CanonicalJson.canonical(r.inputs()));
            entry.put("dependsOn", r.dependsOnUrns());
            entry.put("protect", r.protect());
            entry.put("retainOnDelete", r.retainOnDelete());
            if (r.importId() != null) {
                entry.put("import", r.importId());
            }
            resources.add(entry);
        }
        doc.put("resources", resources);
        doc.put("outputs", CanonicalJson.canonical(plan.outputs()));
        doc.put("invokes", plan.invokes());
        return doc;
    }
}
