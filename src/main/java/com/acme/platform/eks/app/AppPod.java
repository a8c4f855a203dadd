package com.acme.platform.eks.app;

import com.acme.platform.eks.config.AppConfig;
import com.acme.platform.eks.platform.SystemNodes;
import com.pulumi.kubernetes.apps.v1.Deployment;
import com.pulumi.kubernetes.apps.v1.DeploymentArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentSpecArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentStrategyArgs;
import com.pulumi.kubernetes.apps.v1.inputs.RollingUpdateDeploymentArgs;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.ServiceAccount;
import com.pulumi.kubernetes.core.v1.inputs.AffinityArgs;
import com.pulumi.kubernetes.core.v1.inputs.CapabilitiesArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerPortArgs;
import com.pulumi.kubernetes.core.v1.inputs.EmptyDirVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvFromSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import com.pulumi.kubernetes.core.v1.inputs.ExecActionArgs;
import com.pulumi.kubernetes.core.v1.inputs.HTTPGetActionArgs;
import com.pulumi.kubernetes.core.v1.inputs.LifecycleArgs;
import com.pulumi.kubernetes.core.v1.inputs.LifecycleHandlerArgs;
import com.pulumi.kubernetes.core.v1.inputs.NodeAffinityArgs;
import com.pulumi.kubernetes.core.v1.inputs.NodeSelectorArgs;
import com.pulumi.kubernetes.core.v1.inputs.NodeSelectorRequirementArgs;
import com.pulumi.kubernetes.core.v1.inputs.NodeSelectorTermArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ProbeArgs;
import com.pulumi.kubernetes.core.v1.inputs.ResourceRequirementsArgs;
import com.pulumi.kubernetes.core.v1.inputs.SeccompProfileArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecretEnvSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.TopologySpreadConstraintArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeMountArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The app's Deployment: its pod template, container, probes and placement. */
final class AppPod {
    private AppPod() { }

    /** The preStop pause: see the container's lifecycle. Well below the grace period, which it counts against. */
    static final int PRE_STOP_SLEEP_SECONDS = 10;

    static final int TERMINATION_GRACE_PERIOD_SECONDS = 30;
    static final String TMP_VOLUME = "tmp";

    static DeploymentArgs deployment(AppConfig cfg, Map<String, String> labels, ObjectMetaArgs metadata,
                                     ServiceAccount account, Optional<Secret> secretEnv) {
        var selectorLabels = AppNamespace.selectorLabels(cfg);
        var env = new ArrayList<EnvVarArgs>();
        new TreeMap<>(cfg.env()).forEach((key, value) -> env.add(EnvVarArgs.builder().name(key).value(value).build()));
        var container = ContainerArgs.builder()
                .name(cfg.name())
                .image(cfg.image())
                .imagePullPolicy("IfNotPresent")
                .ports(ContainerPortArgs.builder().name("http").containerPort(cfg.containerPort()).protocol("TCP")
                        .build())
                .env(env)
                .resources(ResourceRequirementsArgs.builder()
                        .requests(Map.of("cpu", cfg.resources().cpuRequest(), "memory", cfg.resources().memoryRequest()))
                        .limits(Map.of("cpu", cfg.resources().cpuLimit(), "memory", cfg.resources().memoryLimit()))
                        .build())
                .securityContext(SecurityContextArgs.builder()
                        .runAsNonRoot(true)
                        .readOnlyRootFilesystem(true)
                        .allowPrivilegeEscalation(false)
                        .privileged(false)
                        .capabilities(CapabilitiesArgs.builder().drop("ALL").build())
                        .seccompProfile(SeccompProfileArgs.builder().type("RuntimeDefault").build())
                        .build())
                // Why three probes: docs/internals.md#the-apps-pod-spec.
                .startupProbe(probe(cfg.probes().startupPath(), 5, 30))
                .readinessProbe(probe(cfg.probes().readinessPath(), 5, 3))
                .livenessProbe(probe(cfg.probes().livenessPath(), 10, 3))
                .volumeMounts(VolumeMountArgs.builder().name(TMP_VOLUME).mountPath("/tmp").build())
                // Serve until the ALB has deregistered the pod (docs/internals.md#the-apps-prestop-pause).
                .lifecycle(LifecycleArgs.builder()
                        .preStop(LifecycleHandlerArgs.builder()
                                .exec(ExecActionArgs.builder()
                                        .command("sleep", String.valueOf(PRE_STOP_SLEEP_SECONDS)).build())
                                .build())
                        .build());
        secretEnv.ifPresent(secret -> container.envFrom(EnvFromSourceArgs.builder()
                .secretRef(SecretEnvSourceArgs.builder()
                        .name(secret.metadata().applyValue(m -> m.name().orElseThrow())).build())
                .build()));
        // No secret-derived annotation: a new Secret name rolls the pods (docs/internals.md#the-apps-pod-spec).

        var pod = PodSpecArgs.builder()
                .serviceAccountName(account.metadata().applyValue(m -> m.name().orElseThrow()))
                .automountServiceAccountToken(false)
                .enableServiceLinks(false)
                .terminationGracePeriodSeconds(TERMINATION_GRACE_PERIOD_SECONDS)
                .securityContext(PodSecurityContextArgs.builder()
                        .runAsNonRoot(true)
                        .runAsUser((int) cfg.runAsUser())
                        .runAsGroup((int) cfg.runAsGroup())
                        .fsGroup((int) cfg.runAsGroup())
                        .seccompProfile(SeccompProfileArgs.builder().type("RuntimeDefault").build())
                        .build())
                // Never on the system nodes, even if the taint goes (docs/internals.md#the-apps-pod-spec).
                .affinity(AffinityArgs.builder().nodeAffinity(NodeAffinityArgs.builder()
                        .requiredDuringSchedulingIgnoredDuringExecution(NodeSelectorArgs.builder()
                                .nodeSelectorTerms(NodeSelectorTermArgs.builder()
                                        .matchExpressions(NodeSelectorRequirementArgs.builder()
                                                .key(SystemNodes.LABEL_KEY).operator("NotIn")
                                                .values(SystemNodes.LABEL_VALUE).build())
                                        .build())
                                .build())
                        .build()).build())
                // Zones hard, hosts soft (docs/internals.md#the-apps-pod-spec).
                .topologySpreadConstraints(
                        spread("topology.kubernetes.io/zone", "DoNotSchedule", selectorLabels),
                        spread("kubernetes.io/hostname", "ScheduleAnyway", selectorLabels))
                .containers(container.build())
                .volumes(VolumeArgs.builder().name(TMP_VOLUME)
                        .emptyDir(EmptyDirVolumeSourceArgs.builder().sizeLimit("64Mi").build()).build());

        return DeploymentArgs.builder()
                .metadata(metadata)
                .spec(DeploymentSpecArgs.builder()
                        // No replicas: the HPA owns the count (docs/internals.md#the-apps-pod-spec).
                        .selector(LabelSelectorArgs.builder().matchLabels(selectorLabels).build())
                        .revisionHistoryLimit(5)
                        .minReadySeconds(5)
                        .progressDeadlineSeconds(600)
                        .strategy(DeploymentStrategyArgs.builder()
                                .type("RollingUpdate")
                                .rollingUpdate(RollingUpdateDeploymentArgs.builder()
                                        .maxUnavailable(cfg.maxUnavailable())
                                        .maxSurge(1)
                                        .build())
                                .build())
                        .template(PodTemplateSpecArgs.builder()
                                .metadata(ObjectMetaArgs.builder().labels(labels).build())
                                .spec(pod.build())
                                .build())
                        .build())
                .build();
    }

    private static ProbeArgs probe(String path, int periodSeconds, int failureThreshold) {
        return ProbeArgs.builder()
                .httpGet(HTTPGetActionArgs.builder().path(path).port("http").scheme("HTTP").build())
                .periodSeconds(periodSeconds)
                .timeoutSeconds(2)
                .failureThreshold(failureThreshold)
                .build();
    }

    private static TopologySpreadConstraintArgs spread(String topologyKey, String whenUnsatisfiable,
                                                       Map<String, String> selectorLabels) {
        return TopologySpreadConstraintArgs.builder()
                .maxSkew(1)
                .topologyKey(topologyKey)
                .whenUnsatisfiable(whenUnsatisfiable)
                .labelSelector(LabelSelectorArgs.builder().matchLabels(selectorLabels).build())
                .build();
    }
}
