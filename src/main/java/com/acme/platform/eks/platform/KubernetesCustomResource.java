package com.acme.platform.eks.platform;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

import java.util.Map;

/** A CRD's object by type token: pulumi-kubernetes 4.0.0 for Java has no generic class. */
public final class KubernetesCustomResource extends CustomResource {

    @Export(name = "apiVersion", refs = {String.class}, tree = "[0]")
    private Output<String> apiVersion;

    @Export(name = "kind", refs = {String.class}, tree = "[0]")
    private Output<String> kind;

    public Output<String> apiVersion() {
        return apiVersion;
    }

    public Output<String> kind() {
        return kind;
    }

    /** {@code spec}: as the CRD's schema has it. */
    public KubernetesCustomResource(String name, String apiVersion, String kind, Map<String, Object> metadata,
                                    Output<Map<String, Object>> spec, CustomResourceOptions options) {
        super("kubernetes:" + apiVersion + ":" + kind, name, new Args(apiVersion, kind, metadata, spec),
                CustomResourceOptions.merge(CustomResourceOptions.builder()
                        .version(com.pulumi.kubernetes.Utilities.getVersion()).build(), options, null));
    }

    static final class Args extends ResourceArgs {
        @Import(name = "apiVersion", required = true)
        private final Output<String> apiVersion;
        @Import(name = "kind", required = true)
        private final Output<String> kind;
        @Import(name = "metadata")
        private final Output<Map<String, Object>> metadata;
        @Import(name = "spec")
        private final Output<Map<String, Object>> spec;

        Args(String apiVersion, String kind, Map<String, Object> metadata, Output<Map<String, Object>> spec) {
            this.apiVersion = Output.of(apiVersion);
            this.kind = Output.of(kind);
            this.metadata = Output.of(metadata);
            this.spec = spec;
        }
    }
}
