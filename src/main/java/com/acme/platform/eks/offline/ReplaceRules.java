package com.acme.platform.eks.offline;

import com.acme.platform.eks.platform.CanonicalJson;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The inputs whose change replaces a resource, with their upstream source (docs/internals.md#replace-rules). */
public final class ReplaceRules {

    /** Replace-on-change paths (dotted, Pulumi property names) of one resource type, and the upstream source. */
    public record Rule(String type, List<String> paths, String source) { }

    private static final String TF = "hashicorp/terraform-provider-aws internal/service/";
    private static final String K8S = "pulumi/pulumi-kubernetes provider/pkg/provider/diff.go";

    static final List<Rule> RULES = List.of(
            new Rule("aws:ec2/vpc:Vpc", List.of("cidrBlock", "ipv4IpamPoolId", "ipv4NetmaskLength"),
                    TF + "ec2/vpc_.go"),
            new Rule("aws:ec2/subnet:Subnet", List.of("availabilityZone", "availabilityZoneId", "cidrBlock",
                    "ipv6Native", "outpostArn", "vpcId"), TF + "ec2/vpc_subnet.go"),
            new Rule("aws:ec2/natGateway:NatGateway", List.of("allocationId", "connectivityType", "privateIp",
                    "secondaryPrivateIpAddressCount", "subnetId"), TF + "ec2/vpc_nat_gateway.go"),
            new Rule("aws:ec2/routeTableAssociation:RouteTableAssociation", List.of("gatewayId", "subnetId"),
                    TF + "ec2/vpc_route_table_association.go"),
            new Rule("aws:cloudwatch/logGroup:LogGroup", List.of("logGroupClass", "name", "namePrefix"),
                    TF + "logs/group.go"),
            new Rule("aws:iam/role:Role", List.of("name", "namePrefix", "path"), TF + "iam/role.go"),
            new Rule("aws:eks/cluster:Cluster", List.of("name", "roleArn", "bootstrapSelfManagedAddons",
                    "accessConfig.bootstrapClusterCreatorAdminPermissions", "kubernetesNetworkConfig.ipFamily",
                    "kubernetesNetworkConfig.serviceIpv4Cidr", "remoteNetworkConfig",
                    "outpostConfig.controlPlaneInstanceType"), TF + "eks/cluster.go"),
            new Rule("aws:eks/nodeGroup:NodeGroup", List.of("amiType", "capacityType", "clusterName", "diskSize",
                    "instanceTypes", "launchTemplate.id", "launchTemplate.name", "nodeGroupName",
                    "nodeGroupNamePrefix", "nodeRoleArn", "remoteAccess", "subnetIds"), TF + "eks/node_group.go"),
            new Rule("aws:eks/accessEntry:AccessEntry", List.of("clusterName", "principalArn", "type"),
                    TF + "eks/access_entry.go"),
            new Rule("aws:eks/accessPolicyAssociation:AccessPolicyAssociation", List.of("accessScope", "clusterName",
                    "policyArn", "principalArn"), TF + "eks/access_policy_association.go"),
            new Rule("aws:eks/addon:Addon", List.of("addonName", "clusterName"), TF + "eks/addon.go"),
            // A framework resource: RequiresReplace plan modifiers instead of ForceNew.
            new Rule("aws:eks/podIdentityAssociation:PodIdentityAssociation", List.of("clusterName", "namespace",
                    "serviceAccount"), TF + "eks/pod_identity_association.go"),
            new Rule("kubernetes:apps/v1:Deployment", List.of("spec.selector"), K8S),
            new Rule("kubernetes:apps/v1:StatefulSet", List.of("spec.podManagementPolicy",
                    "spec.revisionHistoryLimit", "spec.selector", "spec.serviceName", "spec.volumeClaimTemplates"), K8S),
            new Rule("kubernetes:core/v1:Service", List.of("spec.clusterIP"), K8S),
            new Rule("kubernetes:core/v1:Secret", List.of("type", "stringData", "data"), K8S),
            new Rule("kubernetes:core/v1:ConfigMap", List.of("binaryData", "data"), K8S),
            new Rule("kubernetes:core/v1:PersistentVolumeClaim", List.of("spec"), K8S),
            new Rule("kubernetes:storage.k8s.io/v1:StorageClass", List.of("parameters", "provisioner"), K8S),
            new Rule("kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", List.of("roleRef"), K8S),
            new Rule("kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding", List.of("roleRef"), K8S),
            new Rule("kubernetes:batch/v1:Job", List.of("spec.completions", "spec.parallelism", "spec.selector",
                    "spec.template"), K8S));

    /** Every Kubernetes object is replaced when its name or namespace changes (metadataForceNewProperties). */
    private static final Rule KUBERNETES_METADATA = new Rule("kubernetes:*",
            List.of("metadata.name", "metadata.namespace"), K8S);

    private ReplaceRules() { }

    /** The rules that apply to a type (a Kubernetes object also gets the metadata rule). */
    public static List<Rule> of(String type) {
        var rules = new java.util.ArrayList<Rule>();
        if (type.startsWith("kubernetes:") && !type.startsWith("kubernetes:helm.sh/")) {
            rules.add(KUBERNETES_METADATA);
        }
        RULES.stream().filter(r -> r.type().equals(type)).forEach(rules::add);
        return rules;
    }

    /** The replace-on-change paths among a resource's changed input paths, each with its rule's source. */
    public static Map<String, String> replacing(String type, List<String> changedPaths) {
        var hits = new LinkedHashMap<String, String>();
        for (var rule : of(type)) {
            for (String path : rule.paths()) {
                String prefix = "inputs." + path;
                for (String changed : changedPaths) {
                    if (changed.equals(prefix) || changed.startsWith(prefix + ".") || changed.startsWith(prefix + "[")) {
                        hits.putIfAbsent(changed, rule.source());
                    }
                }
            }
        }
        return hits;
    }

    /** The replace-on-change inputs as one string, what a cloud id depends on (docs/internals.md#replace-rules). */
    public static String identity(String type, Map<String, Object> inputs) {
        var values = new LinkedHashMap<String, Object>();
        for (var rule : of(type)) {
            for (String path : rule.paths()) {
                valueAt(inputs, path).ifPresent(v -> values.put(path, v));
            }
        }
        return values.isEmpty() ? "" : CanonicalJson.write(CanonicalJson.canonical(values));
    }

    private static Optional<Object> valueAt(Map<String, Object> inputs, String path) {
        Object current = inputs;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(part)) {
                return Optional.empty();
            }
            current = map.get(part);
        }
        return Optional.ofNullable(current);
    }
}
