package com.acme.platform.eks.app;

import com.acme.platform.eks.platform.SystemNodes;
import com.acme.platform.eks.config.AppConfig;
import com.acme.platform.eks.edge.AlbIngress;
import com.acme.platform.eks.config.SecretText;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.apps.v1.Deployment;
import com.pulumi.kubernetes.apps.v1.DeploymentArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentSpecArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentStrategyArgs;
import com.pulumi.kubernetes.apps.v1.inputs.RollingUpdateDeploymentArgs;
import com.pulumi.kubernetes.autoscaling.v2.HorizontalPodAutoscaler;
import com.pulumi.kubernetes.autoscaling.v2.HorizontalPodAutoscalerArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.CrossVersionObjectReferenceArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.HPAScalingPolicyArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.HPAScalingRulesArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.HorizontalPodAutoscalerBehaviorArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.HorizontalPodAutoscalerSpecArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.MetricSpecArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.MetricTargetArgs;
import com.pulumi.kubernetes.autoscaling.v2.inputs.ResourceMetricSourceArgs;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.kubernetes.core.v1.Service;
import com.pulumi.kubernetes.core.v1.ServiceAccount;
import com.pulumi.kubernetes.core.v1.ServiceAccountArgs;
import com.pulumi.kubernetes.core.v1.ServiceArgs;
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
import com.pulumi.kubernetes.core.v1.inputs.ServicePortArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServiceSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.TopologySpreadConstraintArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeMountArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.networking.v1.Ingress;
import com.pulumi.kubernetes.networking.v1.IngressArgs;
import com.pulumi.kubernetes.networking.v1.NetworkPolicy;
import com.pulumi.kubernetes.networking.v1.NetworkPolicyArgs;
import com.pulumi.kubernetes.networking.v1.inputs.HTTPIngressPathArgs;
import com.pulumi.kubernetes.networking.v1.inputs.HTTPIngressRuleValueArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IPBlockArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressBackendArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressServiceBackendArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressSpecArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IngressTLSArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyIngressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPeerArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPortArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicySpecArgs;
import com.pulumi.kubernetes.networking.v1.inputs.ServiceBackendPortArgs;
import com.pulumi.kubernetes.policy.v1.PodDisruptionBudget;
import com.pulumi.kubernetes.policy.v1.PodDisruptionBudgetArgs;
import com.pulumi.kubernetes.policy.v1.inputs.PodDisruptionBudgetSpecArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The team's backend service, run the way the EKS Best Practices Guide runs a production service: its own
 * namespace under the restricted Pod Security Standard, a non-root read-only container with every capability
 * dropped, requests and limits, three probes, spread over zones and hosts, never on the system nodes, scaled by an
 * HPA, protected by a PodDisruptionBudget, reachable only on its port (NetworkPolicy) through an ALB with TLS.
 *
 * <p>When Argo CD delivers the app ({@code appDeliveredBy: argocd}) this component creates only what Git must not
 * or cannot hold: the namespace with its Pod Security labels and the Secret of secret environment variables. The
 * Deployment, Service, Ingress, HPA, PDB and NetworkPolicies then come from the repository Argo CD syncs.
 */
public final class Application extends ComponentResource {

    /**
     * @param ingress       the edge's ALB wiring; empty when the stack has no edge ({@code ingressEnabled: false}):
     *                      then there is no Ingress and the app is reachable only inside the cluster
     * @param albSubnetCidrs the CIDRs of the subnets the app's ALB lives in (public ones for an internet-facing ALB,
     *                      private ones for an internal one): where its traffic to the pods comes from. An output of
     *                      the Network, so the policy follows the subnets that exist, not a config value that may
     *                      already name the next ones
     * @param nodeCapacity  what the app's pods need to be scheduled at all (Karpenter's NodePool: they never run on
     *                      the system nodes). The Deployment waits for it, and teardown deletes the Deployment first,
     *                      while Karpenter can still drain its nodes.
     */
    public record Args(AppConfig config, Provider kubernetesProvider, Optional<AlbIngress> ingress,
                       Output<List<String>> albSubnetCidrs, List<Resource> nodeCapacity) {
        public Args {
            nodeCapacity = List.copyOf(nodeCapacity);
        }
    }

    /** The preStop pause: see the container's lifecycle. Well below the grace period, which it counts against. */
    static final int PRE_STOP_SLEEP_SECONDS = 10;

    static final int TERMINATION_GRACE_PERIOD_SECONDS = 30;
    static final String TMP_VOLUME = "tmp";

    private final Output<String> namespaceName;
    private Optional<Output<String>> loadBalancerHostname = Optional.empty();
    private final Map<String, String> selectorLabels;

    public Application(String name, Args args, ComponentResourceOptions options) {
        super("eks-platform:app:Application", name, options);
        var cfg = args.config();
        var onCluster = CustomResourceOptions.builder().parent(this).provider(args.kubernetesProvider()).build();

        this.selectorLabels = Map.of(
                "app.kubernetes.io/name", cfg.name(),
                "app.kubernetes.io/instance", cfg.name());
        var labels = new TreeMap<String, String>(selectorLabels);
        labels.put("app.kubernetes.io/component", "backend");
        labels.put("app.kubernetes.io/part-of", cfg.name());
        labels.put("app.kubernetes.io/managed-by", "pulumi");

        // Restricted: the API server itself rejects any pod of this namespace that could run as root, escalate
        // privileges, keep capabilities or use host namespaces, whoever creates it (Pulumi, Argo CD, kubectl).
        var namespaceLabels = new TreeMap<String, String>(labels);
        namespaceLabels.putAll(podSecurityLabels());
        // The AWS Load Balancer Controller injects a readiness gate into this namespace's pods: during a rollout
        // an old pod is removed only after its replacement is healthy in the ALB's target group, not just Ready.
        // Only with an Ingress (only then is there a target group to gate on): the label makes every pod creation
        // here go through the controller's webhook (failurePolicy Fail), so pods cannot be created while no
        // controller replica is up; that dependency is taken only where it buys something.
        if (args.ingress().isPresent()) {
            namespaceLabels.put("elbv2.k8s.aws/pod-readiness-gate-inject", "enabled");
        }
        var namespace = new Namespace(name + "-namespace", NamespaceArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(cfg.namespace()).labels(namespaceLabels).build())
                .build(), onCluster);
        this.namespaceName = namespace.metadata().applyValue(m -> m.name().orElseThrow());

        Optional<Secret> secretEnv = cfg.secretEnv().isEmpty() ? Optional.empty()
                : Optional.of(secretEnv(name, cfg, labels, onCluster));

        if (cfg.deliveredBy() == AppConfig.Delivery.PULUMI) {
            var serviceAccount = new ServiceAccount(name + "-service-account", ServiceAccountArgs.builder()
                    .metadata(metadata(cfg.name(), labels))
                    // The app does not call the Kubernetes API: no token in its pods.
                    .automountServiceAccountToken(false)
                    .build(), onCluster);
            // The pods need a node (Karpenter's NodePool) and, with an Ingress, the load balancer controller's pod
            // webhook, which the namespace label above sends every pod creation to (failurePolicy Fail).
            // During a hand-over to Argo CD (appHandOver) what serves traffic is retained: when the switch stops
            // registering it, Pulumi forgets it instead of deleting what Argo CD is adopting (docs/workload.md).
            var handedOver = CustomResourceOptions.builder().parent(this).provider(args.kubernetesProvider())
                    .retainOnDelete(cfg.handOver()).build();
            var deploymentNeeds = new ArrayList<Resource>(args.nodeCapacity());
            args.ingress().ifPresent(alb -> deploymentNeeds.addAll(alb.dependsOn()));
            // Only what runs the image carries its version: a release then changes the Deployment alone.
            var versioned = new TreeMap<String, String>(labels);
            // Omitted when the image tag has nothing that is a valid label value (see AppConfig.versionLabel).
            cfg.versionLabel().ifPresent(version -> versioned.put("app.kubernetes.io/version", version));
            var deployment = deployment(name, cfg, versioned, serviceAccount, secretEnv,
                    CustomResourceOptions.builder().parent(this).provider(args.kubernetesProvider())
                            .dependsOn(deploymentNeeds).retainOnDelete(cfg.handOver()).build());
            var service = new Service(name + "-service", ServiceArgs.builder()
                    .metadata(metadata(cfg.name(), labels))
                    .spec(ServiceSpecArgs.builder()
                            .type("ClusterIP")
                            .selector(selectorLabels)
                            .ports(ServicePortArgs.builder().name("http").protocol("TCP").port(80)
                                    .targetPort("http").build())
                            .build())
                    .build(), handedOver);
            args.ingress().ifPresent(alb -> ingress(name, args, alb, labels, service));
            autoscaler(name, cfg, labels, deployment, onCluster);
            new PodDisruptionBudget(name + "-pdb", PodDisruptionBudgetArgs.builder()
                    .metadata(metadata(cfg.name(), labels))
                    .spec(PodDisruptionBudgetSpecArgs.builder()
                            // One pod at a time may be evicted (node drains, Karpenter consolidation).
                            .maxUnavailable(1)
                            .selector(LabelSelectorArgs.builder().matchLabels(selectorLabels).build())
                            // A crash-looping pod must not block a drain.
                            .unhealthyPodEvictionPolicy("AlwaysAllow")
                            .build())
                    .build(), onCluster);
            networkPolicies(name, cfg, labels, args.albSubnetCidrs(), onCluster);
        }

        registerOutputs(Map.of("namespace", namespaceName));
    }

    /** The Pod Security Standards labels of the app's namespace. */
    public static Map<String, String> podSecurityLabels() {
        return Map.of(
                "pod-security.kubernetes.io/enforce", "restricted",
                "pod-security.kubernetes.io/enforce-version", "latest",
                "pod-security.kubernetes.io/warn", "restricted",
                "pod-security.kubernetes.io/warn-version", "latest",
                "pod-security.kubernetes.io/audit", "restricted",
                "pod-security.kubernetes.io/audit-version", "latest");
    }

    private ObjectMetaArgs metadata(String objectName, Map<String, String> labels) {
        return ObjectMetaArgs.builder().name(objectName).namespace(namespaceName).labels(labels).build();
    }

    /**
     * The Secret of {@code appSecretEnv}, read by the container through {@code envFrom} (read when a container
     * starts, so a changed value reaches the app only through new pods).
     *
     * <p>When Pulumi delivers the app the Secret has no {@code metadata.name} (Pulumi names it
     * {@code <resource>-<random suffix>}) and is {@code immutable}. pulumi-kubernetes replaces a Secret whose
     * {@code data}/{@code stringData} changes ({@code forceNewProperties} in its provider/pkg/provider), and since
     * its opt-in {@code enableSecretMutable} flag exists it still does so for an immutable Secret with the flag on;
     * an auto-named object is replaced create-before-delete under a new name, the Deployment's {@code envFrom}
     * follows that name, and the changed pod template rolls the pods. Nothing derived from the values (such as a
     * digest in a pod annotation, readable by anyone who may read Pods and open to offline guessing of weak values)
     * is needed for that.
     *
     * <p>When Argo CD delivers the app the manifests in Git refer to the Secret by its documented fixed name
     * {@code <appName>-env}; it is not marked immutable there, and a rotation needs a
     * {@code kubectl rollout restart}.
     */
    private Secret secretEnv(String name, AppConfig cfg, Map<String, String> labels, CustomResourceOptions onCluster) {
        boolean pulumiDelivers = cfg.deliveredBy() == AppConfig.Delivery.PULUMI;
        var metadata = ObjectMetaArgs.builder().namespace(namespaceName).labels(labels);
        if (!pulumiDelivers) {
            metadata.name(cfg.name() + "-env");
        }
        var secret = SecretArgs.builder()
                .metadata(metadata.build())
                .type("Opaque")
                // The values stay Pulumi secrets all the way into the state; offline they are placeholders.
                .stringData(Output.ofSecret(secretValues(cfg.secretEnv())));
        if (pulumiDelivers) {
            secret.immutable(true);
        }
        return new Secret(name + "-secret-env", secret.build(), onCluster);
    }

    private static Map<String, String> secretValues(Map<String, SecretText> secrets) {
        var values = new TreeMap<String, String>();
        secrets.forEach((key, value) -> values.put(key, value.reveal()));
        return values;
    }

    private Deployment deployment(String name, AppConfig cfg, Map<String, String> labels, ServiceAccount account,
                                  Optional<Secret> secretEnv, CustomResourceOptions onCluster) {
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
                // Startup gives a slow start 150 s before liveness may restart it; readiness takes the pod out
                // of the Service (and the ALB target group) quickly; liveness restarts only a wedged process.
                .startupProbe(probe(cfg.probes().startupPath(), 5, 30))
                .readinessProbe(probe(cfg.probes().readinessPath(), 5, 3))
                .livenessProbe(probe(cfg.probes().livenessPath(), 10, 3))
                .volumeMounts(VolumeMountArgs.builder().name(TMP_VOLUME).mountPath("/tmp").build())
                // A terminating pod leaves the Service's endpoints at once, but the ALB (target type ip) keeps
                // sending it new requests until the controller has deregistered it, a few seconds later. The pause
                // keeps the app serving them before it gets SIGTERM. Kubernetes' native sleep action
                // (lifecycle.preStop.sleep, 1.30+) needs no binary in the image, but com.pulumi:kubernetes 4.0.0
                // has no SleepActionArgs; so `sleep` from the image (podinfo is Alpine-based: busybox sleep). An
                // image without it (distroless) only gets a FailedPreStopHook event and no pause; the pod still
                // stops normally.
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
        // No annotation or label derived from the secret values: a new value replaces the Secret under a new name
        // (see secretEnv), and the envFrom above, which refers to that name, rolls the pods.

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
                // No toleration of the system taint, and a hard rule against the system label on top: the app
                // never competes with the controllers for their nodes, even if the taint is removed.
                .affinity(AffinityArgs.builder().nodeAffinity(NodeAffinityArgs.builder()
                        .requiredDuringSchedulingIgnoredDuringExecution(NodeSelectorArgs.builder()
                                .nodeSelectorTerms(NodeSelectorTermArgs.builder()
                                        .matchExpressions(NodeSelectorRequirementArgs.builder()
                                                .key(SystemNodes.LABEL_KEY).operator("NotIn")
                                                .values(SystemNodes.LABEL_VALUE).build())
                                        .build())
                                .build())
                        .build()).build())
                // Zones are a hard spread (a zone outage leaves the others serving; Karpenter launches capacity
                // in the zone the scheduler asks for); hosts a soft one, so a small cluster still schedules.
                .topologySpreadConstraints(
                        spread("topology.kubernetes.io/zone", "DoNotSchedule"),
                        spread("kubernetes.io/hostname", "ScheduleAnyway"))
                .containers(container.build())
                .volumes(VolumeArgs.builder().name(TMP_VOLUME)
                        .emptyDir(EmptyDirVolumeSourceArgs.builder().sizeLimit("64Mi").build()).build());

        return new Deployment(name + "-deployment", DeploymentArgs.builder()
                .metadata(metadata(cfg.name(), labels))
                .spec(DeploymentSpecArgs.builder()
                        // No replicas: the HPA owns the count. Pulumi setting it would reset a scaled-out
                        // Deployment to a fixed number on every update.
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
                .build(), onCluster);
    }

    private static ProbeArgs probe(String path, int periodSeconds, int failureThreshold) {
        return ProbeArgs.builder()
                .httpGet(HTTPGetActionArgs.builder().path(path).port("http").scheme("HTTP").build())
                .periodSeconds(periodSeconds)
                .timeoutSeconds(2)
                .failureThreshold(failureThreshold)
                .build();
    }

    private TopologySpreadConstraintArgs spread(String topologyKey, String whenUnsatisfiable) {
        return TopologySpreadConstraintArgs.builder()
                .maxSkew(1)
                .topologyKey(topologyKey)
                .whenUnsatisfiable(whenUnsatisfiable)
                .labelSelector(LabelSelectorArgs.builder().matchLabels(selectorLabels).build())
                .build();
    }

    private void ingress(String name, Args args, AlbIngress alb, Map<String, String> labels, Service service) {
        var cfg = args.config();
        var annotations = alb.certificateArn().applyValue(arn -> {
            var all = new LinkedHashMap<>(AlbIngress.annotations(
                    cfg.exposure() == AppConfig.Exposure.PUBLIC ? "internet-facing" : "internal", arn,
                    cfg.probes().readinessPath(), AlbIngress.APP_GROUP));
            all.put("alb.ingress.kubernetes.io/healthcheck-port", "traffic-port");
            all.put("alb.ingress.kubernetes.io/success-codes", "200");
            // Keep the ALB's draining inside the pod's grace period, so a deregistered target is not still
            // draining when its pod is killed (the pod-readiness-gate label on the namespace covers rollouts).
            all.put("alb.ingress.kubernetes.io/target-group-attributes",
                    "deregistration_delay.timeout_seconds=" + TERMINATION_GRACE_PERIOD_SECONDS);
            // external-dns publishes the rule host; naming it here as well makes the intent explicit.
            all.put("external-dns.alpha.kubernetes.io/hostname", cfg.hostName());
            return (Map<String, String>) all;
        });

        var ingress = new Ingress(name + "-ingress", IngressArgs.builder()
                .metadata(ObjectMetaArgs.builder()
                        .name(cfg.name())
                        .namespace(namespaceName)
                        .labels(labels)
                        .annotations(annotations)
                        .build())
                .spec(IngressSpecArgs.builder()
                        .ingressClassName(alb.className())
                        .tls(IngressTLSArgs.builder().hosts(cfg.hostName()).build())
                        .rules(IngressRuleArgs.builder()
                                .host(cfg.hostName())
                                .http(HTTPIngressRuleValueArgs.builder()
                                        .paths(HTTPIngressPathArgs.builder()
                                                .path("/")
                                                .pathType("Prefix")
                                                .backend(IngressBackendArgs.builder()
                                                        .service(IngressServiceBackendArgs.builder()
                                                                .name(service.metadata()
                                                                        .applyValue(m -> m.name().orElseThrow()))
                                                                .port(ServiceBackendPortArgs.builder().name("http")
                                                                        .build())
                                                                .build())
                                                        .build())
                                                .build())
                                        .build())
                                .build())
                        .build())
                .build(), CustomResourceOptions.builder().parent(this).provider(args.kubernetesProvider())
                .dependsOn(alb.dependsOn()).retainOnDelete(cfg.handOver()).build());
        // Known once the controller has created the ALB: pulumi-kubernetes waits for an Ingress to get an address.
        this.loadBalancerHostname = Optional.of(ingress.status().applyValue(status -> status
                .flatMap(st -> st.loadBalancer())
                .flatMap(lb -> lb.ingress().stream().findFirst())
                .flatMap(i -> i.hostname())
                .orElse("")));
    }

    private void autoscaler(String name, AppConfig cfg, Map<String, String> labels, Deployment deployment,
                            CustomResourceOptions onCluster) {
        var metrics = new ArrayList<MetricSpecArgs>();
        metrics.add(utilization("cpu", cfg.targetCpuUtilization()));
        if (cfg.targetMemoryUtilization() > 0) {
            metrics.add(utilization("memory", cfg.targetMemoryUtilization()));
        }
        new HorizontalPodAutoscaler(name + "-hpa", HorizontalPodAutoscalerArgs.builder()
                .metadata(metadata(cfg.name(), labels))
                .spec(HorizontalPodAutoscalerSpecArgs.builder()
                        .scaleTargetRef(CrossVersionObjectReferenceArgs.builder()
                                .apiVersion("apps/v1")
                                .kind("Deployment")
                                .name(deployment.metadata().applyValue(m -> m.name().orElseThrow()))
                                .build())
                        .minReplicas(cfg.minReplicas())
                        .maxReplicas(cfg.maxReplicas())
                        .metrics(metrics)
                        .behavior(HorizontalPodAutoscalerBehaviorArgs.builder()
                                // Scale in slowly (no flapping after a burst), at most one pod a minute.
                                .scaleDown(HPAScalingRulesArgs.builder()
                                        .stabilizationWindowSeconds(cfg.scaleDownStabilizationSeconds())
                                        .policies(HPAScalingPolicyArgs.builder().type("Pods").value(1)
                                                .periodSeconds(60).build())
                                        .build())
                                .build())
                        .build())
                .build(), onCluster);
    }

    private static MetricSpecArgs utilization(String resource, int percent) {
        return MetricSpecArgs.builder()
                .type("Resource")
                .resource(ResourceMetricSourceArgs.builder()
                        .name(resource)
                        .target(MetricTargetArgs.builder().type("Utilization").averageUtilization(percent).build())
                        .build())
                .build();
    }

    private void networkPolicies(String name, AppConfig cfg, Map<String, String> labels,
                                 Output<List<String>> albSubnetCidrs,
                                 CustomResourceOptions onCluster) {
        // Everything in the namespace is closed to inbound traffic unless a policy opens it.
        new NetworkPolicy(name + "-default-deny", NetworkPolicyArgs.builder()
                .metadata(metadata("default-deny-ingress", labels))
                .spec(NetworkPolicySpecArgs.builder()
                        .podSelector(LabelSelectorArgs.builder().build())
                        .policyTypes("Ingress")
                        .build())
                .build(), onCluster);
        // The app's port only, and only from the ALB's subnets (target type ip: the ALB's nodes connect to the pods
        // from there). Kubelet probes need no rule: the VPC CNI's policy agent always admits the node's own IP
        // (aws/aws-network-policy-agent#65). What it cannot narrow: anything else in those subnets (docs/workload.md).
        new NetworkPolicy(name + "-allow-http", NetworkPolicyArgs.builder()
                .metadata(metadata(cfg.name() + "-allow-http", labels))
                .spec(NetworkPolicySpecArgs.builder()
                        .podSelector(LabelSelectorArgs.builder().matchLabels(selectorLabels).build())
                        .policyTypes("Ingress")
                        .ingress(NetworkPolicyIngressRuleArgs.builder()
                                .from(albSubnetCidrs.applyValue(cidrs -> cidrs.stream()
                                        .map(cidr -> NetworkPolicyPeerArgs.builder()
                                                .ipBlock(IPBlockArgs.builder().cidr(cidr).build()).build())
                                        .toList()))
                                .ports(NetworkPolicyPortArgs.builder().protocol("TCP").port(cfg.containerPort())
                                        .build())
                                .build())
                        .build())
                .build(), onCluster);
    }

    /** The app's namespace (known once the Namespace exists: objects that reference it wait for it). */
    /** The hostname of the app's ALB from the Ingress's status; empty when Pulumi does not create an Ingress. */
    public Optional<Output<String>> loadBalancerHostname() {
        return loadBalancerHostname;
    }

    /** The value of the controller's {@code ingress.k8s.aws/stack} tag on the app's ALB: namespace/ingress name. */
    public static String ingressStack(com.acme.platform.eks.config.AppConfig cfg) {
        return cfg.namespace() + "/" + cfg.name();
    }

    public Output<String> namespaceName() {
        return namespaceName;
    }

    /** Labels that select the app's pods. */
    public Map<String, String> selectorLabels() {
        return selectorLabels;
    }
}
