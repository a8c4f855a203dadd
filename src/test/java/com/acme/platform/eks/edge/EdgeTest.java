package com.acme.platform.eks.edge;

import com.acme.platform.eks.Stacks;
import com.acme.platform.eks.UpstreamReference;
import com.acme.platform.eks.platform.SystemNodes;
import com.acme.platform.eks.platform.AwsAccount;
import com.acme.platform.eks.platform.PlatformContext;
import com.acme.platform.eks.offline.OfflineRun;
import com.acme.platform.eks.offline.Plan;
import com.acme.platform.eks.offline.PlannedResource;
import com.google.gson.Gson;
import com.google.gson.JsonParser;
import com.pulumi.aws.ssm.Parameter;
import com.pulumi.aws.ssm.ParameterArgs;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.ComponentResourceOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.acme.platform.eks.ResourceTypes.POD_IDENTITY;
import static com.acme.platform.eks.ResourceTypes.RECORD;
import static com.acme.platform.eks.ResourceTypes.RELEASE;
import static com.acme.platform.eks.ResourceTypes.ROLE_POLICY;
import static com.acme.platform.eks.ResourceTypes.ZONE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EdgeTest {
    static final String EXISTING_ZONE = "Z0123456789ABCDEFGHIJ";
    /** The component of each controller, as Main names it. */
    static final List<String> CONTROLLERS = List.of("load-balancer-controller", "external-dns-public",
            "external-dns-private");
    static final List<String> EXTERNAL_DNS = List.of("external-dns-public", "external-dns-private");

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statementMaps(String policyJson) {
        return (List<Map<String, Object>>) new Gson().fromJson(policyJson, Map.class).get("Statement");
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(value));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> values(PlannedResource release) {
        return (Map<String, Object>) release.input("values");
    }

    private static PlannedResource release(Plan plan, String component) {
        return plan.get(RELEASE, component + "-release");
    }

    private static String policyOf(Plan plan, String component) {
        return plan.get(ROLE_POLICY, component + "-pod-identity-policy-0").string("policy");
    }

    private static String zoneIdFilter(PlannedResource release) {
        return strings(values(release).get("extraArgs")).stream().filter(a -> a.startsWith("--zone-id-filter="))
                .map(a -> a.substring("--zone-id-filter=".length())).findFirst()
                .orElseThrow(() -> new AssertionError(release.name() + " has no --zone-id-filter"));
    }

    @Test
    void loadBalancerControllerPolicyIsExactlyTheUpstreamOne() {
        // The whole document (Version too: without "2012-10-17" IAM evaluates policy variables differently).
        var reference = JsonParser.parseString(UpstreamReference.read("aws-load-balancer-controller-iam-policy.json"));
        assertEquals("2012-10-17", reference.getAsJsonObject().get("Version").getAsString());
        assertEquals(reference, JsonParser.parseString(LoadBalancerController.policy()),
                "src/main/resources" + LoadBalancerController.POLICY_RESOURCE + " differs from the reference");
        assertEquals(reference, JsonParser.parseString(policyOf(Stacks.plan("prod"), "load-balancer-controller")),
                "the controller's role does not carry the reference policy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void externalDnsMayChangeRecordsOnlyInItsOwnZone(String stack) {
        var plan = Stacks.plan(stack);
        var zoneIds = Map.of(
                "external-dns-public", String.valueOf(plan.outputs().get("publicZoneId")),
                "external-dns-private", String.valueOf(plan.outputs().get("privateZoneId")));
        assertNotEquals(zoneIds.get("external-dns-public"), zoneIds.get("external-dns-private"));
        for (String component : EXTERNAL_DNS) {
            String zoneArn = "arn:aws:route53:::hostedzone/" + zoneIds.get(component);
            var statements = statementMaps(policyOf(plan, component));
            for (var statement : statements) {
                var resources = strings(statement.get("Resource"));
                assertTrue(resources.stream().noneMatch(r -> r.contains("hostedzone/*")),
                        component + " is granted every hosted zone: " + statement);
                if (strings(statement.get("Action")).stream().anyMatch(a -> !a.equals("route53:ListHostedZones"))) {
                    assertEquals(List.of(zoneArn), resources, component + " may act beyond its own zone: " + statement);
                }
            }
            var actions = statements.stream().flatMap(s -> strings(s.get("Action")).stream()).sorted().toList();
            assertEquals(List.of("route53:ChangeResourceRecordSets", "route53:ListHostedZones",
                    "route53:ListResourceRecordSets", "route53:ListTagsForResources"), actions,
                    component + " should have exactly the reference policy's actions");
            assertEquals(zoneIds.get(component), zoneIdFilter(release(plan, component)),
                    component + " must be filtered to its own zone id");
        }
    }

    @Test
    void externalDnsInstancesSplitTheHorizon() {
        var plan = Stacks.plan("prod");
        var publicValues = values(release(plan, "external-dns-public"));
        var privateValues = values(release(plan, "external-dns-private"));
        assertTrue(strings(publicValues.get("extraArgs")).contains("--aws-zone-type=public"));
        assertTrue(strings(privateValues.get("extraArgs")).contains("--aws-zone-type=private"));
        assertEquals(List.of("example.com"), publicValues.get("domainFilters"));
        assertEquals(List.of("internal.example.com"), privateValues.get("domainFilters"));
        assertEquals(List.of("internal.example.com"), publicValues.get("excludeDomains"),
                "internal names match the public domain filter and must never be published");
        for (var v : List.of(publicValues, privateValues)) {
            assertEquals("eks-platform-prod", v.get("txtOwnerId"));
            assertEquals(Map.of("name", "aws"), v.get("provider"));
            assertEquals(List.of(Map.of("name", "AWS_DEFAULT_REGION", "value", "eu-west-1")), v.get("env"));
        }
        var names = EXTERNAL_DNS.stream().map(c -> release(plan, c).string("name")).distinct().toList();
        var accounts = EXTERNAL_DNS.stream().map(c -> ((Map<?, ?>) values(release(plan, c)).get("serviceAccount"))
                .get("name")).distinct().toList();
        assertEquals(2, names.size(), "release names must differ");
        assertEquals(2, accounts.size(), "service accounts must differ");
    }

    @Test
    void prodExternalDnsNeverDeletesRecordsAndDevSyncs() {
        for (String component : EXTERNAL_DNS) {
            assertEquals("upsert-only", values(release(Stacks.plan("prod"), component)).get("policy"), component);
            assertEquals("sync", values(release(Stacks.plan("dev"), component)).get("policy"), component);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void certificateIsValidatedThroughRecordsInThePublicZone(String stack) {
        var plan = Stacks.plan(stack);
        var records = plan.matching(r -> r.type().equals(RECORD) && r.name().startsWith("dns-validation-"));
        assertFalse(records.isEmpty());
        for (var record : records) {
            assertEquals(plan.outputs().get("publicZoneId"), record.string("zoneId"), record.name());
            assertEquals(true, record.input("allowOverwrite"), record.name());
        }
        var certificate = plan.get("aws:acm/certificate:Certificate", "dns-certificate");
        assertEquals("DNS", certificate.string("validationMethod"));
        var validation = plan.get("aws:acm/certificateValidation:CertificateValidation", "dns-certificate-validation");
        assertEquals(records.size(), ((List<?>) validation.input("validationRecordFqdns")).size());
        assertTrue(validation.dependsOn().containsAll(records.stream().map(PlannedResource::name).toList()));
    }

    @Test
    void aNameAndItsWildcardShareOneValidationRecord() {
        var plan = Stacks.plan("prod");
        var certificate = plan.get("aws:acm/certificate:Certificate", "dns-certificate");
        assertEquals("example.com", certificate.string("domainName"));
        assertEquals(List.of("api.example.com", "*.example.com"), certificate.input("subjectAlternativeNames"));
        var names = plan.matching(r -> r.type().equals(RECORD) && r.name().startsWith("dns-validation-")).stream()
                .map(r -> r.string("name")).sorted().toList();
        assertEquals(2, names.size(), "example.com and *.example.com are validated by the same record: " + names);
        assertEquals(2, names.stream().distinct().count());
    }

    /** Pulumi name of each validation record -> the DNS name it writes. */
    private static Map<String, String> validationRecords(Plan plan) {
        var records = new java.util.TreeMap<String, String>();
        plan.matching(r -> r.type().equals(RECORD) && r.name().startsWith("dns-validation-"))
                .forEach(r -> records.put(r.name(), r.string("name")));
        return records;
    }

    @Test
    void reorderingCertificateNamesKeepsEveryValidationRecordUnderItsName() {
        var names = List.of("dev.example.com", "api.dev.example.com", "argocd.internal.dev.example.com");
        var before = validationRecords(Stacks.plan("dev", Map.of("certificateNames", names)));
        var after = validationRecords(Stacks.plan("dev", Map.of("certificateNames",
                List.of(names.get(2), names.get(0), names.get(1)))));
        assertEquals(before, after, "a reordering must neither rename nor retarget a validation record");
        // Each record is named after the name it validates, so its identity cannot follow a list position.
        assertEquals(names.stream().map(n -> "dns-validation-" + n).sorted().toList(), List.copyOf(before.keySet()));
        before.forEach((resource, dnsName) -> assertTrue(
                dnsName.endsWith("." + resource.substring("dns-validation-".length()) + "."), resource + " writes "
                        + dnsName));
        // A wildcard has no record of its own: it shares the one of its base name.
        var wildcard = validationRecords(Stacks.plan("prod"));
        assertEquals(List.of("dns-validation-api.example.com", "dns-validation-example.com"),
                List.copyOf(wildcard.keySet()));
    }

    @Test
    void dnsCertificateArnDependsOnlyOnTheCertificateValidation() {
        assertTrue(String.valueOf(Stacks.plan("prod").outputs().get("certificateArn"))
                .startsWith("arn:aws:acm:eu-west-1:"));
        // Offline the Certificate's and the CertificateValidation's ARNs have the same value; what differs is the
        // resource the output comes from. A resource that takes Dns.certificateArn() as an input waits for the
        // CertificateValidation (ACM has issued the certificate), not merely for the Certificate (requested, still
        // pending validation).
        var probed = OfflineRun.run(Stacks.config("prod", Map.of()), (ctx, config) -> {
            var platform = new PlatformContext(config.project(), config.stack(), config.cluster().name(),
                    config.region(), AwsAccount.lookUp(InvokeOptions.Empty), false, config.commonTags());
            var dns = new Dns("dns", new Dns.Args(platform, config.edge(), Output.of("vpc-0123")),
                    ComponentResourceOptions.Empty);
            new Parameter("probe", ParameterArgs.builder().name("probe").type("String")
                    .value(dns.certificateArn()).build());
        });
        assertEquals(List.of(), probed.errors());
        assertEquals(List.of("dns-certificate-validation"),
                probed.get("aws:ssm/parameter:Parameter", "probe").dependsOn());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void podIdentityBindsTheServiceAccountEachChartCreates(String stack) {
        var plan = Stacks.plan(stack);
        for (String component : CONTROLLERS) {
            var release = release(plan, component);
            var association = plan.get(POD_IDENTITY, component + "-pod-identity");
            var serviceAccount = (Map<?, ?>) values(release).get("serviceAccount");
            assertEquals(true, serviceAccount.get("create"), component);
            assertEquals(release.string("namespace"), association.string("namespace"), component);
            assertEquals(serviceAccount.get("name"), association.string("serviceAccount"), component);
            assertTrue(release.dependsOn().contains(association.name()), component + " must wait for its identity");
        }
    }

    @Test
    void privateZoneIsAttachedToTheVpc() {
        // The committed stacks use the zones their bootstrap stacks built (publicZoneId); without it the zone is made.
        var plan = Stacks.plan("prod", java.util.Collections.singletonMap("publicZoneId", null));
        var zone = plan.get(ZONE, "dns-private-zone");
        assertEquals("internal.example.com", zone.string("name"));
        assertEquals(plan.outputs().get("vpcId"), zone.string("vpcs.0.vpcId"));
        assertEquals(null, plan.get(ZONE, "dns-public-zone").input("vpcs"), "the public zone must stay public");
    }

    @Test
    void zonesAreProtectedWhereConfigSaysSo() {
        var ownZone = java.util.Collections.singletonMap("publicZoneId", null);
        var prod = Stacks.plan("prod", ownZone).ofType(ZONE);
        var dev = Stacks.plan("dev", ownZone).ofType(ZONE);
        assertEquals(2, prod.size(), "prod's public and private zone: " + prod.stream().map(PlannedResource::name).toList());
        assertEquals(2, dev.size(), "dev's public and private zone: " + dev.stream().map(PlannedResource::name).toList());
        prod.forEach(z -> assertTrue(z.protect(), z.name()));
        dev.forEach(z -> assertFalse(z.protect(), z.name()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void controllersTolerateAndSelectTheSystemNodes(String stack) {
        var releases = CONTROLLERS.stream().map(component -> release(Stacks.plan(stack), component)).toList();
        releases.forEach(release -> {
            assertEquals(SystemNodes.nodeSelector(), values(release).get("nodeSelector"), release.name());
            assertEquals(SystemNodes.tolerations(), values(release).get("tolerations"), release.name());
            assertTrue(release.dependsOn().contains("cluster-system"), release.name() + " must wait for the system nodes");
        });
    }

    @Test
    void chartsArePinned() {
        var plan = Stacks.plan("prod");
        var lbc = release(plan, "load-balancer-controller");
        assertEquals(List.of("aws-load-balancer-controller", "3.5.0", "https://aws.github.io/eks-charts"),
                List.of(lbc.string("chart"), lbc.string("version"), lbc.string("repositoryOpts.repo")));
        for (String component : EXTERNAL_DNS) {
            var release = release(plan, component);
            assertEquals(List.of("external-dns", "1.21.1", "https://kubernetes-sigs.github.io/external-dns/"),
                    List.of(release.string("chart"), release.string("version"), release.string("repositoryOpts.repo")));
        }
    }

    @Test
    void loadBalancerControllerKnowsItsClusterAndRunsTheConfiguredReplicas() {
        var prod = values(release(Stacks.plan("prod"), "load-balancer-controller"));
        assertEquals("eks-platform-prod", prod.get("clusterName"));
        assertEquals("eu-west-1", prod.get("region"));
        assertEquals(Stacks.plan("prod").outputs().get("vpcId"), prod.get("vpcId"));
        assertEquals(2L, prod.get("replicaCount"));
        // dev runs two as well: the app namespace's pods need the controller's webhook (failurePolicy Fail)
        assertEquals(2L, values(release(Stacks.plan("dev"), "load-balancer-controller")).get("replicaCount"));
        assertEquals(3L, values(release(Stacks.plan("dev", Map.of("loadBalancerControllerReplicas", 3)),
                "load-balancer-controller")).get("replicaCount"));
    }

    @Test
    void loadBalancerControllersServiceWebhookNeverBlocksServiceCreates() {
        var values = values(release(Stacks.plan("prod"), "load-balancer-controller"));
        // Kept on (LoadBalancer Services get an NLB from the controller, not an in-tree CLB) ...
        assertNotEquals(false, values.get("enableServiceMutatorWebhook"));
        // ... but with failurePolicy Fail every Service create in the cluster would wait for this controller.
        assertEquals(Map.of("failurePolicy", "Ignore"), values.get("serviceMutatorWebhookConfig"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"load-balancer-controller", "external-dns-public", "external-dns-private"})
    @SuppressWarnings("unchecked")
    void edgeControllersRequestCpuAndMemoryWithAMemoryLimit(String component) {
        var resources = (Map<String, Map<String, Object>>) values(release(Stacks.plan("prod"), component))
                .get("resources");
        assertNotNull(resources, component + " runs BestEffort");
        assertNotNull(resources.get("requests").get("cpu"), component);
        assertEquals(resources.get("requests").get("memory"), resources.get("limits").get("memory"), component);
    }

    @Test
    void applicationsGetAnAlbIngressClassThatLeavesTheSchemeToEachIngressAfterTheController() {
        var plan = Stacks.plan("prod");
        var ingressClass = plan.get("kubernetes:networking.k8s.io/v1:IngressClass", "load-balancer-controller-ingress-class");
        assertEquals("ingress.k8s.aws/alb", ingressClass.string("spec.controller"));
        assertEquals("alb", ingressClass.string("metadata.name"));
        assertEquals("alb", plan.outputs().get("ingressClassName"));
        var params = plan.get("kubernetes:elbv2.k8s.aws/v1beta1:IngressClassParams",
                "load-balancer-controller-ingress-class-params");
        assertEquals(ingressClass.string("spec.parameters.name"), params.string("metadata.name"));
        assertNull(params.input("spec.scheme"), "a scheme in the class would override every Ingress's annotation");
        for (var object : List.of(ingressClass, params)) {
            assertTrue(object.dependsOn().contains("load-balancer-controller-release"), object.name());
        }
    }

    @Test
    void anExistingPublicZoneIsUsedInsteadOfCreatingOne() {
        var plan = Stacks.plan("prod", Map.of("publicZoneId", EXISTING_ZONE));
        assertEquals(List.of("dns-private-zone"), plan.ofType(ZONE).stream().map(PlannedResource::name).toList());
        plan.matching(r -> r.type().equals(RECORD)).forEach(r ->
                assertEquals(EXISTING_ZONE, r.string("zoneId"), r.name()));
        assertEquals(EXISTING_ZONE, zoneIdFilter(release(plan, "external-dns-public")));
        var change = statementMaps(policyOf(plan, "external-dns-public")).get(0);
        assertEquals(List.of("arn:aws:route53:::hostedzone/" + EXISTING_ZONE), strings(change.get("Resource")));
        assertEquals(EXISTING_ZONE, plan.outputs().get("publicZoneId"));
    }

    @Test
    void nothingOfTheEdgeExistsWhenIngressIsDisabled() {
        var plan = Stacks.plan("dev", Map.of("ingressEnabled", false));
        var edge = plan.matching(r -> Stream.of("aws:route53", "aws:acm", "eks-platform:edge").anyMatch(
                prefix -> r.type().startsWith(prefix)) || Stream.of("dns", "load-balancer-controller", "external-dns")
                .anyMatch(component -> r.name().startsWith(component)));
        assertEquals(List.of(), edge.stream().map(PlannedResource::name).toList());
        assertFalse(plan.outputs().containsKey("certificateArn"));
        var names = new ArrayList<>(plan.outputs().keySet());
        assertFalse(names.contains("ingressClassName"), names::toString);
    }
}
