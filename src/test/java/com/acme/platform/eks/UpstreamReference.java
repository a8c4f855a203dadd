package com.acme.platform.eks;

import com.acme.platform.eks.karpenter.KarpenterReference;
import com.google.gson.Gson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The upstream artifacts (IAM policies and the Karpenter CloudFormation template) that the tests compare the program
 * with. They are verbatim copies under {@code src/test/resources/reference/} (origin and checksums in its README):
 * read from the classpath so that a fresh clone, such as a CI runner, needs nothing outside the repository.
 * {@code UpstreamReferenceTest} keeps the copies equal to the shared reference folder where one exists.
 */
public final class UpstreamReference {
    /** The classpath folder of the copies. */
    public static final String RESOURCE_DIR = "/reference/";
    /** The files the project keeps a copy of. */
    public static final List<String> FILES = List.of("aws-load-balancer-controller-iam-policy.json",
            "external-dns-iam-policy.json", "karpenter-v1.14-cloudformation.yaml", "eks-ami-releases.json");

    private UpstreamReference() { }

    public static byte[] bytes(String file) {
        try (InputStream in = UpstreamReference.class.getResourceAsStream(RESOURCE_DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("no reference file " + file + " on the classpath (src/test/resources"
                        + RESOURCE_DIR + ")");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(String file) {
        return new String(bytes(file), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> json(String file) {
        return new Gson().fromJson(read(file), Map.class);
    }

    /** Every statement of every upstream IAM policy (template placeholders left as they are). */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> allUpstreamStatements() {
        var statements = new ArrayList<Map<String, Object>>();
        Stream.of(FILES.get(0), FILES.get(1))
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
