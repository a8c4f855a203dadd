package com.acme.platform.eks;

import com.acme.platform.eks.karpenter.KarpenterReference;
import com.google.gson.Gson;

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

    /** Every statement of every upstream IAM policy (template placeholders left as they are). */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> allUpstreamStatements() {
        var statements = new ArrayList<Map<String, Object>>();
        Stream.of("aws-load-balancer-controller-iam-policy.json", "external-dns-iam-policy.json")
                .forEach(f -> statements.addAll((List<Map<String, Object>>) json(f).get("Statement")));
        KarpenterReference.resources().values().forEach(r -> {
            var props = (Map<String, Object>) r.get("Properties");
            if ("AWS::IAM::ManagedPolicy".equals(r.get("Type"))
                    && props.get("PolicyDocument") instanceof Map<?, ?> sub && sub.get("Fn::Sub") instanceof String doc) {
                statements.addAll((List<Map<String, Object>>) new Gson().fromJson(doc, Map.class).get("Statement"));
            }
        });
        return statements;
    }
}
