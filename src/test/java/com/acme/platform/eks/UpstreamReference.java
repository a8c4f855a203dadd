package com.acme.platform.eks;

import com.google.gson.Gson;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The upstream artifacts in {@code shared/reference/} (beside the clone in CI): IAM policies and the Karpenter
 * CloudFormation template, read at test time so that the tests compare with the real thing, not a copy.
 */
public final class UpstreamReference {
    private UpstreamReference() { }

    public static Path dir() {
        var candidates = new ArrayList<Path>();
        String configured = System.getProperty("reference.dir", System.getenv("REFERENCE_DIR"));
        if (configured != null) {
            candidates.add(Path.of(configured));
        }
        candidates.add(Path.of("..", "shared", "reference"));
        candidates.add(Path.of("/work/shared/reference"));
        return candidates.stream().filter(p -> Files.isDirectory(p)).findFirst().orElseThrow(() ->
                new IllegalStateException("shared/reference not found; looked in " + candidates));
    }

    public static String read(String file) {
        try {
            return Files.readString(dir().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> json(String file) {
        return new Gson().fromJson(read(file), Map.class);
    }

    /**
     * The Karpenter template with CloudFormation's short-form tags ({@code !Sub}, {@code !GetAtt}, {@code !Ref})
     * dropped, so that their arguments stay as plain strings with {@code ${...}} placeholders.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> karpenterTemplate() {
        String text = read("karpenter-v1.14-cloudformation.yaml").replaceAll("!(Sub|GetAtt|Ref) ", "");
        return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    }

    /** Every statement of every upstream IAM policy (template placeholders left as they are). */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> allUpstreamStatements() {
        var statements = new ArrayList<Map<String, Object>>();
        Stream.of("aws-load-balancer-controller-iam-policy.json", "external-dns-iam-policy.json")
                .forEach(f -> statements.addAll((List<Map<String, Object>>) json(f).get("Statement")));
        var resources = (Map<String, Map<String, Object>>) karpenterTemplate().get("Resources");
        resources.values().forEach(r -> {
            var props = (Map<String, Object>) r.get("Properties");
            if ("AWS::IAM::ManagedPolicy".equals(r.get("Type")) && props.get("PolicyDocument") instanceof String doc) {
                statements.addAll((List<Map<String, Object>>) new Gson().fromJson(doc, Map.class).get("Statement"));
            }
        });
        return statements;
    }
}
