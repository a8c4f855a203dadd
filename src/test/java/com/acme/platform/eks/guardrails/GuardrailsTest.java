package com.acme.platform.eks.guardrails;

import com.acme.platform.eks.ResourceTypes;

import com.acme.platform.eks.Stacks;
import com.acme.platform.eks.guardrails.Guardrails.Policy;
import com.acme.platform.eks.offline.Plan;
import com.acme.platform.eks.offline.PlannedResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guardrail pack on every stack file of the repository: a new or changed stack file that breaks a promise fails
 * CI naming the resources that break it. Each policy also catches a seeded violation (one table row per policy at
 * least), and the nuances of some policies (what they allow) have tests of their own.
 */
class GuardrailsTest {

    /** Every (stack, policy) pair where the policy is enforced on the stack. */
    static Stream<Arguments> enforced() {
        return Stacks.all().stream().flatMap(stack -> Guardrails.POLICIES.stream()
                .filter(p -> p.enforcedOn().covers(stack)).map(p -> Arguments.of(stack, p.name())));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("enforced")
    void everyStackKeepsEveryPromiseEnforcedOnIt(String stack, String policy) {
        var violations = Guardrails.policy(policy).validate(Stacks.plan(stack));
        assertEquals(List.of(), violations, policy + " (" + Guardrails.policy(policy).description() + ") is broken by:\n  "
                + String.join("\n  ", violations));
    }

    @Test
    void everyPolicyIsNamedDescribedAndScopedToResourceTypes() {
        assertEquals(Guardrails.POLICIES.size(), Guardrails.POLICIES.stream().map(Policy::name).distinct().count());
        for (Policy p : Guardrails.POLICIES) {
            assertTrue(p.name().matches("[a-z0-9]+(-[a-z0-9]+)*"), p.name());
            assertFalse(p.description().isBlank(), p.name());
            assertFalse(p.resourceTypes().isEmpty(), p.name());
            assertTrue(p.validateResource() == null ^ p.validateStack() == null, p.name() + ": a resource or a stack policy");
        }
        assertEquals(List.of("prod"), Stacks.all().stream()
                .filter(Guardrails.EnforcedOn.PRODUCTION_STACKS::covers).toList());
        assertEquals(List.of("bootstrap-prod"), Stacks.all().stream()
                .filter(Guardrails.EnforcedOn.PRODUCTION_ACCOUNTS::covers).toList());
    }

    /** No policy holds vacuously: each applies to some resource of a stack it is enforced on. */
    @Test
    void everyPolicyAppliesToSomeResourceOfItsStacks() {
        for (Policy p : Guardrails.POLICIES) {
            assertTrue(Stacks.all().stream().filter(p.enforcedOn()::covers).flatMap(s -> Stacks.plan(s).resources().stream())
                    .anyMatch(r -> p.appliesTo(r.type())), p.name() + " applies to no resource of " + p.enforcedOn());
        }
    }

    // ---- seeded violations -----------------------------------------------------------------------------------

    private static Plan devWith(PlannedResource extra) {
        var plan = Stacks.plan("dev");
        var resources = new ArrayList<>(plan.resources());
        resources.add(extra);
        return new Plan(plan.project(), plan.stack(), resources, plan.outputs(), List.of());
    }

    /** The plan with one resource (by name) replaced by a changed copy: inputs, or protect. */
    private static Plan withChanged(String stack, String name, Consumer<Map<String, Object>> change, boolean protect) {
        var plan = Stacks.plan(stack);
        var resources = new ArrayList<PlannedResource>();
        for (var r : plan.resources()) {
            if (r.name().equals(name)) {
                var inputs = deepCopy(r.inputs());
                change.accept(inputs);
                r = new PlannedResource(r.type(), r.name(), r.parent(), r.custom(), inputs, r.dependsOn(), protect, r.provider());
            }
            resources.add(r);
        }
        assertTrue(resources.stream().anyMatch(r -> r.name().equals(name)), "no resource " + name + " in " + stack);
        return new Plan(plan.project(), plan.stack(), resources, plan.outputs(), List.of());
    }

    private static Plan withChanged(String stack, String name, String path, Object value) {
        return withChanged(stack, name, inputs -> set(inputs, path, value), Stacks.plan(stack).resources().stream()
                .filter(r -> r.name().equals(name)).findFirst().map(PlannedResource::protect).orElse(false));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> map) {
        var copy = new LinkedHashMap<String, Object>();
        map.forEach((k, v) -> copy.put(k, v instanceof Map<?, ?> m ? deepCopy((Map<String, Object>) m)
                : v instanceof List<?> l ? new ArrayList<>(l.stream().map(e -> e instanceof Map<?, ?> em
                ? deepCopy((Map<String, Object>) em) : e).toList()) : v));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static void set(Object target, String path, Object value) {
        var parts = path.split("\\.");
        Object current = target;
        for (int i = 0; i < parts.length - 1; i++) {
            current = current instanceof List<?> l ? l.get(Integer.parseInt(parts[i])) : ((Map<String, Object>) current).get(parts[i]);
        }
        String last = parts[parts.length - 1];
        if (current instanceof List<?> l) {
            ((List<Object>) l).set(Integer.parseInt(last), value);
        } else {
            ((Map<String, Object>) current).put(last, value);
        }
    }

    private static PlannedResource aws(String type, String name, Map<String, Object> inputs) {
        return new PlannedResource(type, name, null, true, inputs, List.of(), false, "aws");
    }

    private static PlannedResource k8s(String type, String name, Map<String, Object> inputs) {
        return new PlannedResource(type, name, null, true, inputs, List.of(), false, "cluster-kubernetes");
    }

    private static Plan devIngressWith(Map<String, String> annotations) {
        return withChanged("dev", "app-ingress", inputs -> set(inputs, "metadata.annotations",
                new LinkedHashMap<>(annotations)), false);
    }

    private static Map<String, Object> deployment(List<Map<String, Object>> containers, Map<String, Object> podSecurity) {
        return Map.of("spec", Map.of("template", Map.of("spec", Map.of("securityContext", podSecurity, "containers", containers))));
    }

    private static Arguments seeded(String policy, String what, Supplier<Plan> plan, String expected) {
        return Arguments.of(policy, what, plan, expected);
    }

    /** Per policy, plans that break it, and a fragment of the violation it must report. */
    static Stream<Arguments> seededViolations() {
        String adminPolicy = "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
        return Stream.of(
                seeded("no-internet-ingress", "SSH from anywhere", () -> devWith(aws("aws:vpc/securityGroupIngressRule:"
                        + "SecurityGroupIngressRule", "bastion-ssh", Map.of("cidrIpv4", "0.0.0.0/0", "fromPort", 22L, "toPort", 22L))),
                        "bastion-ssh (aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule): ingress from 0.0.0.0/0"),
                seeded("no-internet-ingress", "an inline rule open on every port", () -> devWith(aws("aws:ec2/securityGroup:"
                        + "SecurityGroup", "nodes", Map.of("ingress", List.of(Map.of("protocol", "tcp", "fromPort", 0L,
                        "toPort", 65535L, "cidrBlocks", List.of("0.0.0.0/0")))))), "on ports 0-65535"),
                seeded("no-internet-ingress", "an IPv6 SecurityGroupRule", () -> devWith(aws("aws:ec2/securityGroupRule:"
                        + "SecurityGroupRule", "nodes-ssh", Map.of("type", "ingress", "fromPort", 22L, "toPort", 22L,
                        "ipv6CidrBlocks", List.of("::/0")))), "nodes-ssh"),
                seeded("no-internet-ingress", "Postgres from every IPv6 address", () -> devWith(aws("aws:vpc/"
                        + "securityGroupIngressRule:SecurityGroupIngressRule", "db-postgres", Map.of("cidrIpv6", "::/0",
                        "fromPort", 5432L, "toPort", 5432L))), "db-postgres"),
                seeded("no-internet-ingress", "an ALB listener on 8443 for the default inbound-cidrs", () -> devIngressWith(
                        Map.of("alb.ingress.kubernetes.io/listen-ports", "[{\"HTTP\":80},{\"HTTPS\":443},{\"HTTPS\":8443}]")),
                        "ALB listener on port 8443 open to 0.0.0.0/0"),
                seeded("no-iam-wildcard-action", "an administrator statement", () -> devWith(aws("aws:iam/rolePolicy:RolePolicy",
                        "too-much", Map.of("policy", adminPolicy))), "too-much (aws:iam/rolePolicy:RolePolicy): allows Action \"*\""),
                seeded("no-iam-wildcard-action", "Allow with NotAction", () -> devWith(aws("aws:iam/rolePolicy:RolePolicy",
                        "all-but-iam", Map.of("policy", "{\"Statement\":[{\"Effect\":\"Allow\",\"NotAction\":\"iam:*\","
                                + "\"Resource\":\"arn:aws:s3:::b\"}]}"))), "allows NotAction iam:*"),
                seeded("iam-resource-wildcard-only-as-upstream", "route53 changes on every zone", () -> devWith(aws(
                        "aws:iam/rolePolicy:RolePolicy", "route53-everywhere", Map.of("policy", "{\"Statement\":[{\"Effect\":"
                                + "\"Allow\",\"Action\":\"route53:ChangeResourceRecordSets\",\"Resource\":\"*\"}]}"))),
                        "[route53:ChangeResourceRecordSets] on Resource \"*\""),
                seeded("iam-resource-wildcard-only-as-upstream", "NotResource reaches every other resource", () -> devWith(aws(
                        "aws:iam/rolePolicy:RolePolicy", "not-resource", Map.of("policy", "{\"Statement\":[{\"Effect\":\"Allow\","
                                + "\"Action\":\"route53:ChangeResourceRecordSets\",\"NotResource\":\"arn:aws:route53:::hostedzone/Z1\"}]}"))),
                        "not-resource"),
                seeded("common-tags", "a resource outside the tagged provider", () -> devWith(new PlannedResource(
                        "aws:s3/bucket:Bucket", "untagged", null, true, Map.of(), List.of(), false, null)),
                        "untagged (aws:s3/bucket:Bucket): not created through an AWS provider whose default tags carry"),
                seeded("encrypted-at-rest", "a plain queue", () -> devWith(aws("aws:sqs/queue:Queue", "plain", Map.of("name", "plain"))),
                        "plain (aws:sqs/queue:Queue): queue without server-side encryption"),
                seeded("encrypted-at-rest", "an unencrypted node volume", () -> withChanged("dev", "cluster-system-nodes",
                        "blockDeviceMappings.0.ebs.encrypted", "false"), "cluster-system-nodes (aws:ec2/launchTemplate:LaunchTemplate)"),
                seeded("encrypted-at-rest", "secrets without envelope encryption", () -> withChanged("dev", "cluster-eks",
                        "encryptionConfig.resources", List.of()), "Kubernetes secrets not envelope-encrypted"),
                seeded("encrypted-at-rest", "a log group without the key", () -> withChanged("dev", "cluster-control-plane",
                        "kmsKeyId", null), "log group not encrypted"),
                seeded("encrypted-at-rest", "an unencrypted StorageClass", () -> withChanged("dev", "cluster-gp3",
                        "parameters.encrypted", "false"), "EBS StorageClass whose volumes are not encrypted"),
                seeded("pinned-charts-and-images", "a chart range and a latest image tag", () -> devWith(k8s(ResourceTypes.RELEASE,
                        "floating", Map.of("chart", "x", "version", "^1.2", "values", Map.of("image", Map.of("tag", "latest"))))),
                        "chart version '^1.2' is not an exact version"),
                seeded("pinned-charts-and-images", "a chart's image tag latest", () -> devWith(k8s(ResourceTypes.RELEASE,
                        "floating", Map.of("chart", "x", "version", "1.2.3", "values", Map.of("image", Map.of("tag", "latest"))))),
                        "values.image.tag is 'latest'"),
                seeded("pinned-charts-and-images", "an image at latest", () -> devWith(k8s("kubernetes:apps/v1:Deployment",
                        "floating-app", deployment(List.of(Map.of("name", "b", "image", "x:latest")), Map.of()))),
                        "container image 'x:latest' is not pinned"),
                seeded("pinned-charts-and-images", "an image without a tag", () -> devWith(k8s("kubernetes:apps/v1:Deployment",
                        "floating-app", deployment(List.of(Map.of("name", "app", "image", "nginx")), Map.of()))),
                        "container image 'nginx' is not pinned"),
                seeded("hardened-pods", "a root pod without probes or resources", () -> devWith(k8s("kubernetes:apps/v1:Deployment",
                        "careless", deployment(List.of(Map.of("name", "app", "image", "x:1.0")), Map.of()))),
                        "careless (kubernetes:apps/v1:Deployment): container app: may run as root"),
                seeded("platform-iam-path", "a role outside the platform's path", () -> withChanged("dev", "cluster-cluster",
                        "path", "/"), "cluster-cluster (aws:iam/role:Role): path /"),
                seeded("private-api-endpoint", "a public endpoint without CIDRs", () -> withChanged("prod", "cluster-eks",
                        "vpcConfig.endpointPublicAccess", true), "public API endpoint without publicAccessCidrs, so open to 0.0.0.0/0"),
                seeded("private-api-endpoint", "dev's endpoint, open to every address", () -> Stacks.plan("dev"),
                        "public API endpoint open to [0.0.0.0/0]"),
                seeded("private-api-endpoint", "half the internet twice", () -> withChanged("prod", "cluster-eks", i -> {
                    set(i, "vpcConfig.endpointPublicAccess", true);
                    set(i, "vpcConfig.publicAccessCidrs", List.of("0.0.0.0/1", "128.0.0.0/1"));
                }, true), "(4294967296 addresses together, more than a /8's worth)"),
                seeded("logs-kept-90-days", "dev keeps control-plane logs 30 days", () -> Stacks.plan("dev"),
                        "cluster-control-plane (aws:cloudwatch/logGroup:LogGroup): logs kept 30 days"),
                seeded("images-by-digest", "an image by tag only", () -> withChanged("prod", "app-deployment",
                        "spec.template.spec.containers.0.image", "ghcr.io/stefanprodan/podinfo:6.9.1"),
                        "image ghcr.io/stefanprodan/podinfo:6.9.1 without a digest"),
                seeded("on-demand-capacity", "spot only", () -> Stacks.plan("dev", Map.of("karpenterCapacityTypes",
                        List.of("spot"))), "karpenter-node-pool (kubernetes:karpenter.sh/v1:NodePool): no on-demand capacity"),
                seeded("no-cluster-access-for-pull-requests-or-main", "dev's viewer is the preview role",
                        () -> Stacks.plan("dev"), "cluster access for arn:aws:iam::111122223333:role/eks-platform-github-preview"),
                seeded("no-main-branch-role", "bootstrap-dev builds deploy-dev", () -> Stacks.plan("bootstrap-dev"),
                        "github-deploy-roles-deploy-dev (aws:iam/role:Role): trusts pushes to main"),
                seeded("three-azs-with-a-nat-each", "dev: two AZs, one NAT", () -> Stacks.plan("dev"),
                        "the stack spans 2 AZ(s)"),
                seeded("three-azs-with-a-nat-each", "two NATs in one subnet", () -> withChanged("prod", "network-nat-b", "subnetId",
                        Stacks.plan("prod").get("aws:ec2/natGateway:NatGateway", "network-nat-a").string("subnetId")),
                        "3 NAT gateway(s) in 2 distinct subnet(s) for 3 AZs"),
                seeded("vpc-flow-logs", "dev has none", () -> Stacks.plan("dev"), "network-vpc (aws:ec2/vpc:Vpc): no flow log"),
                seeded("protected-stateful-resources", "an unprotected VPC", () -> withChanged("prod", "network-vpc", i -> { }, false),
                        "network-vpc (aws:ec2/vpc:Vpc): not protected"),
                seeded("external-dns-upsert-only", "dev syncs", () -> Stacks.plan("dev"), "so external-dns may delete production records"),
                seeded("redundant-controllers", "dev's single Karpenter", () -> Stacks.plan("dev"), "values.replicas is 1, fewer than 2"),
                seeded("redundant-workloads", "an HPA minimum of 1", () -> withChanged("dev", "app-hpa", "spec.minReplicas", 1L),
                        "app-deployment (kubernetes:apps/v1:Deployment): runs 1 replica(s) at the least"),
                seeded("redundant-workloads", "a budget that selects other pods", () -> withChanged("dev", "app-pdb",
                        "spec.selector.matchLabels", Map.of("app.kubernetes.io/name", "other")), "no PodDisruptionBudget selects its pods"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("seededViolations")
    void eachPolicyCatchesItsSeededViolation(String policy, String what, Supplier<Plan> plan, String expected) {
        var violations = Guardrails.policy(policy).validate(plan.get());
        assertTrue(violations.stream().anyMatch(v -> v.contains(expected)),
                () -> "expected a violation containing '" + expected + "', got " + violations);
    }

    @Test
    void everyPolicyHasASeededViolation() {
        Set<String> seeded = seededViolations().map(a -> (String) a.get()[0]).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Guardrails.POLICIES.stream().map(Policy::name).collect(Collectors.toCollection(TreeSet::new)), seeded);
    }

    // ---- what the policies allow -----------------------------------------------------------------------------------

    private static List<String> check(String policy, Plan plan) {
        return Guardrails.policy(policy).validate(plan);
    }

    @Test
    void anAlbOnWebPortsEgressAndListedOrInternalListenersAreAllowed() {
        assertEquals(List.of(), check("no-internet-ingress", devWith(aws("aws:vpc/securityGroupIngressRule:"
                + "SecurityGroupIngressRule", "alb-https", Map.of("cidrIpv4", "0.0.0.0/0", "fromPort", 443L, "toPort", 443L)))));
        assertEquals(List.of(), check("no-internet-ingress", devWith(aws("aws:ec2/securityGroupRule:SecurityGroupRule",
                "nodes-out", Map.of("type", "egress", "fromPort", 0L, "toPort", 0L, "cidrBlocks", List.of("0.0.0.0/0"))))));
        String extraListener = "[{\"HTTP\":80},{\"HTTPS\":443},{\"HTTPS\":8443}]";
        assertEquals(1, check("no-internet-ingress", devIngressWith(Map.of("alb.ingress.kubernetes.io/listen-ports",
                extraListener, "alb.ingress.kubernetes.io/inbound-cidrs", "10.0.0.0/8, 0.0.0.0/0"))).size());
        assertEquals(List.of(), check("no-internet-ingress", devIngressWith(Map.of("alb.ingress.kubernetes.io/listen-ports",
                extraListener, "alb.ingress.kubernetes.io/inbound-cidrs", "203.0.113.0/24"))), "listed CIDRs only");
        assertEquals(List.of(), check("no-internet-ingress", devIngressWith(Map.of("alb.ingress.kubernetes.io/listen-ports",
                extraListener, "alb.ingress.kubernetes.io/scheme", "internal"))), "an internal ALB");
    }

    @Test
    void theResourceWildcardAllowlistComesFromTheUpstreamPolicies() {
        assertTrue(Guardrails.upstreamActionsOnAnyResource().contains("ec2:DescribeSubnets"));
        assertFalse(Guardrails.upstreamActionsOnAnyResource().contains("route53:ChangeResourceRecordSets"));
    }

    @Test
    void aPublicEndpointForListedRunnerCidrsIsAllowedButNotWithTheWorldAmongThem() {
        var runners = withChanged("prod", "cluster-eks", inputs -> {
            set(inputs, "vpcConfig.endpointPublicAccess", true);
            set(inputs, "vpcConfig.publicAccessCidrs", List.of("203.0.113.0/24"));
        }, true);
        assertEquals(List.of(), check("private-api-endpoint", runners));
        var world = withChanged("prod", "cluster-eks", inputs -> {
            set(inputs, "vpcConfig.endpointPublicAccess", true);
            set(inputs, "vpcConfig.publicAccessCidrs", List.of("203.0.113.0/24", "0.0.0.0/0"));
        }, true);
        assertEquals(1, check("private-api-endpoint", world).size());
        assertEquals(1, check("private-api-endpoint", withChanged("prod", "cluster-eks", "vpcConfig.endpointPrivateAccess",
                false)).size());
    }

    @Test
    void aContainerThatTurnsOffThePodsRunAsNonRootIsCaughtAndTheOthersPass() {
        var hardened = new LinkedHashMap<String, Object>(Map.of("name", "app", "image", "x:1.0",
                "resources", Map.of("requests", Map.of("cpu", "100m"), "limits", Map.of("memory", "128Mi")),
                "readinessProbe", Map.of("httpGet", Map.of("path", "/readyz", "port", 8080L)),
                "livenessProbe", Map.of("httpGet", Map.of("path", "/healthz", "port", 8080L))));
        var overriding = new LinkedHashMap<String, Object>(hardened);
        overriding.put("name", "sidecar");
        overriding.put("securityContext", Map.of("runAsNonRoot", false));
        assertEquals(List.of("override (kubernetes:apps/v1:Deployment): container sidecar: may run as root (runAsNonRoot not"
                + " true)"), check("hardened-pods", devWith(k8s("kubernetes:apps/v1:Deployment", "override",
                deployment(List.of(hardened, overriding), Map.of("runAsNonRoot", true))))));
    }

    @Test
    void aDigestOrATagPinsAnImage() {
        assertEquals(List.of(), check("pinned-charts-and-images", devWith(k8s("kubernetes:apps/v1:Deployment", "pinned",
                deployment(List.of(Map.of("name", "a", "image", "registry:5000/x@sha256:abc"),
                        Map.of("name", "b", "image", "registry:5000/x:1.2")), Map.of())))));
        assertFalse(Guardrails.isPinned("registry:5000/x"));
    }
}
