package com.acme.platform.eks.cluster;

import com.acme.platform.eks.platform.SystemNodes;

import com.acme.platform.eks.Stacks;
import com.acme.platform.eks.addons.ClusterAddons;
import com.acme.platform.eks.config.ConfigException;
import com.acme.platform.eks.config.ConfigKeys;
import com.acme.platform.eks.offline.Plan;
import com.acme.platform.eks.offline.PlannedResource;
import com.google.gson.Gson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.acme.platform.eks.ResourceTypes.ADDON;
import static com.acme.platform.eks.ResourceTypes.CLUSTER;
import static com.acme.platform.eks.ResourceTypes.NODE_GROUP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EksClusterTest {

    private static PlannedResource cluster(Plan plan) {
        return plan.get(CLUSTER, "cluster-eks");
    }

    /** The add-ons (their addonName) whose parent component is {@code type::name}. */
    private static List<String> addonsOf(Plan plan, String parent) {
        return plan.ofType(ADDON).stream().filter(a -> a.parentUrn() != null && a.parentUrn().endsWith("::" + parent))
                .map(a -> a.string("addonName")).sorted().toList();
    }

    private static PlannedResource addon(Plan plan, String name) {
        return plan.get(ADDON, "cluster-" + name);
    }

    @Test
    void prodApiEndpointIsPrivate() {
        var cluster = cluster(Stacks.plan("prod"));
        assertEquals(true, cluster.input("vpcConfig.endpointPrivateAccess"));
        assertEquals(false, cluster.input("vpcConfig.endpointPublicAccess"));
        assertNull(cluster.input("vpcConfig.publicAccessCidrs"));
        assertEquals(false, Stacks.stackFile("prod").get("eks-platform:endpointPublicAccess"),
                "prod states its private endpoint instead of inheriting the default");
    }

    @Test
    void publicEndpointIsOpenOnlyToTheListedCidrs() {
        var cluster = cluster(Stacks.plan("prod", Map.of("endpointPublicAccess", true,
                "publicAccessCidrs", List.of("203.0.113.0/24"))));
        assertEquals(true, cluster.input("vpcConfig.endpointPublicAccess"));
        assertEquals(List.of("203.0.113.0/24"), cluster.input("vpcConfig.publicAccessCidrs"));
    }

    @Test
    void devHasBothEndpoints() {
        var cluster = cluster(Stacks.plan("dev"));
        assertEquals(true, cluster.input("vpcConfig.endpointPrivateAccess"));
        assertEquals(true, cluster.input("vpcConfig.endpointPublicAccess"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void secretsAreEncryptedWithTheProgramsRotatedKmsKey(String stack) {
        var plan = Stacks.plan(stack);
        var cluster = cluster(plan);
        var key = plan.get("aws:kms/key:Key", "cluster-secrets");
        assertEquals(true, key.input("enableKeyRotation"));
        assertEquals(List.of("secrets"), cluster.input("encryptionConfig.resources"));
        String keyArn = cluster.string("encryptionConfig.provider.keyArn");
        assertTrue(keyArn.startsWith("arn:aws:kms:eu-west-1:"), keyArn);
        // The plan holds inputs, not the key's own ARN; the alias names the key by its id, and a KMS key's ARN is
        // arn:<partition>:kms:<region>:<account>:key/<id> (account: the mock engine's, render/FakeCloud).
        String keyId = plan.get("aws:kms/alias:Alias", "cluster-secrets").string("targetKeyId");
        assertEquals("arn:aws:kms:eu-west-1:123456789012:key/" + keyId, keyArn, "the cluster-secrets key");
        assertTrue(cluster.dependsOn().contains(key.name()), "the cluster must use the program's own key");
        assertFalse(cluster.dependsOn().contains("log-key"), "secrets get a key of their own, not the logs' key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void controlPlaneLogsGoToARetainedGroupCreatedFirst(String stack) {
        var plan = Stacks.plan(stack);
        var cluster = cluster(plan);
        @SuppressWarnings("unchecked")
        var types = (List<String>) cluster.input("enabledClusterLogTypes");
        assertTrue(types.containsAll(List.of("api", "audit", "authenticator")), types.toString());
        var logGroup = plan.get("aws:cloudwatch/logGroup:LogGroup", "cluster-control-plane");
        assertEquals("/aws/eks/eks-platform-" + stack + "/cluster", logGroup.string("name"));
        assertTrue(logGroup.input("retentionInDays") instanceof Long);
        var configured = (Number) Stacks.stackFile(stack).getOrDefault("eks-platform:clusterLogRetentionDays",
                ConfigKeys.CLUSTER_LOG_RETENTION_DAYS.defaultValue());
        assertEquals(configured.longValue(), logGroup.input("retentionInDays"));
        assertTrue(cluster.dependsOn().contains(logGroup.name()), "EKS would otherwise create the group itself");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void authenticationUsesAccessEntriesOnly(String stack) {
        var plan = Stacks.plan(stack);
        var cluster = cluster(plan);
        assertEquals("API", cluster.string("accessConfig.authenticationMode"));
        assertEquals(false, cluster.input("accessConfig.bootstrapClusterCreatorAdminPermissions"));
        assertEquals(false, cluster.input("bootstrapSelfManagedAddons"));
        @SuppressWarnings("unchecked")
        var admins = (List<String>) Stacks.stackFile(stack).get("eks-platform:clusterAdminRoleArns");
        @SuppressWarnings("unchecked")
        var viewers = (List<String>) Stacks.stackFile(stack).get("eks-platform:clusterViewerRoleArns");
        var entries = plan.ofType("aws:eks/accessEntry:AccessEntry").stream()
                .filter(e -> "STANDARD".equals(e.string("type"))).toList();
        var everyone = new java.util.HashSet<>(admins);
        everyone.addAll(viewers);
        assertEquals(everyone, Set.copyOf(entries.stream().map(e -> e.string("principalArn")).toList()));
        var associations = plan.ofType("aws:eks/accessPolicyAssociation:AccessPolicyAssociation");
        assertEquals(admins.size() + 2 * viewers.size(), associations.size());
        associations.stream().filter(a -> admins.contains(a.string("principalArn"))).forEach(a -> {
            assertEquals("arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", a.string("policyArn"),
                    a.name());
            assertEquals("cluster", a.string("accessScope.type"));
        });
    }

    /**
     * The read-only roles (the pull request preview role in dev, whose code nobody has reviewed yet) read every
     * object but Secrets cluster-wide, and Secrets only where the controllers' Helm releases keep their state: never
     * Argo CD's initial admin secret or the app's Secret.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void previewRolesReadNoSecretsButTheControllersHelmReleases(String stack) {
        var plan = Stacks.plan(stack);
        @SuppressWarnings("unchecked")
        var viewers = (List<String>) Stacks.stackFile(stack).get("eks-platform:clusterViewerRoleArns");
        // The role the workflows' read-only jobs of this stack assume (see GithubDeployRoles), in the account of
        // the stack's own deploy role (each account has its own bootstrap stack and so its own preview roles).
        String previewRole = stack.equals("prod") ? "eks-platform-github-production-preview"
                : "eks-platform-github-preview";
        @SuppressWarnings("unchecked")
        String deployRole = ((List<String>) Stacks.stackFile(stack).get("eks-platform:clusterAdminRoleArns")).stream()
                .filter(arn -> arn.endsWith(":role/eks-platform-github-deploy-" + stack)).findFirst().orElseThrow();
        String account = deployRole.split(":")[4];
        assertEquals(List.of("arn:aws:iam::" + account + ":role/" + previewRole), viewers);
        var viewerAccess = plan.ofType("aws:eks/accessPolicyAssociation:AccessPolicyAssociation").stream()
                .filter(a -> viewers.contains(a.string("principalArn"))).toList();
        assertEquals(2 * viewers.size(), viewerAccess.size());
        var provider = plan.get("pulumi:providers:kubernetes", "cluster-kubernetes");
        var releaseNamespaces = new java.util.TreeSet<String>();
        plan.ofType("kubernetes:helm.sh/v3:Release").forEach(r -> releaseNamespaces.add(r.string("namespace")));
        releaseNamespaces.remove(com.acme.platform.eks.app.ArgoCd.NAMESPACE);
        for (var association : viewerAccess) {
            assertTrue(provider.dependsOn().contains(association.name()), association.name());
            String policy = association.string("policyArn");
            if (policy.endsWith("/AmazonEKSViewPolicy")) {
                assertEquals("cluster", association.string("accessScope.type"), "reads every object but Secrets");
            } else {
                assertEquals("arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminViewPolicy", policy,
                        association.name() + ": no write, no other policy");
                assertEquals("namespace", association.string("accessScope.type"),
                        "AmazonEKSAdminViewPolicy reads Secrets: never cluster-wide");
                @SuppressWarnings("unchecked")
                var namespaces = new java.util.TreeSet<>((List<String>) association.input("accessScope.namespaces"));
                assertEquals(releaseNamespaces, namespaces, "Secrets readable exactly where the controllers' Helm"
                        + " releases keep their state");
                assertFalse(namespaces.contains(com.acme.platform.eks.app.ArgoCd.NAMESPACE)
                        || namespaces.contains(Stacks.config(stack, Map.of()).app().namespace()), namespaces.toString());
            }
        }
    }

    @Test
    void aRoleIsEitherAdminOrViewer() {
        String role = "arn:aws:iam::111122223333:role/eks-platform-github-deploy-dev";
        var problems = problems(Map.of("clusterViewerRoleArns", List.of(role)));
        assertEquals(List.of("eks-platform:clusterViewerRoleArns = '" + role + "': is also in clusterAdminRoleArns;"
                + " a role gets one access entry: list it in one of the two"), problems);
        assertTrue(problems(Map.of("clusterViewerRoleArns", List.of("arn:aws:iam::123:user/bob"))).get(0)
                .contains("not an IAM role ARN"));
        assertEquals(List.of(), Stacks.config("dev", Map.of("clusterViewerRoleArns", List.of())).cluster()
                .viewerRoleArns(), "optional");
        String viewer = "arn:aws:iam::111122223333:role/eks-platform-github-preview";
        assertEquals(List.of("eks-platform:clusterViewerRoleArns = [" + viewer + ", " + viewer + "]: lists a role"
                + " twice (EKS allows one access entry per principal)"),
                problems(Map.of("clusterViewerRoleArns", List.of(viewer, viewer))));
    }

    @Test
    void supportPolicyIsStatedAndProdMayShiftAwayFromAnImpairedAz() {
        var prod = cluster(Stacks.plan("prod"));
        var dev = cluster(Stacks.plan("dev"));
        assertEquals("STANDARD", prod.input("upgradePolicy.supportType"), "never EKS's silent default, EXTENDED");
        assertEquals("STANDARD", dev.input("upgradePolicy.supportType"));
        assertEquals(true, prod.input("zonalShiftConfig.enabled"));
        assertEquals(false, dev.input("zonalShiftConfig.enabled"));
        assertEquals("EXTENDED", cluster(Stacks.plan("prod", Map.of("clusterSupportType", "EXTENDED")))
                .input("upgradePolicy.supportType"));
        Stacks.assertSingleProblem("clusterSupportType", Map.of("clusterSupportType", "standard"),
                "must be one of [STANDARD, EXTENDED]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void addonsAreOrderedForAFirstUp(String stack) {
        var plan = Stacks.plan(stack);
        var nodeGroup = plan.get(NODE_GROUP, "cluster-system");
        for (String before : List.of("vpc-cni", "eks-pod-identity-agent")) {
            assertTrue(nodeGroup.dependsOn().contains("cluster-" + before), "node group must wait for " + before);
            assertFalse(addon(plan, before).dependsOn().contains(nodeGroup.name()), before + " must not wait");
        }
        for (String after : List.of("coredns", "aws-ebs-csi-driver")) {
            assertTrue(addon(plan, after).dependsOn().contains(nodeGroup.name()), after + " must wait for nodes");
        }
        // What a node needs to join belongs to the control plane, what runs on the nodes to ClusterAddons.
        assertEquals(List.of("kube-proxy", "vpc-cni", "eks-pod-identity-agent").stream().sorted().toList(),
                addonsOf(plan, "eks-platform:cluster:EksCluster::cluster"));
        assertEquals(List.of("aws-ebs-csi-driver", "coredns"), addonsOf(plan, "eks-platform:addons:ClusterAddons::cluster"));
    }

    @Test
    void vpcCniEnforcesNetworkPolicies() {
        var config = addon(Stacks.plan("dev"), "vpc-cni").string("configurationValues");
        assertEquals("true", new Gson().fromJson(config, Map.class).get("enableNetworkPolicy"));
    }

    @Test
    void pinnedAddonVersionsAreApplied() {
        var plan = Stacks.plan("dev", Map.of("addonVersions", Map.of("coredns", "v1.12.1-eksbuild.2")));
        assertEquals("v1.12.1-eksbuild.2", addon(plan, "coredns").string("addonVersion"));
        // unpinned add-ons follow the default of the configured Kubernetes version (FakeCloud answers v1.<minor>...)
        assertEquals("v1.36.0-eksbuild.1", addon(plan, "vpc-cni").string("addonVersion"));
        var older = Stacks.plan("dev", Map.of("kubernetesVersion", "1.35"));
        assertEquals("v1.35.0-eksbuild.1", addon(older, "vpc-cni").string("addonVersion"),
                "a control-plane upgrade must carry the unpinned add-ons along");
    }

    @Test
    void kubeconfigIsASecretThatAuthenticatesWithGetToken() {
        var plan = Stacks.plan("dev");
        assertEquals("[secret]", plan.outputs().get("kubeconfig"));
        var provider = plan.get("pulumi:providers:kubernetes", "cluster-kubernetes");
        assertEquals("[secret]", provider.string("kubeconfig"));
        @SuppressWarnings("unchecked")
        Map<String, Object> kubeconfig = new Gson().fromJson(
                EksCluster.kubeconfigJson("c1", "https://x", "Q0E=", "eu-west-1"), Map.class);
        var user = (Map<?, ?>) ((Map<?, ?>) ((List<?>) kubeconfig.get("users")).get(0)).get("user");
        var exec = (Map<?, ?>) user.get("exec");
        assertEquals("aws", exec.get("command"));
        assertEquals(List.of("eks", "get-token", "--cluster-name", "c1", "--region", "eu-west-1", "--output", "json"),
                exec.get("args"));
    }

    @Test
    void kubernetesObjectsWaitForTheAdminAccessEntries() {
        var plan = Stacks.plan("prod");
        var provider = plan.get("pulumi:providers:kubernetes", "cluster-kubernetes");
        plan.ofType("aws:eks/accessPolicyAssociation:AccessPolicyAssociation")
                .forEach(a -> assertTrue(provider.dependsOn().contains(a.name()), a.name()));
    }

    @Test
    void clusterAndKeyAreProtectedInProd() {
        var plan = Stacks.plan("prod");
        assertTrue(cluster(plan).protect());
        assertTrue(plan.get("aws:kms/key:Key", "cluster-secrets").protect());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    @SuppressWarnings("unchecked")
    void everyPodIdentityRoleTrustsOnlyItsClusterNamespaceAndServiceAccount(String stack) {
        var plan = Stacks.plan(stack);
        var associations = plan.ofType("aws:eks/podIdentityAssociation:PodIdentityAssociation");
        assertTrue(associations.size() >= 4, "EBS CSI, Karpenter, ALB controller, external-dns");
        for (var association : associations) {
            var role = plan.ofType("aws:iam/role:Role").stream()
                    .filter(r -> association.dependsOn().contains(r.name())).findFirst().orElseThrow();
            var trust = (Map<String, Object>) ((List<Object>) new Gson().fromJson(role.string("assumeRolePolicy"),
                    Map.class).get("Statement")).get(0);
            assertEquals(Map.of("Service", "pods.eks.amazonaws.com"), trust.get("Principal"), role.name());
            assertEquals(Map.of("StringEquals", Map.of(
                            "aws:RequestTag/eks-cluster-name", association.string("clusterName"),
                            "aws:RequestTag/kubernetes-namespace", association.string("namespace"),
                            "aws:RequestTag/kubernetes-service-account", association.string("serviceAccount"))),
                    trust.get("Condition"), role.name() + " may be assumed by another cluster's or namespace's pods");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyPodIdentityAssociationWaitsForItsRolesPermissions(String stack) {
        var plan = Stacks.plan(stack);
        var associations = plan.ofType("aws:eks/podIdentityAssociation:PodIdentityAssociation");
        assertTrue(associations.size() >= 4, "EBS CSI, Karpenter, ALB controller, external-dns");
        for (var association : associations) {
            // The association's role is the one whose ARN it references; its grants are every inline policy and
            // attachment that references the role, whatever they are named.
            var roles = plan.ofType("aws:iam/role:Role").stream().map(PlannedResource::name)
                    .filter(association.dependsOn()::contains).toList();
            assertEquals(1, roles.size(), association.name() + " " + roles);
            var grants = plan.matching(r -> (r.type().equals("aws:iam/rolePolicy:RolePolicy")
                    || r.type().equals("aws:iam/rolePolicyAttachment:RolePolicyAttachment"))
                    && r.dependsOn().contains(roles.get(0)));
            assertFalse(grants.isEmpty(), association.name() + ": a role without permissions");
            grants.forEach(g -> assertTrue(association.dependsOn().contains(g.name()),
                    association.name() + " does not wait for " + g.name()
                            + ": on destroy the controller would lose its rights before cleaning up"));
        }
        // Karpenter's six policies are attached under names of their own; they must be among the grants above.
        var karpenter = plan.get("aws:eks/podIdentityAssociation:PodIdentityAssociation", "karpenter-controller");
        assertEquals(6, karpenter.dependsOn().stream().filter(d -> d.endsWith("-attachment")).count(),
                karpenter.dependsOn()::toString);
    }

    private static List<String> problems(Map<String, ?> overrides) {
        return assertThrows(ConfigException.class, () -> Stacks.config("dev", overrides)).problems();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.34.2", "v1.34", "latest", "1", "2.0"})
    void kubernetesVersionMustBeAMinorVersion(String version) {
        var problems = problems(Map.of("kubernetesVersion", version));
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("eks-platform:kubernetesVersion"), problems.get(0));
    }

    @Test
    void unsupportedOldKubernetesVersionsAreRejected() {
        assertTrue(problems(Map.of("kubernetesVersion", "1.29")).get(0).contains("older than 1.33"));
        assertEquals("1.35", Stacks.config("dev", Map.of("kubernetesVersion", "1.35")).cluster().kubernetesVersion());
    }

    @Test
    void versionsNewerThanKarpenterSupportsAreRejected() {
        assertTrue(problems(Map.of("kubernetesVersion", "1.37")).get(0).contains("newer than 1.36"));
    }

    @Test
    void publicCidrsNeedThePublicEndpoint() {
        var problems = problems(Map.of("endpointPublicAccess", false, "publicAccessCidrs", List.of("10.0.0.0/8")));
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("eks-platform:publicAccessCidrs"), problems.get(0));
        assertTrue(problems(Map.of("publicAccessCidrs", List.of("1.2.3.4/40"))).get(0).contains("not a canonical"));
    }

    @Test
    void clusterAdminsAreRequiredRoleArns() {
        var missing = new java.util.HashMap<String, Object>();
        missing.put("clusterAdminRoleArns", null);
        assertTrue(problems(missing).get(0).contains("is required"));
        assertTrue(problems(Map.of("clusterAdminRoleArns", List.of("arn:aws:iam::123:user/bob"))).get(0)
                .contains("not an IAM role ARN"));
    }

    @Test
    void auditLogsCannotBeSwitchedOff() {
        var problems = problems(Map.of("clusterLogTypes", List.of("api", "authenticator")));
        assertTrue(problems.get(0).startsWith("eks-platform:clusterLogTypes") && problems.get(0).contains("audit"),
                problems.toString());
        assertTrue(problems(Map.of("clusterLogTypes", List.of("api", "audit", "authenticator", "kubelet"))).get(0)
                .contains("not a control-plane log type"));
    }


    @Test
    void addonVersionsAreCheckedByNameAndFormat() {
        var problems = problems(Map.of("addonVersions", Map.of("coredns", "1.2", "istio", "v1.0.0-eksbuild.1")));
        assertEquals(2, problems.size(), problems::toString);
    }
}
