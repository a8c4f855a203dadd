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
 * @param handOver                a hand-over to Argo CD is under way: Pulumi retains (never deletes) the
 *                                Deployment, Service and Ingress it stops managing
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
        Delivery deliveredBy,
        boolean handOver) {

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

    /**
     * The {@code app.kubernetes.io/version} label: the tag, or the short digest when pinned by digest only; empty
     * when nothing of it is a valid label value. A tag may be 128 characters and start with {@code _} or end with
     * {@code -} or {@code .}, which a label value may not (at most 63, alphanumeric at both ends): it is cut to 63
     * and trimmed to alphanumerics at both ends. The label is informational only (selectors never use it).
     */
    public Optional<String> versionLabel() {
        String version = imageTag.orElseGet(() -> imageDigest.map(d -> d.substring(d.indexOf(':') + 1,
                d.indexOf(':') + 13)).orElse(""));
        String cut = version.length() > LABEL_VALUE_MAX ? version.substring(0, LABEL_VALUE_MAX) : version;
        int start = 0;
        int end = cut.length();
        while (start < end && !isAsciiAlphanumeric(cut.charAt(start))) {
            start++;
        }
        while (end > start && !isAsciiAlphanumeric(cut.charAt(end - 1))) {
            end--;
        }
        return start < end ? Optional.of(cut.substring(start, end)) : Optional.empty();
    }

    /** Kubernetes' limit for a label value. */
    static final int LABEL_VALUE_MAX = 63;

    private static boolean isAsciiAlphanumeric(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }
}
