package com.acme.platform.eks.cluster;


import com.acme.platform.eks.config.ClusterConfig;
import com.acme.platform.eks.platform.AwsAccount;
import com.acme.platform.eks.platform.CanonicalJson;
import com.acme.platform.eks.platform.ClusterHandle;
import com.acme.platform.eks.platform.EncryptionKey;
import com.acme.platform.eks.platform.IamPath;
import com.acme.platform.eks.platform.ManagedAddon;
import com.acme.platform.eks.platform.PlatformContext;
import com.acme.platform.eks.platform.PolicyDocument;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.eks.AccessEntry;
import com.pulumi.aws.eks.AccessEntryArgs;
import com.pulumi.aws.eks.AccessPolicyAssociation;
import com.pulumi.aws.eks.AccessPolicyAssociationArgs;
import com.pulumi.aws.eks.Cluster;
import com.pulumi.aws.eks.ClusterArgs;
import com.pulumi.aws.eks.inputs.AccessPolicyAssociationAccessScopeArgs;
import com.pulumi.aws.eks.inputs.ClusterAccessConfigArgs;
import com.pulumi.aws.eks.inputs.ClusterEncryptionConfigArgs;
import com.pulumi.aws.eks.inputs.ClusterEncryptionConfigProviderArgs;
import com.pulumi.aws.eks.inputs.ClusterUpgradePolicyArgs;
import com.pulumi.aws.eks.inputs.ClusterVpcConfigArgs;
import com.pulumi.aws.eks.inputs.ClusterZonalShiftConfigArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The EKS control plane from {@code com.pulumi:aws} primitives: docs/internals.md#eks-control-plane. */
public final class EksCluster extends ComponentResource {

    /** {@code egress}: deleted after the Kubernetes provider's objects (docs/internals.md#eks-control-plane). */
    public record Args(PlatformContext platform, ClusterConfig config, Output<List<String>> privateSubnetIds,
                       Output<String> logKmsKeyArn, List<Resource> egress) { }

    /** EKS access policies, by name: their ARNs carry the partition, looked up like everywhere else. */
    static final String CLUSTER_ADMIN_POLICY = "AmazonEKSClusterAdminPolicy";
    /** The preview and drift roles' access: everything but Secrets (EKS user guide, access-policy-permissions). */
    static final String CLUSTER_VIEWER_POLICY = "AmazonEKSViewPolicy";
    /** Read of everything, Secrets included: the viewers get it only in {@link #HELM_RELEASE_NAMESPACES}. */
    static final String NAMESPACE_SECRETS_VIEWER_POLICY = "AmazonEKSAdminViewPolicy";
    /** Where the controllers' releases keep their state (Secrets), which a preview of a release reads. */
    public static final List<String> HELM_RELEASE_NAMESPACES = List.of("kube-system");

    private final Map<String, AccessEntry> entries = new java.util.HashMap<>();
    private final ClusterHandle handle;
    private final List<Resource> nodePrerequisites;
    private final Key secretsKey;
    private final AwsAccount account;

    public EksCluster(String name, Args args, ComponentResourceOptions options) {
        super("eks-platform:cluster:EksCluster", name, options);
        var cfg = args.config();
        var child = CustomResourceOptions.builder().parent(this).build();
        this.account = args.platform().account();

        this.secretsKey = EncryptionKey.create(name + "-secrets", this, args.platform(),
                "Envelope encryption of Kubernetes secrets in EKS cluster " + cfg.name(), cfg.name() + "-eks-secrets",
                Optional.empty());

        // Created first so EKS writes into a group with our retention; kept on delete (docs/day-2.md).
        var logGroup = new LogGroup(name + "-control-plane", LogGroupArgs.builder()
                .name("/aws/eks/" + cfg.name() + "/cluster")
                .retentionInDays(cfg.logRetentionDays())
                .kmsKeyId(args.logKmsKeyArn())
                .build(), CustomResourceOptions.builder().parent(this).retainOnDelete(true).build());

        var clusterRole = new Role(name + "-cluster", RoleArgs.builder()
                .path(IamPath.PLATFORM)
                .permissionsBoundary(account.permissionsBoundary())
                .assumeRolePolicy(PolicyDocument.of(List.of(Map.of(
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "eks.amazonaws.com"),
                        "Action", List.of("sts:AssumeRole", "sts:TagSession")))))
                .build(), child);
        var clusterPolicy = new RolePolicyAttachment(name + "-cluster-policy", RolePolicyAttachmentArgs.builder()
                .role(clusterRole.name())
                .policyArn(account.managedPolicy("AmazonEKSClusterPolicy"))
                .build(), child);

        var vpcConfig = ClusterVpcConfigArgs.builder()
                .subnetIds(args.privateSubnetIds())
                .endpointPrivateAccess(true)
                .endpointPublicAccess(cfg.endpointPublicAccess());
        if (cfg.endpointPublicAccess()) {
            vpcConfig.publicAccessCidrs(cfg.publicAccessCidrs().isEmpty() ? List.of("0.0.0.0/0")
                    : cfg.publicAccessCidrs());
        }

        var cluster = new Cluster(name + "-eks", ClusterArgs.builder()
                .name(cfg.name())
                .version(cfg.kubernetesVersion())
                .roleArn(clusterRole.arn())
                .vpcConfig(vpcConfig.build())
                .accessConfig(ClusterAccessConfigArgs.builder()
                        .authenticationMode("API")
                        // Admins come only from clusterAdminRoleArns, visible in code, never implicitly.
                        .bootstrapClusterCreatorAdminPermissions(false)
                        .build())
                .bootstrapSelfManagedAddons(false)
                .encryptionConfig(ClusterEncryptionConfigArgs.builder()
                        .provider(ClusterEncryptionConfigProviderArgs.builder().keyArn(secretsKey.arn()).build())
                        .resources("secrets")
                        .build())
                .enabledClusterLogTypes(cfg.logTypes())
                // Stated: EKS's default (EXTENDED) would move a cluster that falls behind to paid support silently.
                .upgradePolicy(ClusterUpgradePolicyArgs.builder().supportType(cfg.supportType()).build())
                .zonalShiftConfig(ClusterZonalShiftConfigArgs.builder().enabled(cfg.zonalShift()).build())
                .build(), CustomResourceOptions.builder().parent(this).protect(args.platform().protect())
                .dependsOn(logGroup, clusterPolicy).build());

        var clusterAccess = new ArrayList<Resource>();
        clusterAccess.addAll(accessEntries(name + "-admin-", cluster, cfg.adminRoleArns(), CLUSTER_ADMIN_POLICY));
        clusterAccess.addAll(accessEntries(name + "-viewer-", cluster, cfg.viewerRoleArns(), CLUSTER_VIEWER_POLICY));
        clusterAccess.addAll(helmReleaseReaders(name + "-viewer-", cluster, cfg.viewerRoleArns()));

        var endpoint = cluster.endpoint();
        Output<String> certificateAuthority = cluster.certificateAuthority().applyValue(ca -> ca.data().orElse(""));
        Output<String> securityGroupId = cluster.vpcConfig()
                .applyValue(v -> v.clusterSecurityGroupId().orElse(""));
        Output<String> kubeconfig = Output.tuple(cluster.name(), endpoint, certificateAuthority)
                .applyValue(t -> kubeconfigJson(t.t1, t.t2, t.t3, args.platform().region()))
                .asSecret();
        var unready = new ClusterHandle(cluster.name(), endpoint, certificateAuthority,
                cluster.identities().applyValue(ids -> ids.get(0).oidcs().get(0).issuer().orElse("")),
                securityGroupId, kubeconfig, null, cfg.kubernetesVersion(), cfg.addonVersions(), null, List.of());

        // A node without the CNI never gets Ready; pods started before the Pod Identity agent get no credentials.
        this.nodePrerequisites = List.of(
                // Network policy enforcement by the VPC CNI's eBPF agent (NetworkPolicy objects of the app).
                ManagedAddon.create(name + "-vpc-cni", unready, "vpc-cni", Map.of("enableNetworkPolicy", "true"),
                        this, List.of()),
                ManagedAddon.create(name + "-eks-pod-identity-agent", unready, "eks-pod-identity-agent", Map.of(),
                        this, List.of()),
                ManagedAddon.create(name + "-kube-proxy", unready, "kube-proxy", Map.of(), this, List.of()));

        // After the access entries, deleted before them and egress (docs/internals.md#eks-control-plane).
        var providerNeeds = new ArrayList<Resource>(clusterAccess);
        providerNeeds.addAll(apiAccess(name, cfg, securityGroupId));
        providerNeeds.addAll(args.egress());
        var kubernetesProvider = new Provider(name + "-kubernetes", ProviderArgs.builder()
                .kubeconfig(kubeconfig)
                .enableServerSideApply(true)
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(providerNeeds).build());
        this.handle = new ClusterHandle(unready.name(), endpoint, certificateAuthority, unready.oidcIssuer(),
                securityGroupId, kubeconfig, kubernetesProvider, cfg.kubernetesVersion(), cfg.addonVersions(), null,
                List.of());

        registerOutputs(Map.of(
                "clusterName", handle.name(),
                "endpoint", endpoint,
                "certificateAuthority", certificateAuthority,
                "oidcIssuer", handle.oidcIssuer(),
                "kubeconfig", kubeconfig));
    }

    /** Who else may reach the API endpoint: the cluster security group admits only itself (docs/deploying.md). */
    private List<Resource> apiAccess(String name, ClusterConfig cfg, Output<String> securityGroupId) {
        var rules = new ArrayList<Resource>();
        for (String group : cfg.apiAccessSecurityGroupIds()) {
            rules.add(apiAccessRule(name + "-api-from-" + group, securityGroupId,
                    rule -> rule.referencedSecurityGroupId(group),
                    "Kubernetes API from " + group + " (clusterApiAccessSecurityGroupIds)"));
        }
        for (String cidr : cfg.apiAccessCidrs()) {
            rules.add(apiAccessRule(name + "-api-from-" + cidr.replace('/', '-'), securityGroupId,
                    rule -> rule.cidrIpv4(cidr), "Kubernetes API from " + cidr + " (clusterApiAccessCidrs)"));
        }
        return rules;
    }

    private Resource apiAccessRule(String resourceName, Output<String> securityGroupId,
                                   Consumer<SecurityGroupIngressRuleArgs.Builder> source, String description) {
        var rule = SecurityGroupIngressRuleArgs.builder()
                .securityGroupId(securityGroupId)
                .ipProtocol("tcp").fromPort(443).toPort(443)
                .description(description);
        source.accept(rule);
        return new SecurityGroupIngressRule(resourceName, rule.build(),
                CustomResourceOptions.builder().parent(this).build());
    }

    /** A STANDARD access entry per role with the access policy cluster-wide; returns the policy associations. */
    private List<Resource> accessEntries(String prefix, Cluster cluster, List<String> roleArns, String policyName) {
        var child = CustomResourceOptions.builder().parent(this).build();
        var associations = new ArrayList<Resource>();
        for (int i = 0; i < roleArns.size(); i++) {
            var entry = new AccessEntry(prefix + i, AccessEntryArgs.builder()
                    .clusterName(cluster.name())
                    .principalArn(roleArns.get(i))
                    .type("STANDARD")
                    .build(), child);
            entries.put(prefix + i, entry);
            associations.add(new AccessPolicyAssociation(prefix + i, AccessPolicyAssociationArgs.builder()
                    .clusterName(cluster.name())
                    .principalArn(entry.principalArn())
                    .policyArn(account.partition().applyValue(
                            p -> "arn:" + p + ":eks::aws:cluster-access-policy/" + policyName))
                    .accessScope(AccessPolicyAssociationAccessScopeArgs.builder().type("cluster").build())
                    .build(), child));
        }
        return associations;
    }

    /** The viewers' second policy on their entries: read (Secrets included) in the Helm release namespaces only. */
    private List<Resource> helmReleaseReaders(String prefix, Cluster cluster, List<String> roleArns) {
        var child = CustomResourceOptions.builder().parent(this).build();
        var associations = new ArrayList<Resource>();
        for (int i = 0; i < roleArns.size(); i++) {
            var viewerEntry = entries.get(prefix + i);
            associations.add(new AccessPolicyAssociation(prefix + i + "-helm-releases",
                    AccessPolicyAssociationArgs.builder()
                            .clusterName(cluster.name())
                            .principalArn(viewerEntry.principalArn())
                            .policyArn(account.partition().applyValue(
                                    p -> "arn:" + p + ":eks::aws:cluster-access-policy/" + NAMESPACE_SECRETS_VIEWER_POLICY))
                            .accessScope(AccessPolicyAssociationAccessScopeArgs.builder()
                                    .type("namespace")
                                    .namespaces(HELM_RELEASE_NAMESPACES)
                                    .build())
                            .build(), child));
        }
        return associations;
    }

    /** A kubeconfig that authenticates with {@code aws eks get-token} under whatever AWS identity runs Pulumi. */
    static String kubeconfigJson(String clusterName, String endpoint, String certificateAuthority, String region) {
        var user = Map.of("exec", Map.of(
                "apiVersion", "client.authentication.k8s.io/v1beta1",
                "command", "aws",
                "args", List.of("eks", "get-token", "--cluster-name", clusterName, "--region", region,
                        "--output", "json"),
                "interactiveMode", "Never"));
        var doc = new LinkedHashMap<String, Object>();
        doc.put("apiVersion", "v1");
        doc.put("kind", "Config");
        doc.put("clusters", List.of(Map.of("name", clusterName, "cluster", Map.of(
                "server", endpoint, "certificate-authority-data", certificateAuthority))));
        doc.put("users", List.of(Map.of("name", clusterName, "user", user)));
        doc.put("contexts", List.of(Map.of("name", clusterName, "context", Map.of(
                "cluster", clusterName, "user", clusterName))));
        doc.put("current-context", clusterName);
        return CanonicalJson.write(doc);
    }

    /** What the components on the cluster need of it; its system services are added once they exist. */
    public ClusterHandle handle() {
        return handle;
    }

    /** The add-ons a node needs to join (CNI, Pod Identity agent, kube-proxy): the system node group waits for them. */
    public List<Resource> nodePrerequisites() {
        return nodePrerequisites;
    }

    public Key secretsKey() {
        return secretsKey;
    }
}
