package com.acme.platform.eks.config;

import java.util.Map;
import java.util.Optional;

import static com.acme.platform.eks.config.ConfigKeys.DNS_LABEL;
import static com.acme.platform.eks.config.ConfigKeys.HOST_NAME;
import static com.acme.platform.eks.config.ConfigKeys.HTTP_PATH;
import static com.acme.platform.eks.config.ConfigKeys.NOT_A_PATH;

/** The team's backend service; {@code handOver}: docs/internals.md#config-records. */
public record AppConfig(
        @Key(value = "appName", dflt = "backend", regex = DNS_LABEL, msg = NOT_A_LABEL, doc = "object names and"
                + " `app.kubernetes.io/name`") String name,
        @Key(value = "appNamespace", dflt = "backend", regex = DNS_LABEL, msg = NOT_A_LABEL,
                format = Formats.USER_NAMESPACE, doc = "the app's namespace; not `default` or `kube-*`") String namespace,
        @Key(value = "appImageRepository", shown = "(required)", regex = "([a-zA-Z0-9.-]+(:\\d+)?/)?[a-z0-9]+([._-]"
                + "[a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*", msg = "is not an image repository (registry/path, lower"
                + " case, without :tag or @digest)", doc = "image repository without tag or digest")
        String imageRepository,
        @Key(value = "appImageTag", shown = "—", format = Formats.IMAGE_TAG, doc = "version tag; `latest` is rejected")
        Optional<String> imageTag,
        @Key(value = "appImageDigest", shown = "—", regex = "sha256:[a-f0-9]{64}", msg = "is not an image digest"
                + " sha256:<64 lower-case hex>", doc = "`sha256:<64 hex>`; pins the exact image (required in"
                + " production)") Optional<String> imageDigest,
        @Key(value = "appContainerPort", dflt = "8080", min = 1024, max = 65535, why = ": a non-root container cannot"
                + " bind privileged ports", doc = "HTTP and health port") int containerPort,
        Resources resources,
        @Key(value = "appEnv", shown = "—", format = Formats.ENV_NAMES, doc = "plain env vars `NAME: value`")
        Map<String, String> env,
        @Key(value = "appSecretEnv", shown = "—", format = Formats.ENV_NAMES, doc = "secret env vars, each set with"
                + " `pulumi config set --secret --path 'appSecretEnv.NAME' value`") Map<String, SecretText> secretEnv,
        Probes probes,
        @Key(value = "appHostName", shown = "(required)", regex = HOST_NAME, msg = "is not a lower-case DNS host name"
                + " such as api.example.com", doc = "host of the Ingress rule (external-dns publishes it)")
        String hostName,
        @Key(value = "appExposure", dflt = "internal", doc = "`public` (internet-facing ALB) or `internal` (internal"
                + " ALB)") Exposure exposure,
        @Key(value = "appMinReplicas", dflt = "2", min = 2, why = "must be at least 2: with one replica every node drain"
                + " or rollout is an outage, and the PodDisruptionBudget would block drains", doc = "HPA minimum, at"
                + " least 2") int minReplicas,
        @Key(value = "appMaxReplicas", dflt = "4", doc = "HPA maximum, at least the minimum") int maxReplicas,
        @Key(value = "appTargetCpuUtilization", dflt = "70", min = 1, max = 100, why = " (a percentage of the request)",
                doc = "HPA CPU target, % of request") int targetCpuUtilization,
        @Key(value = "appTargetMemoryUtilization", dflt = "80", min = 0, max = 100, why = " (a percentage of the"
                + " request; 0 scales on CPU only)", doc = "HPA memory target, % of request; `0` = CPU only")
        int targetMemoryUtilization,
        @Key(value = "appScaleDownStabilizationSeconds", dflt = "300", min = 0, max = 3600, why = " seconds (the"
                + " Kubernetes maximum)", doc = "HPA `behavior.scaleDown.stabilizationWindowSeconds`")
        int scaleDownStabilizationSeconds,
        @Key(value = "appMaxUnavailable", dflt = "0", min = 0, why = "must be 0 or more", doc = "rolling update"
                + " `maxUnavailable` (0 … min−1)") int maxUnavailable,
        @Key(value = "appRunAsUser", dflt = "65532", min = 1, why = NON_ROOT, doc = "numeric uid of the pods")
        long runAsUser,
        @Key(value = "appRunAsGroup", dflt = "65532", min = 1, why = NON_ROOT, doc = "numeric gid (and fsGroup) of the"
                + " pods") long runAsGroup,
        @Key(value = "appDeliveredBy", dflt = "pulumi", doc = "`pulumi` or `argocd`") Delivery deliveredBy,
        @Key(value = "appHandOver", dflt = "false", doc = "`true` for at least one `up` before `appDeliveredBy` switches"
                + " from `pulumi` to `argocd`: Pulumi then leaves the Deployment, Service and Ingress running when it"
                + " stops managing them ([docs/workload.md](docs/workload.md))") boolean handOver)
        implements ConfigValues.Checked {

    static final String NOT_A_LABEL = "must be a DNS label: lower-case letters, digits and '-', at most 63";
    static final String NON_ROOT = "must be a non-root id (1 or more)";

    @Override
    public void check(ConfigValues v) {
        v.unless(imageTag.isPresent() || imageDigest.isPresent(), "appImageTag", null, "is required unless"
                + " appImageDigest is set: an image without a tag or digest means 'latest'", "appImageDigest");
        v.unless(Formats.cpuMillis(resources.cpuLimit()) >= Formats.cpuMillis(resources.cpuRequest()), "appCpuLimit",
                resources.cpuLimit(), "is below appCpuRequest (" + resources.cpuRequest() + ")", "appCpuRequest");
        v.unless(Formats.memoryBytes(resources.memoryLimit()) >= Formats.memoryBytes(resources.memoryRequest()),
                "appMemoryLimit", resources.memoryLimit(), "is below appMemoryRequest (" + resources.memoryRequest()
                        + ")", "appMemoryRequest");
        env.keySet().stream().filter(secretEnv::containsKey).forEach(name -> v.problem("appEnv", name, "is also in"
                + " appSecretEnv; set it in one of them"));
        v.unless(maxReplicas >= minReplicas, "appMaxReplicas", maxReplicas, "must be at least appMinReplicas ("
                + minReplicas + ")", "appMinReplicas");
        v.unless(maxUnavailable < minReplicas, "appMaxUnavailable", maxUnavailable, "must be between 0 and"
                + " appMinReplicas - 1 (" + (minReplicas - 1) + "): a rollout must never take every pod down",
                "appMinReplicas");
    }

    public enum Exposure implements ConfigEnum {
        PUBLIC, INTERNAL
    }

    public enum Delivery implements ConfigEnum {
        PULUMI, ARGOCD
    }

    /** Kubernetes quantities. */
    public record Resources(
            @Key(value = "appCpuRequest", dflt = "250m", format = Formats.CPU, doc = "CPU request (`250m`, `0.5`, `2`)")
            String cpuRequest,
            @Key(value = "appCpuLimit", dflt = "1", format = Formats.CPU, doc = "CPU limit, at least the request")
            String cpuLimit,
            @Key(value = "appMemoryRequest", dflt = "256Mi", format = Formats.MEMORY, doc = "memory request (`Ki Mi Gi"
                    + " Ti k M G T`; `m` = millibytes is rejected)") String memoryRequest,
            @Key(value = "appMemoryLimit", dflt = "256Mi", format = Formats.MEMORY, doc = "memory limit, at least the"
                    + " request") String memoryLimit) { }

    /** HTTP GET paths on the container port. */
    public record Probes(
            @Key(value = "appReadinessPath", dflt = "/readyz", regex = HTTP_PATH, msg = NOT_A_PATH, doc = "readiness"
                    + " probe path, also the ALB health check") String readinessPath,
            @Key(value = "appLivenessPath", dflt = "/healthz", regex = HTTP_PATH, msg = NOT_A_PATH, doc = "liveness"
                    + " probe path") String livenessPath,
            @Key(value = "appStartupPath", dflt = "/healthz", regex = HTTP_PATH, msg = NOT_A_PATH, doc = "startup"
                    + " probe path") String startupPath) { }

    /** {@code repository:tag@digest}, {@code repository@digest} or {@code repository:tag}. */
    public String image() {
        return imageRepository + imageTag.map(t -> ":" + t).orElse("") + imageDigest.map(d -> "@" + d).orElse("");
    }

    /** The informational version label: tag or short digest, cut to 63 characters, alphanumeric at both ends. */
    public Optional<String> versionLabel() {
        String version = imageTag.orElseGet(() -> imageDigest.map(d -> d.substring(7, 19)).orElse(""));
        return Optional.of(version.substring(0, Math.min(63, version.length())).replaceAll("^[^A-Za-z0-9]+|"
                + "[^A-Za-z0-9]+$", "")).filter(label -> !label.isEmpty());
    }
}
