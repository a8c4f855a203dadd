package com.acme.platform.eks.guardrails;

import com.acme.platform.eks.Stacks;
import com.acme.platform.eks.UpstreamReference;
import com.acme.platform.eks.iam.IamPath;
import com.acme.platform.eks.render.Plan;
import com.acme.platform.eks.render.PlannedResource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The platform's promises, checked on every stack file of the repository: a new or changed stack file that breaks
 * one fails CI with the offending resources named. Each guardrail also has a test showing it catches a violation.
 */
class GuardrailsTest {

    static List<String> stacks() {
        return Stacks.all();
    }

    /** Platform stacks that declare {@code environment: production} get the production promises too. */
    static List<String> productionStacks() {
        return Stacks.platform().stream().filter(GuardrailsTest::production).toList();
    }

    /** Bootstrap stacks of a production account. */
    static List<String> productionBootstrapStacks() {
        return Stacks.all().stream().filter(s -> Stacks.deliveryBootstrap(s) && production(s)).toList();
    }

    private static boolean production(String stack) {
        return "production".equals(Stacks.stackFile(stack).get(Stacks.PROJECT + ":environment"));
    }

    @org.junit.jupiter.api.Test
    void prodAndBootstrapProdAreProductionStacks() {
        assertEquals(List.of("prod"), productionStacks());
        assertEquals(List.of("bootstrap-prod"), productionBootstrapStacks());
    }

    /**
     * List actions that IAM cannot scope to a resource (Service Authorization Reference: no resource type), used by
     * the deploy roles of the bootstrap stack.
     */
    static final Set<String> UNSCOPABLE_ACTIONS = Set.of("iam:ListRoles", "iam:ListPolicies",
            "iam:ListOpenIDConnectProviders");

    /** Actions the upstream controller policies grant on {@code Resource: "*"} themselves, and unscopable ones. */
    static Set<String> upstreamActionsOnAnyResource() {
        var actions = new HashSet<String>(UNSCOPABLE_ACTIONS);
        for (var statement : UpstreamReference.allUpstreamStatements()) {
            if (Guardrails.asList(statement.get("Resource")).contains("*")) {
                actions.addAll(Guardrails.asList(statement.get("Action")));
            }
        }
        return actions;
    }

    private static void assertNone(List<String> violations, String promise) {
        assertEquals(List.of(), violations, promise + " is broken by:\n  " + String.join("\n  ", violations));
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void noSecurityGroupAdmitsTheInternetExceptAnAlbOnWebPorts(String stack) {
        assertNone(Guardrails.securityGroupIngressFromTheInternet(Stacks.plan(stack)), "no ingress from 0.0.0.0/0");
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void noIamStatementAllowsEveryAction(String stack) {
        assertNone(Guardrails.iamStatementsGrantingEveryAction(Stacks.plan(stack)), "no Action \"*\"");
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void resourceWildcardsOnlyWhereUpstreamPoliciesHaveThem(String stack) {
        assertNone(Guardrails.iamStatementsOnEveryResourceBeyondUpstream(Stacks.plan(stack),
                upstreamActionsOnAnyResource()), "Resource \"*\" only where upstream has it");
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void everyAwsResourceCarriesTheCommonTags(String stack) {
        assertNone(Guardrails.awsResourcesWithoutCommonTags(Stacks.plan(stack)), "common tags");
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void queuesLogsVolumesAndSecretsAreEncrypted(String stack) {
        assertNone(Guardrails.unencryptedStorage(Stacks.plan(stack)), "encryption at rest");
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void everyChartAndImageIsPinned(String stack) {
        assertNone(Guardrails.unpinnedChartsAndImages(Stacks.plan(stack)), "pinned versions");
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void everyPodRunsAsNonRootWithProbesAndResources(String stack) {
        assertNone(Guardrails.podsNotHardened(Stacks.plan(stack)), "hardened pods");
    }

    @ParameterizedTest
    @MethodSource("com.acme.platform.eks.Stacks#platform")
    void everyRoleAndPolicyOfThePlatformLivesUnderItsIamPath(String stack) {
        var outside = Stacks.plan(stack).matching(r -> (r.type().equals("aws:iam/role:Role")
                || r.type().equals("aws:iam/policy:Policy")) && !IamPath.PLATFORM.equals(r.string("path")));
        assertNone(outside.stream().map(Guardrails::describe).toList(),
                "IAM path " + IamPath.PLATFORM + " (the deploy roles may manage nothing else)");
    }

    // ---- production ---------------------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("productionStacks")
    void productionApiEndpointIsPrivateOrLimitedToListedCidrs(String stack) {
        assertNone(Guardrails.clusterEndpointsOpenToTheInternet(Stacks.plan(stack)), "private API endpoint");
    }

    @ParameterizedTest
    @MethodSource("productionStacks")
    void productionSpansThreeAzsWithANatEach(String stack) {
        var plan = Stacks.plan(stack);
        assertNone(Guardrails.fewerThanThreeAzs(plan), "three AZs");
        assertNone(Guardrails.natGatewaysNotOnePerAz(plan), "one NAT gateway per AZ");
    }

    @ParameterizedTest
    @MethodSource("productionStacks")
    void productionVpcHasFlowLogs(String stack) {
        assertNone(Guardrails.vpcsWithoutFlowLogs(Stacks.plan(stack)), "VPC flow logs");
    }

    @ParameterizedTest
    @MethodSource("productionStacks")
    void productionStatefulResourcesAreProtected(String stack) {
        assertNone(Guardrails.statefulResourcesNotProtected(Stacks.plan(stack)), "protect on stateful resources");
    }

    @ParameterizedTest
    @MethodSource("productionStacks")
    void productionExternalDnsNeverDeletesRecords(String stack) {
        assertNone(Guardrails.externalDnsThatMayDelete(Stacks.plan(stack)), "external-dns upsert-only");
    }

    @ParameterizedTest
    @MethodSource("productionStacks")
    void productionAppRunsTwiceWithADisruptionBudget(String stack) {
        var plan = Stacks.plan(stack);
        assertFalse(plan.ofType("kubernetes:apps/v1:Deployment").isEmpty(), "the app's Deployment is missing");
        assertNone(Guardrails.workloadsWithoutRedundancy(plan), "app redundancy");
    }

    @ParameterizedTest
    @MethodSource("productionStacks")
    void productionControllersRunTwiceWithADisruptionBudget(String stack) {
        assertNone(Guardrails.controllersWithoutRedundancy(Stacks.plan(stack)), "controller redundancy");
    }

    @ParameterizedTest
    @MethodSource("productionStacks")
    void productionLogsAreKept90Days(String stack) {
        assertNone(Guardrails.logGroupsKeptLessThan90Days(Stacks.plan(stack)), "logs kept 90 days");
    }

    @ParameterizedTest
    @MethodSource("productionStacks")
    void productionImagesArePinnedByDigest(String stack) {
        assertNone(Guardrails.workloadImagesWithoutDigest(Stacks.plan(stack)), "images by digest");
    }

    @ParameterizedTest
    @MethodSource("productionStacks")
    void productionKarpenterCanLaunchOnDemand(String stack) {
        assertNone(Guardrails.nodePoolsWithoutOnDemand(Stacks.plan(stack)), "on-demand capacity");
    }

    @ParameterizedTest
    @MethodSource("productionStacks")
    void productionClusterGivesNoAccessToPullRequestOrMainBranchRoles(String stack) {
        assertNone(Guardrails.clusterAccessForPullRequestOrMainRoles(Stacks.plan(stack)), "no preview role access");
    }

    @ParameterizedTest
    @MethodSource("productionBootstrapStacks")
    void productionAccountHasNoRoleThatMainBranchPushesCanAssume(String stack) {
        assertNone(Guardrails.rolesThatMainBranchPushesCanAssume(Stacks.plan(stack)), "no main-branch role");
    }

    // ---- each guardrail catches a violation ----------------------------------------------------------------------

    @Nested
    class EachGuardrailCatchesAViolation {

        private Plan devWith(PlannedResource extra) {
            var plan = Stacks.plan("dev");
            var resources = new ArrayList<>(plan.resources());
            resources.add(extra);
            return new Plan(plan.project(), plan.stack(), resources, plan.outputs(), List.of());
        }

        private Plan devWithChanged(String name, String path, Object value) {
            return withChanged(Stacks.plan("dev"), name, inputs -> set(inputs, path, value));
        }

        /** The plan with the inputs of one resource (of whatever type, by name) changed on a copy. */
        private Plan withChanged(Plan plan, String name, Consumer<Map<String, Object>> change) {
            var resources = new ArrayList<PlannedResource>();
            boolean found = false;
            for (var r : plan.resources()) {
                if (r.name().equals(name)) {
                    var inputs = deepCopy(r.inputs());
                    change.accept(inputs);
                    r = new PlannedResource(r.type(), r.name(), r.parent(), r.custom(), inputs, r.dependsOn(),
                            r.protect(), r.provider());
                    found = true;
                }
                resources.add(r);
            }
            assertTrue(found, "no resource " + name + " in the " + plan.stack() + " plan");
            return new Plan(plan.project(), plan.stack(), resources, plan.outputs(), List.of());
        }

        private Plan prodWithChanged(String name, String path, Object value) {
            return withChanged(Stacks.plan("prod"), name, inputs -> set(inputs, path, value));
        }

        @SuppressWarnings("unchecked")
        private Plan devWithIngressAnnotations(Map<String, String> annotations) {
            return withChanged(Stacks.plan("dev"), "app-ingress", inputs ->
                    ((Map<String, Object>) ((Map<String, Object>) inputs.get("metadata")).get("annotations"))
                            .putAll(annotations));
        }

        @SuppressWarnings("unchecked")
        private Map<String, Object> deepCopy(Map<String, Object> map) {
            var copy = new LinkedHashMap<String, Object>();
            map.forEach((k, v) -> copy.put(k, v instanceof Map<?, ?> m ? deepCopy((Map<String, Object>) m)
                    : v instanceof List<?> l ? new ArrayList<>(l.stream().map(e -> e instanceof Map<?, ?> em
                    ? deepCopy((Map<String, Object>) em) : e).toList()) : v));
            return copy;
        }

        @SuppressWarnings("unchecked")
        private void set(Object target, String path, Object value) {
            var parts = path.split("\\.");
            Object current = target;
            for (int i = 0; i < parts.length - 1; i++) {
                current = current instanceof List<?> l ? l.get(Integer.parseInt(parts[i]))
                        : ((Map<String, Object>) current).get(parts[i]);
            }
            String last = parts[parts.length - 1];
            if (current instanceof List<?> l) {
                ((List<Object>) l).set(Integer.parseInt(last), value);
            } else {
                ((Map<String, Object>) current).put(last, value);
            }
        }

        private PlannedResource aws(String type, String name, Map<String, Object> inputs) {
            return new PlannedResource(type, name, null, true, inputs, List.of(), false, "aws");
        }

        @Test
        void sshFromTheInternetIsCaught() {
            var plan = devWith(aws("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "bastion-ssh",
                    Map.of("cidrIpv4", "0.0.0.0/0", "fromPort", 22L, "toPort", 22L)));
            assertEquals(1, Guardrails.securityGroupIngressFromTheInternet(plan).size());
            var albHttps = devWith(aws("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "alb-https",
                    Map.of("cidrIpv4", "0.0.0.0/0", "fromPort", 443L, "toPort", 443L)));
            assertEquals(List.of(), Guardrails.securityGroupIngressFromTheInternet(albHttps));
        }

        @Test
        void worldIngressInEveryFormOfSecurityGroupRuleIsCaught() {
            var inline = devWith(aws("aws:ec2/securityGroup:SecurityGroup", "nodes", Map.of("ingress", List.of(
                    Map.of("protocol", "tcp", "fromPort", 0L, "toPort", 65535L, "cidrBlocks", List.of("0.0.0.0/0"))))));
            assertEquals(1, Guardrails.securityGroupIngressFromTheInternet(inline).size());
            var ipv6Rule = devWith(aws("aws:ec2/securityGroupRule:SecurityGroupRule", "nodes-ssh", Map.of(
                    "type", "ingress", "fromPort", 22L, "toPort", 22L, "ipv6CidrBlocks", List.of("::/0"))));
            assertEquals(1, Guardrails.securityGroupIngressFromTheInternet(ipv6Rule).size());
            var egressRule = devWith(aws("aws:ec2/securityGroupRule:SecurityGroupRule", "nodes-out", Map.of(
                    "type", "egress", "fromPort", 0L, "toPort", 0L, "cidrBlocks", List.of("0.0.0.0/0"))));
            assertEquals(List.of(), Guardrails.securityGroupIngressFromTheInternet(egressRule));
            var ipv6IngressRule = devWith(aws("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                    "db-postgres", Map.of("cidrIpv6", "::/0", "fromPort", 5432L, "toPort", 5432L)));
            assertEquals(1, Guardrails.securityGroupIngressFromTheInternet(ipv6IngressRule).size());
        }

        @Test
        void anAlbListenerOtherThanHttpAndHttpsOpenToTheWorldIsCaught() {
            String extraListener = "[{\"HTTP\":80},{\"HTTPS\":443},{\"HTTPS\":8443}]";
            var defaultCidrs = Guardrails.securityGroupIngressFromTheInternet(devWithIngressAnnotations(Map.of(
                    "alb.ingress.kubernetes.io/listen-ports", extraListener)));
            assertEquals(1, defaultCidrs.size(), defaultCidrs::toString);
            assertTrue(defaultCidrs.get(0).contains("port 8443"), defaultCidrs.get(0));
            assertEquals(1, Guardrails.securityGroupIngressFromTheInternet(devWithIngressAnnotations(Map.of(
                    "alb.ingress.kubernetes.io/listen-ports", extraListener,
                    "alb.ingress.kubernetes.io/inbound-cidrs", "10.0.0.0/8, 0.0.0.0/0"))).size());
            assertEquals(List.of(), Guardrails.securityGroupIngressFromTheInternet(devWithIngressAnnotations(Map.of(
                    "alb.ingress.kubernetes.io/listen-ports", extraListener,
                    "alb.ingress.kubernetes.io/inbound-cidrs", "203.0.113.0/24"))), "listed CIDRs only");
            assertEquals(List.of(), Guardrails.securityGroupIngressFromTheInternet(devWithIngressAnnotations(Map.of(
                    "alb.ingress.kubernetes.io/listen-ports", extraListener,
                    "alb.ingress.kubernetes.io/scheme", "internal"))), "an internal ALB");
        }

        @Test
        void anAdministratorStatementIsCaught() {
            var plan = devWith(aws("aws:iam/rolePolicy:RolePolicy", "too-much",
                    Map.of("policy", "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}")));
            assertEquals(1, Guardrails.iamStatementsGrantingEveryAction(plan).size());
            assertEquals(1, Guardrails.iamStatementsOnEveryResourceBeyondUpstream(plan,
                    upstreamActionsOnAnyResource()).size());
        }

        @Test
        void aResourceWildcardUpstreamDoesNotHaveIsCaught() {
            var plan = devWith(aws("aws:iam/rolePolicy:RolePolicy", "route53-everywhere", Map.of("policy",
                    "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"route53:ChangeResourceRecordSets\","
                            + "\"Resource\":\"*\"}]}")));
            var violations = Guardrails.iamStatementsOnEveryResourceBeyondUpstream(plan, upstreamActionsOnAnyResource());
            assertEquals(1, violations.size(), violations::toString);
            assertTrue(upstreamActionsOnAnyResource().contains("ec2:DescribeSubnets"),
                    "the allowlist comes from the upstream policies");
        }

        @Test
        void allowWithNotActionOrNotResourceIsCaughtLikeAWildcard() {
            var plan = devWith(aws("aws:iam/rolePolicy:RolePolicy", "all-but-iam", Map.of("policy",
                    "{\"Statement\":[{\"Effect\":\"Allow\",\"NotAction\":\"iam:*\",\"Resource\":\"arn:aws:s3:::b\"},"
                            + "{\"Effect\":\"Allow\",\"Action\":\"route53:ChangeResourceRecordSets\","
                            + "\"NotResource\":\"arn:aws:route53:::hostedzone/Z1\"}]}")));
            assertEquals(1, Guardrails.iamStatementsGrantingEveryAction(plan).size());
            var beyond = Guardrails.iamStatementsOnEveryResourceBeyondUpstream(plan, upstreamActionsOnAnyResource());
            assertEquals(1, beyond.size(), beyond::toString);
            assertTrue(beyond.get(0).contains("route53:ChangeResourceRecordSets"), beyond::toString);
        }

        @Test
        void aResourceOutsideTheTaggedProviderIsCaught() {
            var plan = devWith(new PlannedResource("aws:s3/bucket:Bucket", "untagged", null, true, Map.of(),
                    List.of(), false, null));
            assertEquals(List.of("untagged (aws:s3/bucket:Bucket): not created through an AWS provider whose default"
                    + " tags carry " + Guardrails.COMMON_TAGS), Guardrails.awsResourcesWithoutCommonTags(plan));
        }

        @Test
        void unencryptedStorageIsCaught() {
            assertEquals(1, Guardrails.unencryptedStorage(devWith(aws("aws:sqs/queue:Queue", "plain",
                    Map.of("name", "plain")))).size());
            assertEquals(1, Guardrails.unencryptedStorage(devWithChanged("cluster-system-nodes",
                    "blockDeviceMappings.0.ebs.encrypted", "false")).size());
            assertEquals(1, Guardrails.unencryptedStorage(devWithChanged("cluster-eks",
                    "encryptionConfig.resources", List.of())).size());
            assertEquals(1, Guardrails.unencryptedStorage(devWithChanged("cluster-control-plane",
                    "kmsKeyId", null)).size());
            assertEquals(1, Guardrails.unencryptedStorage(devWithChanged("cluster-gp3",
                    "parameters.encrypted", "false")).size());
        }

        @Test
        void unpinnedChartsAndImagesAreCaught() {
            var chart = new PlannedResource("kubernetes:helm.sh/v3:Release", "floating", null, true,
                    Map.of("chart", "x", "version", "^1.2", "values", Map.of("image", Map.of("tag", "latest"))),
                    List.of(), false, "cluster-kubernetes");
            assertEquals(2, Guardrails.unpinnedChartsAndImages(devWith(chart)).size());
            var deployment = new PlannedResource("kubernetes:apps/v1:Deployment", "floating-app", null, true,
                    Map.of("spec", Map.of("template", Map.of("spec", Map.of("containers",
                            List.of(Map.of("name", "app", "image", "nginx"), Map.of("name", "b", "image", "x:latest"),
                                    Map.of("name", "c", "image", "registry:5000/x@sha256:abc")))))),
                    List.of(), false, "cluster-kubernetes");
            assertEquals(2, Guardrails.unpinnedChartsAndImages(devWith(deployment)).size());
        }

        @Test
        void aRootPodWithoutProbesOrResourcesIsCaught() {
            var deployment = new PlannedResource("kubernetes:apps/v1:Deployment", "careless", null, true,
                    Map.of("spec", Map.of("template", Map.of("spec", Map.of("containers",
                            List.of(Map.of("name", "app", "image", "x:1.0")))))),
                    List.of(), false, "cluster-kubernetes");
            assertEquals(3, Guardrails.podsNotHardened(devWith(deployment)).size());
        }

        @Test
        void aContainerThatTurnsOffThePodsRunAsNonRootIsCaught() {
            var hardened = new LinkedHashMap<String, Object>();
            hardened.put("name", "app");
            hardened.put("image", "x:1.0");
            hardened.put("resources", Map.of("requests", Map.of("cpu", "100m"), "limits", Map.of("memory", "128Mi")));
            hardened.put("readinessProbe", Map.of("httpGet", Map.of("path", "/readyz", "port", 8080L)));
            hardened.put("livenessProbe", Map.of("httpGet", Map.of("path", "/healthz", "port", 8080L)));
            var overriding = new LinkedHashMap<String, Object>(hardened);
            overriding.put("securityContext", Map.of("runAsNonRoot", false));
            var deployment = new PlannedResource("kubernetes:apps/v1:Deployment", "override", null, true,
                    Map.of("spec", Map.of("template", Map.of("spec", Map.of(
                            "securityContext", Map.of("runAsNonRoot", true),
                            "containers", List.of(hardened, overriding))))),
                    List.of(), false, "cluster-kubernetes");
            assertEquals(List.of("override (kubernetes:apps/v1:Deployment) container app: may run as root"
                    + " (runAsNonRoot not true)"), Guardrails.podsNotHardened(devWith(deployment)));
        }

        @Test
        void aSingleReplicaControllerOrAppIsCaught() {
            var dev = Stacks.plan("dev");
            var controllers = Guardrails.controllersWithoutRedundancy(dev);
            assertTrue(controllers.stream().anyMatch(v -> v.startsWith("karpenter-chart") && v.contains("fewer than 2")),
                    controllers::toString);
            var app = Guardrails.workloadsWithoutRedundancy(devWithChanged("app-hpa", "spec.minReplicas", 1L));
            assertEquals(1, app.size(), app::toString);
            var unbudgeted = Guardrails.workloadsWithoutRedundancy(devWithChanged("app-pdb",
                    "spec.selector.matchLabels", Map.of("app.kubernetes.io/name", "other")));
            assertEquals(List.of("app-deployment (kubernetes:apps/v1:Deployment): no PodDisruptionBudget selects its"
                    + " pods"), unbudgeted);
        }

        @Test
        void externalDnsInSyncModeIsCaught() {
            assertEquals(2, Guardrails.externalDnsThatMayDelete(Stacks.plan("dev")).size());
        }

        @Test
        void aPublicApiEndpointOpenToEveryAddressIsCaught() {
            var dev = Guardrails.clusterEndpointsOpenToTheInternet(Stacks.plan("dev"));
            assertEquals(1, dev.size(), dev::toString);
            assertTrue(dev.get(0).contains("public API endpoint open to [0.0.0.0/0]"), dev.get(0));
            var noCidrs = prodWithChanged("cluster-eks", "vpcConfig.endpointPublicAccess", true);
            assertEquals(List.of("cluster-eks (aws:eks/cluster:Cluster): public API endpoint without"
                    + " publicAccessCidrs, so open to 0.0.0.0/0"), Guardrails.clusterEndpointsOpenToTheInternet(noCidrs));
            var world = withChanged(Stacks.plan("prod"), "cluster-eks", inputs -> {
                set(inputs, "vpcConfig.endpointPublicAccess", true);
                set(inputs, "vpcConfig.publicAccessCidrs", List.of("203.0.113.0/24", "0.0.0.0/0"));
            });
            assertEquals(1, Guardrails.clusterEndpointsOpenToTheInternet(world).size());
            assertEquals(1, Guardrails.clusterEndpointsOpenToTheInternet(prodWithChanged("cluster-eks",
                    "vpcConfig.endpointPrivateAccess", false)).size());
        }

        @Test
        void aPublicApiEndpointForListedRunnerCidrsIsAllowed() {
            var runners = withChanged(Stacks.plan("prod"), "cluster-eks", inputs -> {
                set(inputs, "vpcConfig.endpointPublicAccess", true);
                set(inputs, "vpcConfig.publicAccessCidrs", List.of("203.0.113.0/24"));
            });
            assertEquals(List.of(), Guardrails.clusterEndpointsOpenToTheInternet(runners));
        }

        @Test
        void aPublicApiEndpointForHalfTheInternetTwiceIsCaught() {
            var halves = withChanged(Stacks.plan("prod"), "cluster-eks", inputs -> {
                set(inputs, "vpcConfig.endpointPublicAccess", true);
                set(inputs, "vpcConfig.publicAccessCidrs", List.of("0.0.0.0/1", "128.0.0.0/1"));
            });
            var violations = Guardrails.clusterEndpointsOpenToTheInternet(halves);
            assertEquals(1, violations.size(), violations::toString);
            assertTrue(violations.get(0).contains("4294967296 addresses"), violations.get(0));
        }

        @Test
        void shortLogRetentionIsCaught() {
            assertEquals(List.of("cluster-control-plane (aws:cloudwatch/logGroup:LogGroup): logs kept 30 days"),
                    Guardrails.logGroupsKeptLessThan90Days(Stacks.plan("dev")));
        }

        @Test
        void anImageWithoutDigestIsCaught() {
            var noDigest = new java.util.HashMap<String, Object>();
            noDigest.put("appImageDigest", null);
            assertEquals(1, Guardrails.workloadImagesWithoutDigest(Stacks.plan("dev", noDigest)).size());
        }

        @Test
        void spotOnlyCapacityIsCaught() {
            assertEquals(1, Guardrails.nodePoolsWithoutOnDemand(Stacks.plan("dev", Map.of("karpenterCapacityTypes",
                    List.of("spot")))).size());
        }

        @Test
        void clusterAccessForThePreviewAndMainBranchRolesIsCaught() {
            var dev = Guardrails.clusterAccessForPullRequestOrMainRoles(Stacks.plan("dev"));
            assertEquals(2, dev.size(), dev::toString);
        }

        @Test
        void aRoleThatMainBranchPushesCanAssumeIsCaught() {
            assertEquals(1, Guardrails.rolesThatMainBranchPushesCanAssume(Stacks.plan("bootstrap-dev")).size());
        }

        @Test
        void twoAzsAndASharedNatAreCaught() {
            var dev = Stacks.plan("dev");
            assertEquals(1, Guardrails.fewerThanThreeAzs(dev).size());
            assertEquals(1, Guardrails.natGatewaysNotOnePerAz(dev).size());
            var prod = Stacks.plan("prod");
            var twoNatsInOneSubnet = prodWithChanged("network-nat-b", "subnetId",
                    prod.get("aws:ec2/natGateway:NatGateway", "network-nat-a").string("subnetId"));
            assertEquals(1, Guardrails.natGatewaysNotOnePerAz(twoNatsInOneSubnet).size());
        }

        @Test
        void aVpcWithoutFlowLogsIsCaught() {
            assertEquals(List.of("network-vpc (aws:ec2/vpc:Vpc): no flow log"),
                    Guardrails.vpcsWithoutFlowLogs(Stacks.plan("dev")));
        }

        @Test
        void anUnprotectedStatefulResourceIsCaught() {
            var prod = Stacks.plan("prod");
            var resources = new ArrayList<PlannedResource>();
            for (var r : prod.resources()) {
                resources.add(r.name().equals("network-vpc") ? new PlannedResource(r.type(), r.name(), r.parent(),
                        r.custom(), r.inputs(), r.dependsOn(), false, r.provider()) : r);
            }
            var unprotectedVpc = new Plan(prod.project(), prod.stack(), resources, prod.outputs(), List.of());
            assertEquals(List.of("network-vpc (aws:ec2/vpc:Vpc): not protected"),
                    Guardrails.statefulResourcesNotProtected(unprotectedVpc));
            var dev = Guardrails.statefulResourcesNotProtected(Stacks.plan("dev"));
            assertTrue(dev.size() >= Guardrails.STATEFUL_TYPES.size(), dev::toString);
        }
    }
}
