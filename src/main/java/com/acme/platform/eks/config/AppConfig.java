package com.acme.platform.eks.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The team's backend service: its image, how it is sized, probed, scaled and exposed, and who delivers it.
 *
 * @param name                    the app's name: object names and {@code app.kubernetes.io/name}
 * @param imageTag                empty when the image is pinned by digest only
 * @param imageDigest             {@code sha256:...}; empty when pinned by tag only
 * @param env                     plain environment variables
 * @param secretEnv               environment variables whose values are Pulumi secrets (a Kubernetes Secret)
 * @param hostName                the host name the Ingress serves and external-dns publishes
 * @param exposure                who can reach the app: the internet or only the VPC
 * @param minReplicas             HPA minimum; also what the app runs with right after creation
 * @param targetMemoryUtilization HPA memory target in percent of the request; 0 scales on CPU only
 * @param maxUnavailable          rolling update: pods that may be down at once (0 keeps full capacity)
 * @param deliveredBy             who creates the app's Kubernetes objects
 */
public record AppConfig(
        String name,
        String namespace,
        String imageRepository,
        Optional<String> imageTag,
        Optional<String> imageDigest,
        int containerPort,
        Resources resources,
        Map<String, String> env,
        Map<String, SecretText> secretEnv,
        Probes probes,
        String hostName,
        Exposure exposure,
        int minReplicas,
        int maxReplicas,
        int targetCpuUtilization,
        int targetMemoryUtilization,
        int scaleDownStabilizationSeconds,
        int maxUnavailable,
        long runAsUser,
        long runAsGroup,
        Delivery deliveredBy) {

    public AppConfig {
        env = Map.copyOf(env);
        secretEnv = Map.copyOf(secretEnv);
    }

    public enum Exposure {
        PUBLIC("public"), INTERNAL("internal");

        private final String configValue;

        Exposure(String configValue) {
            this.configValue = configValue;
        }

        public String configValue() {
            return configValue;
        }

        public static List<String> configValues() {
            return List.of(PUBLIC.configValue, INTERNAL.configValue);
        }
    }

    public enum Delivery {
        PULUMI("pulumi"), ARGOCD("argocd");

        private final String configValue;

        Delivery(String configValue) {
            this.configValue = configValue;
        }

        public String configValue() {
            return configValue;
        }
    }

    /** Kubernetes quantities, validated by the loader. */
    public record Resources(String cpuRequest, String memoryRequest, String cpuLimit, String memoryLimit) { }

    /** HTTP GET paths on the container port. */
    public record Probes(String readinessPath, String livenessPath, String startupPath) { }

    /** {@code repository:tag@digest}, {@code repository@digest} or {@code repository:tag}. */
    public String image() {
        return imageRepository + imageTag.map(t -> ":" + t).orElse("") + imageDigest.map(d -> "@" + d).orElse("");
    }

    /** The tag, or the short digest when pinned by digest only: the {@code app.kubernetes.io/version} label. */
    public String version() {
        return imageTag.orElseGet(() -> imageDigest.map(d -> d.substring(d.indexOf(':') + 1, d.indexOf(':') + 13))
                .orElse("unknown"));
    }
}
