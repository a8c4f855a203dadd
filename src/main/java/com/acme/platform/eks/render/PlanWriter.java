package com.acme.platform.eks.render;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Plan} to a folder: {@code plan.json} now; Kubernetes manifests ({@code k8s/}) and Helm
 * releases ({@code helm/}) are further views of the same plan, added beside it.
 */
public final class PlanWriter {
    private static final Gson JSON = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping()
            .create();

    private PlanWriter() { }

    public static void write(Plan plan, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("plan.json"), JSON.toJson(planJson(plan)) + "\n");
        Files.writeString(dir.resolve("architecture.md"), ArchitectureDiagram.markdown(plan));
    }

    public static Map<String, Object> planJson(Plan plan) {
        var doc = new LinkedHashMap<String, Object>();
        doc.put("project", plan.project());
        doc.put("stack", plan.stack());
        List<Map<String, Object>> resources = new ArrayList<>();
        for (var r : plan.resources()) {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("type", r.type());
            entry.put("name", r.name());
            entry.put("parent", r.parent());
            entry.put("provider", r.provider());
            entry.put("inputs", r.inputs());
            entry.put("dependsOn", r.dependsOn());
            entry.put("protect", r.protect());
            resources.add(entry);
        }
        doc.put("resources", resources);
        doc.put("outputs", plan.outputs());
        return doc;
    }
}
