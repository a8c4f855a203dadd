package com.acme.platform.eks.kubernetes;

import com.acme.platform.eks.render.PlannedResource;
import com.google.gson.GsonBuilder;
import io.kubernetes.client.openapi.models.V1ClusterRole;
import io.kubernetes.client.openapi.models.V1ClusterRoleBinding;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1CronJob;
import io.kubernetes.client.openapi.models.V1DaemonSet;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1IngressClass;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1LimitRange;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1PriorityClass;
import io.kubernetes.client.openapi.models.V1ResourceQuota;
import io.kubernetes.client.openapi.models.V1Role;
import io.kubernetes.client.openapi.models.V1RoleBinding;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V1StorageClass;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The strict schema check: each Kubernetes object the program registers, as JSON, parsed by the Kubernetes
 * OpenAPI model of its kind from io.kubernetes:client-java-api. Those models reject fields the API does not
 * define (at any depth) and values of the wrong type, which is what a typo in a builder-free map, or a wrong
 * field in an SDK that accepts it, would otherwise only show at {@code pulumi up}.
 *
 * <p>Objects of custom resource definitions (groups that are not built-in API groups, e.g. argoproj.io,
 * karpenter.sh) and Helm releases are not Kubernetes API objects of a built-in kind: they are reported as skipped,
 * not checked here. A built-in kind without a model mapping is a failure, so a new kind gets a mapping.
 */
final class KubernetesSchema {
    private KubernetesSchema() { }

    /** Built-in API groups ("core" is the legacy group as Pulumi names it). */
    static final Set<String> BUILT_IN_GROUPS = Set.of("core", "apps", "batch", "autoscaling", "policy",
            "networking.k8s.io", "rbac.authorization.k8s.io", "storage.k8s.io", "scheduling.k8s.io",
            "admissionregistration.k8s.io", "apiextensions.k8s.io", "apiregistration.k8s.io", "coordination.k8s.io",
            "discovery.k8s.io", "node.k8s.io", "certificates.k8s.io", "events.k8s.io", "flowcontrol.apiserver.k8s.io",
            "resource.k8s.io", "storagemigration.k8s.io", "authentication.k8s.io", "authorization.k8s.io");

    /** {@code <group>/<version>:<Kind>} to the model that parses it. */
    static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("core/v1:Namespace", V1Namespace.class),
            Map.entry("core/v1:ServiceAccount", V1ServiceAccount.class),
            Map.entry("core/v1:Secret", V1Secret.class),
            Map.entry("core/v1:ConfigMap", V1ConfigMap.class),
            Map.entry("core/v1:Service", V1Service.class),
            Map.entry("core/v1:LimitRange", V1LimitRange.class),
            Map.entry("core/v1:ResourceQuota", V1ResourceQuota.class),
            Map.entry("apps/v1:Deployment", V1Deployment.class),
            Map.entry("apps/v1:StatefulSet", V1StatefulSet.class),
            Map.entry("apps/v1:DaemonSet", V1DaemonSet.class),
            Map.entry("batch/v1:Job", V1Job.class),
            Map.entry("batch/v1:CronJob", V1CronJob.class),
            Map.entry("networking.k8s.io/v1:Ingress", V1Ingress.class),
            Map.entry("networking.k8s.io/v1:IngressClass", V1IngressClass.class),
            Map.entry("networking.k8s.io/v1:NetworkPolicy", V1NetworkPolicy.class),
            Map.entry("policy/v1:PodDisruptionBudget", V1PodDisruptionBudget.class),
            Map.entry("autoscaling/v2:HorizontalPodAutoscaler", V2HorizontalPodAutoscaler.class),
            Map.entry("rbac.authorization.k8s.io/v1:Role", V1Role.class),
            Map.entry("rbac.authorization.k8s.io/v1:RoleBinding", V1RoleBinding.class),
            Map.entry("rbac.authorization.k8s.io/v1:ClusterRole", V1ClusterRole.class),
            Map.entry("rbac.authorization.k8s.io/v1:ClusterRoleBinding", V1ClusterRoleBinding.class),
            Map.entry("storage.k8s.io/v1:StorageClass", V1StorageClass.class),
            Map.entry("scheduling.k8s.io/v1:PriorityClass", V1PriorityClass.class));

    /** Marker values of the recorded plan that stand for content the check cannot see. */
    private static final Set<String> OPAQUE = Set.of("[secret]", "[unknown]");

    /**
     * @param problems  objects the API would reject, or built-in kinds without a model, each naming the object
     * @param checked   names of the objects parsed
     * @param skipped   type tokens not checked (custom resources, Helm releases), with the reason
     * @param opaque    paths of secret or unknown values removed before parsing (their content is not checked)
     */
    record Result(List<String> problems, List<String> checked, Set<String> skipped, List<String> opaque) { }

    static Result check(List<PlannedResource> resources) {
        var problems = new ArrayList<String>();
        var checked = new ArrayList<String>();
        var skipped = new TreeSet<String>();
        var opaque = new ArrayList<String>();
        for (var resource : resources) {
            String type = resource.type();
            if (!type.startsWith("kubernetes:") || !resource.custom()) {
                continue;
            }
            String token = type.substring("kubernetes:".length());
            int slash = token.indexOf('/');
            int colon = token.lastIndexOf(':');
            if (slash < 0 || colon < slash) {
                skipped.add(type + " (not an API object)");
                continue;
            }
            String group = token.substring(0, slash);
            if (group.equals("helm.sh")) {
                skipped.add(type + " (Helm release: chart values, rendered by Helm, not checked here)");
                continue;
            }
            if (!BUILT_IN_GROUPS.contains(group)) {
                skipped.add(type + " (custom resource: its CRD's schema is not available offline)");
                continue;
            }
            var model = MODELS.get(token);
            if (model == null) {
                problems.add(resource.name() + " (" + type + "): no client-java model mapped for this built-in kind;"
                        + " add it to " + KubernetesSchema.class.getSimpleName() + ".MODELS");
                continue;
            }
            var object = withoutOpaque(resource.inputs(), resource.name(), opaque);
            String problem = parse(model, json(object));
            if (problem != null) {
                problems.add(resource.name() + " (" + type + "): " + problem);
            } else {
                checked.add(resource.name());
            }
        }
        return new Result(problems, checked, skipped, opaque);
    }

    static String json(Map<String, Object> object) {
        return new GsonBuilder().disableHtmlEscaping().create().toJson(object);
    }

    /** Null when the model accepts the JSON, else why not. */
    static String parse(Class<?> model, String json) {
        try {
            model.getMethod("fromJson", String.class).invoke(null, json);
            return null;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            return cause.getClass().getSimpleName() + ": " + cause.getMessage();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(model + " has no fromJson(String)", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutOpaque(Map<String, Object> map, String path, List<String> opaque) {
        var out = new LinkedHashMap<String, Object>();
        map.forEach((key, value) -> {
            if (value instanceof String s && OPAQUE.contains(s)) {
                opaque.add(path + "." + key);
            } else if (value instanceof Map<?, ?> inner) {
                out.put(key, withoutOpaque((Map<String, Object>) inner, path + "." + key, opaque));
            } else if (value instanceof List<?> list) {
                var items = new ArrayList<Object>();
                for (int i = 0; i < list.size(); i++) {
                    Object item = list.get(i);
                    items.add(item instanceof Map<?, ?> m
                            ? withoutOpaque((Map<String, Object>) m, path + "." + key + "." + i, opaque) : item);
                }
                out.put(key, items);
            } else {
                out.put(key, value);
            }
        });
        return out;
    }
}
