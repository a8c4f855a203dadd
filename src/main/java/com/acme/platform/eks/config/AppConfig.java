package com.acme.platform.eks.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.acme.platform.eks.config.ConfigKeys.*;

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

    /** The app section, checked; null when a key of it has a problem. */
    static AppConfig read(ConfigValues v) {
        for (var key : List.of(APP_IMAGE_REPOSITORY, APP_HOST_NAME)) {
            if (!v.isSet(key)) {
                v.problem(key, null, "is required: " + key.description());
            }
        }
        String tag = v.string(APP_IMAGE_TAG);
        String digest = v.string(APP_IMAGE_DIGEST);
        if (!v.isSet(APP_IMAGE_TAG) && !v.isSet(APP_IMAGE_DIGEST)) {
            v.problem(APP_IMAGE_TAG, null, "is required unless appImageDigest is set: an image without a tag or"
                    + " digest means 'latest'");
        }
        var resources = new Resources(v.string(APP_CPU_REQUEST), v.string(APP_MEMORY_REQUEST), v.string(APP_CPU_LIMIT),
                v.string(APP_MEMORY_LIMIT));
        if (resources.cpuRequest() != null && resources.cpuLimit() != null
                && Formats.cpuMillis(resources.cpuLimit()) < Formats.cpuMillis(resources.cpuRequest())) {
            v.problem(APP_CPU_LIMIT, resources.cpuLimit(), "is below appCpuRequest (" + resources.cpuRequest() + ")");
        }
        if (resources.memoryRequest() != null && resources.memoryLimit() != null
                && Formats.memoryBytes(resources.memoryLimit()) < Formats.memoryBytes(resources.memoryRequest())) {
            v.problem(APP_MEMORY_LIMIT, resources.memoryLimit(), "is below appMemoryRequest ("
                    + resources.memoryRequest() + ")");
        }
        Map<String, String> env = v.map(APP_ENV);
        Map<String, SecretText> secretEnv = v.secrets(APP_SECRET_ENV);
        env.keySet().stream().filter(secretEnv::containsKey).forEach(name -> v.problem(APP_ENV, name, "is also in"
                + " appSecretEnv; set it in one of them"));
        Integer min = v.integer(APP_MIN_REPLICAS);
        Integer max = v.integer(APP_MAX_REPLICAS);
        if (min != null && max != null && max < min) {
            v.problem(APP_MAX_REPLICAS, max, "must be at least appMinReplicas (" + min + ")");
        }
        Integer maxUnavailable = v.integer(APP_MAX_UNAVAILABLE);
        if (min != null && maxUnavailable != null && maxUnavailable >= min) {
            v.problem(APP_MAX_UNAVAILABLE, maxUnavailable, "must be between 0 and appMinReplicas - 1 (" + (min - 1)
                    + "): a rollout must never take every pod down");
        }
        if (!v.valid(APP_NAME, APP_NAMESPACE, APP_IMAGE_REPOSITORY, APP_IMAGE_TAG, APP_IMAGE_DIGEST,
            APP_CONTAINER_PORT, APP_CPU_REQUEST, APP_MEMORY_REQUEST, APP_CPU_LIMIT, APP_MEMORY_LIMIT, APP_ENV,
            APP_SECRET_ENV, APP_READINESS_PATH, APP_LIVENESS_PATH, APP_STARTUP_PATH, APP_HOST_NAME, APP_EXPOSURE,
            APP_MIN_REPLICAS, APP_MAX_REPLICAS, APP_TARGET_CPU, APP_TARGET_MEMORY, APP_SCALE_DOWN_STABILIZATION,
            APP_MAX_UNAVAILABLE, APP_RUN_AS_USER, APP_RUN_AS_GROUP, APP_DELIVERED_BY, APP_HAND_OVER)) {
            return null;
        }
        return new AppConfig(v.string(APP_NAME), v.string(APP_NAMESPACE), v.string(APP_IMAGE_REPOSITORY),
                Optional.ofNullable(tag), Optional.ofNullable(digest), v.integer(APP_CONTAINER_PORT), resources, env,
                secretEnv, new Probes(v.string(APP_READINESS_PATH), v.string(APP_LIVENESS_PATH),
                v.string(APP_STARTUP_PATH)), v.string(APP_HOST_NAME), v.string(APP_EXPOSURE).equals("public")
                ? Exposure.PUBLIC : Exposure.INTERNAL, min, max, v.integer(APP_TARGET_CPU),
                v.integer(APP_TARGET_MEMORY), v.integer(APP_SCALE_DOWN_STABILIZATION), maxUnavailable,
                v.integer(APP_RUN_AS_USER), v.integer(APP_RUN_AS_GROUP), v.string(APP_DELIVERED_BY).equals("argocd")
                ? Delivery.ARGOCD : Delivery.PULUMI, v.bool(APP_HAND_OVER));
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
