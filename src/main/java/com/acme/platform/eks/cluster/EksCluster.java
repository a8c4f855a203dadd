package com.acme.platform.eks.cluster;

import com.acme.platform.eks.platform.PodIdentityRole;
import com.acme.platform.eks.platform.SystemNodes;

import com.acme.platform.eks.platform.IamPath;
import com.acme.platform.eks.config.ClusterConfig;
import com.acme.platform.eks.platform.AwsAccount;
import com.acme.platform.eks.platform.PolicyDocument;
import com.acme.platform.eks.platform.CanonicalJson;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.ec2.LaunchTemplate;
import com.pulumi.aws.ec2.LaunchTemplateArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateBlockDeviceMappingArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateBlockDeviceMappingEbsArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateMetadataOptionsArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateTagSpecificationArgs;
import com.pulumi.aws.eks.AccessEntry;
import com.pulumi.aws.eks.AccessEntryArgs;
import com.pulumi.aws.eks.AccessPolicyAssociation;
import com.pulumi.aws.eks.AccessPolicyAssociationArgs;
import com.pulumi.aws.eks.Addon;
import com.pulumi.aws.eks.AddonArgs;
import com.pulumi.aws.eks.Cluster;
import com.pulumi.aws.eks.ClusterArgs;
import com.pulumi.aws.eks.EksFunctions;
import com.pulumi.aws.eks.NodeGroup;
import com.pulumi.aws.eks.NodeGroupArgs;
import com.pulumi.aws.eks.inputs.AccessPolicyAssociationAccessScopeArgs;
import com.pulumi.aws.eks.inputs.GetAddonVersionArgs;
import com.pulumi.aws.eks.outputs.GetAddonVersionResult;
import com.pulumi.aws.eks.inputs.ClusterAccessConfigArgs;
import com.pulumi.aws.eks.inputs.ClusterEncryptionConfigArgs;
import com.pulumi.aws.eks.inputs.ClusterEncryptionConfigProviderArgs;
import com.pulumi.aws.eks.inputs.ClusterUpgradePolicyArgs;
import com.pulumi.aws.eks.inputs.ClusterVpcConfigArgs;
import com.pulumi.aws.eks.inputs.ClusterZonalShiftConfigArgs;
import com.pulumi.aws.eks.inputs.NodeGroupLaunchTemplateArgs;
import com.pulumi.aws.eks.inputs.NodeGroupScalingConfigArgs;
import com.pulumi.aws.eks.inputs.NodeGroupTaintArgs;
import com.pulumi.aws.eks.inputs.NodeGroupUpdateConfigArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.aws.kms.Alias;
import com.pulumi.aws.kms.AliasArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.storage.v1.StorageClass;
import com.pulumi.kubernetes.storage.v1.StorageClassArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The EKS control plane from {@code com.pulumi:aws} primitives: KMS envelope encryption of secrets, control-plane
 * logs, access entries (API authentication mode, no aws-auth ConfigMap), managed add-ons in an order that a first
 * {@code pulumi up} survives, a tainted system node group, and the Kubernetes provider every Kubernetes object of
 * the program uses.
 */
public final class EksCluster extends ComponentResource {

    /**
     * @param privateSubnetIds where the control plane's ENIs and the system nodes go
     * @param commonTags       tagged onto instances and volumes the node group launches (provider default tags do
     *                         not reach those)
     * @param egress           the private subnets' way out (Network#egress): nodes join and controllers reach AWS
     *                         APIs through it, so it is created before them and deleted after them
     */
    public record Args(ClusterConfig config, String region, AwsAccount account, Output<String> vpcId,
                       Output<List<String>> privateSubnetIds, Map<String, String> commonTags, boolean protect,
                       Output<String> logKmsKeyArn, List<Resource> egress) { }

    /** The system node group's name starts with this; EKS appends a unique suffix. */
    public static final String SYSTEM_NODE_GROUP_PREFIX = "system-";

    /** The default StorageClass: encrypted gp3 through the EBS CSI driver. */
    public static final String DEFAULT_STORAGE_CLASS = "gp3";

    /** EKS access policies, by name: their ARNs carry the partition, looked up like everywhere else. */
    static final String CLUSTER_ADMIN_POLICY = "AmazonEKSClusterAdminPolicy";
    /**
     * The preview and drift roles' access, cluster-wide: read every object but Secrets, write nothing (EKS user
     * guide, access-policy-permissions: AmazonEKSViewPolicy leaves Secrets out, AmazonEKSAdminViewPolicy has them).
     */
    static final String CLUSTER_VIEWER_POLICY = "AmazonEKSViewPolicy";
    /** Read of everything, Secrets included: the viewers get it only in {@link #HELM_RELEASE_NAMESPACES}. */
    static final String NAMESPACE_SECRETS_VIEWER_POLICY = "AmazonEKSAdminViewPolicy";
    /**
     * Where the controllers' Helm releases keep their state (one Secret per release revision, in the release's
     * namespace): Karpenter, the ALB controller, external-dns and metrics-server all install into kube-system. A
     * refresh or preview of a helm.v3.Release reads them, so the viewers may read Secrets there, and nowhere else:
     * not in Argo CD's namespace (its initial admin secret and repository credentials), not in the app's.
     */
    public static final List<String> HELM_RELEASE_NAMESPACES = List.of("kube-system");

    private final Map<String, AccessEntry> entries = new java.util.HashMap<>();
    private final Output<String> clusterName;
    private final Output<String> endpoint;
    private final Output<String> certificateAuthority;
    private final Output<String> oidcIssuer;
    private final Output<String> clusterSecurityGroupId;
    private final Output<String> kubeconfig;
    private final Provider kubernetesProvider;
    private final NodeGroup systemNodeGroup;
    private final List<Resource> systemServices;
    private final Key secretsKey;
    private final AwsAccount account;

    public EksCluster(String name, Args args, ComponentResourceOptions options) {
        super("eks-platform:cluster:EksCluster", name, options);
        var cfg = args.config();
        var child = CustomResourceOptions.builder().parent(this).build();
        var protectedChild = CustomResourceOptions.builder().parent(this).protect(args.protect()).build();
        this.account = args.account();

        this.secretsKey = new Key(name + "-secrets", KeyArgs.builder()
                .description("Envelope encryption of Kubernetes secrets in EKS cluster " + cfg.name())
                .enableKeyRotation(true)
                .deletionWindowInDays(30)
                .build(), protectedChild);
        new Alias(name + "-secrets", AliasArgs.builder()
                .name("alias/" + cfg.name() + "-eks-secrets")
                .targetKeyId(secretsKey.keyId())
                .build(), child);

        // Created before the cluster so that EKS writes into a group with our retention instead of creating one
        // that never expires. Kept when Pulumi deletes it (a cluster rename or teardown): the audit trail outlives
        // the cluster and expires by its retention (docs/day-2.md).
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
                // Stated, not left to EKS's default (EXTENDED): a cluster that falls behind would otherwise move to
                // the paid extended support silently.
                .upgradePolicy(ClusterUpgradePolicyArgs.builder().supportType(cfg.supportType()).build())
                .zonalShiftConfig(ClusterZonalShiftConfigArgs.builder().enabled(cfg.zonalShift()).build())
                .build(), CustomResourceOptions.builder().parent(this).protect(args.protect())
                .dependsOn(logGroup, clusterPolicy).build());
        this.clusterName = cluster.name();

        var clusterAccess = new ArrayList<Resource>();
        clusterAccess.addAll(accessEntries(name + "-admin-", cluster, cfg.adminRoleArns(), CLUSTER_ADMIN_POLICY));
        clusterAccess.addAll(accessEntries(name + "-viewer-", cluster, cfg.viewerRoleArns(), CLUSTER_VIEWER_POLICY));
        clusterAccess.addAll(helmReleaseReaders(name + "-viewer-", cluster, cfg.viewerRoleArns()));

        // Networking and credentials must exist before the first node boots: a node without the CNI never gets
        // Ready, and pods that start before the Pod Identity agent get no credentials.
        var vpcCni = addon(name, cluster, cfg, "vpc-cni",
                // Network policy enforcement by the VPC CNI's eBPF agent (NetworkPolicy objects of the app).
                Map.of("enableNetworkPolicy", "true"), List.of());
        var podIdentityAgent = addon(name, cluster, cfg, "eks-pod-identity-agent", Map.of(), List.of());
        var kubeProxy = addon(name, cluster, cfg, "kube-proxy", Map.of(), List.of());

        var nodeRole = new Role(name + "-system-node", RoleArgs.builder()
                .path(IamPath.PLATFORM)
                .permissionsBoundary(account.permissionsBoundary())
                .assumeRolePolicy(PolicyDocument.serviceAssumeRole("ec2.amazonaws.com"))
                .build(), child);
        var nodePolicies = new ArrayList<Resource>();
        for (String policy : List.of("AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy",
                "AmazonEC2ContainerRegistryPullOnly", "AmazonSSMManagedInstanceCore")) {
            nodePolicies.add(new RolePolicyAttachment(name + "-system-node-" + policy, RolePolicyAttachmentArgs.builder()
                    .role(nodeRole.name())
                    .policyArn(account.managedPolicy(policy))
                    .build(), child));
        }

        var nodeTags = new LinkedHashMap<String, String>(args.commonTags());
        nodeTags.put("Name", cfg.name() + "-system");
        var launchTemplate = new LaunchTemplate(name + "-system-nodes", LaunchTemplateArgs.builder()
                .description("System node group of " + cfg.name() + ": IMDSv2 only, encrypted gp3 root volume")
                // No security groups here: EKS then attaches the cluster security group, the only one nodes need.
                .metadataOptions(LaunchTemplateMetadataOptionsArgs.builder()
                        .httpEndpoint("enabled")
                        .httpTokens("required")
                        // Pods cannot reach the node's instance profile; they get credentials from Pod Identity.
                        .httpPutResponseHopLimit(1)
                        .build())
                .blockDeviceMappings(LaunchTemplateBlockDeviceMappingArgs.builder()
                        .deviceName("/dev/xvda")
                        .ebs(LaunchTemplateBlockDeviceMappingEbsArgs.builder()
                                .volumeType("gp3")
                                .volumeSize(cfg.systemNodes().diskSizeGib())
                                .encrypted("true")
                                .deleteOnTermination("true")
                                .build())
                        .build())
                .tagSpecifications(
                        LaunchTemplateTagSpecificationArgs.builder().resourceType("instance").tags(nodeTags).build(),
                        LaunchTemplateTagSpecificationArgs.builder().resourceType("volume").tags(nodeTags).build())
                .updateDefaultVersion(true)
                .build(), child);

        var nodeGroupDependencies = new ArrayList<Resource>(List.of(vpcCni, podIdentityAgent, kubeProxy));
        nodeGroupDependencies.addAll(nodePolicies);
        nodeGroupDependencies.addAll(args.egress());
        var system = cfg.systemNodes();
        this.systemNodeGroup = new NodeGroup(name + "-system", NodeGroupArgs.builder()
                .clusterName(cluster.name())
                // A prefix, not a fixed name: instance types, capacity type, AMI type and subnets can only change
                // by replacement, which Pulumi does create-before-delete; a fixed name would collide with the group
                // being replaced, and the controllers keep their nodes until the new group is up.
                .nodeGroupNamePrefix(SYSTEM_NODE_GROUP_PREFIX)
                .version(cfg.kubernetesVersion())
                .nodeRoleArn(nodeRole.arn())
                .subnetIds(args.privateSubnetIds())
                .amiType(system.amiType())
                .instanceTypes(system.instanceTypes())
                .capacityType(system.capacityType())
                .scalingConfig(NodeGroupScalingConfigArgs.builder()
                        .minSize(system.minSize())
                        .desiredSize(system.desiredSize())
                        .maxSize(system.maxSize())
                        .build())
                .updateConfig(NodeGroupUpdateConfigArgs.builder().maxUnavailable(1).build())
                .launchTemplate(NodeGroupLaunchTemplateArgs.builder()
                        .id(launchTemplate.id())
                        .version(launchTemplate.latestVersion().applyValue(String::valueOf))
                        .build())
                .labels(Map.of(SystemNodes.LABEL_KEY, SystemNodes.LABEL_VALUE))
                .taints(NodeGroupTaintArgs.builder()
                        .key(SystemNodes.TAINT_KEY)
                        .value(SystemNodes.TAINT_VALUE)
                        .effect("NO_SCHEDULE")
                        .build())
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(nodeGroupDependencies).build());

        // CoreDNS and the EBS CSI controller are Deployments: created before any node exists they sit DEGRADED
        // until the create times out, so they wait for the system node group. They also run only there: on a
        // Karpenter node, consolidation would keep evicting the cluster's DNS and volume attacher, and on an
        // empty cluster Karpenter would have to launch a node just for them.
        var coreDns = addon(name, cluster, cfg, "coredns", systemNodePlacement(), List.of(systemNodeGroup));
        // What a controller's release needs before its pods can become ready: a node to run on and cluster DNS
        // (to resolve AWS endpoints and Services); an atomic release created beside CoreDNS may roll back.
        this.systemServices = List.of(systemNodeGroup, coreDns);
        var ebsCsi = new PodIdentityRole(new PodIdentityRole.Spec(name + "-ebs-csi", cluster.name(), "kube-system",
                "ebs-csi-controller-sa", List.of(),
                List.of(account.managedPolicy("service-role/AmazonEBSCSIDriverPolicy")), account.permissionsBoundary()),
                this);
        // Only the controller (a Deployment) is pinned; the node DaemonSet must run on every node.
        var ebsCsiDriver = addon(name, cluster, cfg, "aws-ebs-csi-driver", Map.of("controller", systemNodePlacement()),
                List.of(systemNodeGroup, ebsCsi.association()));

        this.endpoint = cluster.endpoint();
        this.certificateAuthority = cluster.certificateAuthority().applyValue(ca -> ca.data().orElse(""));
        this.oidcIssuer = cluster.identities().applyValue(ids -> ids.get(0).oidcs().get(0).issuer().orElse(""));
        this.clusterSecurityGroupId = cluster.vpcConfig().applyValue(v -> v.clusterSecurityGroupId().orElse(""));
        this.kubeconfig = Output.tuple(cluster.name(), endpoint, certificateAuthority)
                .applyValue(t -> kubeconfigJson(t.t1, t.t2, t.t3, args.region()))
                .asSecret();

        // Kubernetes objects wait for the access entries (else the first apply is Unauthorized) and, through the
        // provider, are deleted before the access entries and the egress path their controllers' cleanup needs.
        var providerNeeds = new ArrayList<Resource>(clusterAccess);
        // Who else may reach the API endpoint (443): the cluster security group admits only itself, so a runner
        // inside the VPC (prod's private endpoint) is listed here by its security group or CIDR (docs/deploying.md).
        for (String group : cfg.apiAccessSecurityGroupIds()) {
            providerNeeds.add(new SecurityGroupIngressRule(name + "-api-from-" + group,
                    SecurityGroupIngressRuleArgs.builder()
                            .securityGroupId(clusterSecurityGroupId)
                            .referencedSecurityGroupId(group)
                            .ipProtocol("tcp").fromPort(443).toPort(443)
                            .description("Kubernetes API from " + group + " (clusterApiAccessSecurityGroupIds)")
                            .build(), CustomResourceOptions.builder().parent(this).build()));
        }
        for (String cidr : cfg.apiAccessCidrs()) {
            providerNeeds.add(new SecurityGroupIngressRule(name + "-api-from-" + cidr.replace('/', '-'),
                    SecurityGroupIngressRuleArgs.builder()
                            .securityGroupId(clusterSecurityGroupId)
                            .cidrIpv4(cidr)
                            .ipProtocol("tcp").fromPort(443).toPort(443)
                            .description("Kubernetes API from " + cidr + " (clusterApiAccessCidrs)")
                            .build(), CustomResourceOptions.builder().parent(this).build()));
        }
        providerNeeds.addAll(args.egress());
        this.kubernetesProvider = new Provider(name + "-kubernetes", ProviderArgs.builder()
                .kubeconfig(kubeconfig)
                .enableServerSideApply(true)
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(providerNeeds).build());

        // EKS marks no StorageClass as default from 1.30 on, and its gp2 class is unencrypted: a claim without a
        // class would stay Pending, one naming gp2 would get a plain volume. The platform's default is the EBS CSI
        // driver's encrypted gp3, bound where the pod lands (WaitForFirstConsumer: an EBS volume lives in one AZ).
        new StorageClass(name + "-gp3", StorageClassArgs.builder()
                .metadata(ObjectMetaArgs.builder()
                        .name(DEFAULT_STORAGE_CLASS)
                        .annotations(Map.of("storageclass.kubernetes.io/is-default-class", "true"))
                        .build())
                .provisioner("ebs.csi.aws.com")
                .parameters(Map.of("type", "gp3", "encrypted", "true"))
                .reclaimPolicy("Delete")
                .volumeBindingMode("WaitForFirstConsumer")
                .allowVolumeExpansion(true)
                .build(), CustomResourceOptions.builder().parent(this).provider(kubernetesProvider)
                .dependsOn(ebsCsiDriver).build());

        registerOutputs(Map.of(
                "clusterName", clusterName,
                "endpoint", endpoint,
                "certificateAuthority", certificateAuthority,
                "oidcIssuer", oidcIssuer,
                "kubeconfig", kubeconfig));
    }

    /**
     * {@code nodeSelector} and {@code tolerations} of the system node group, as the coredns add-on's schema (top
     * level) and aws-ebs-csi-driver's ({@code controller.*}) name them; {@link CanonicalJson} orders the keys.
     */
    static Map<String, Object> systemNodePlacement() {
        return Map.of("nodeSelector", SystemNodes.nodeSelector(), "tolerations", SystemNodes.tolerations());
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

    private Addon addon(String name, Cluster cluster, ClusterConfig cfg, String addon,
                        Map<String, Object> configuration, List<Resource> dependsOn) {
        var addonArgs = AddonArgs.builder()
                .clusterName(cluster.name())
                .addonName(addon)
                .resolveConflictsOnCreate("OVERWRITE")
                .resolveConflictsOnUpdate("PRESERVE");
        if (cfg.addonVersions().containsKey(addon)) {
            addonArgs.addonVersion(cfg.addonVersions().get(addon));
        } else {
            // EKS picks its default only when an add-on is created; asking for the default of the configured
            // Kubernetes version on every run makes a control-plane upgrade carry the add-ons along. The price: a
            // new default from AWS is planned as an update on the next run (drift.yml and the prod preview before
            // approval show it); stacks that want every upgrade reviewed pin addonVersions (README).
            addonArgs.addonVersion(EksFunctions.getAddonVersion(GetAddonVersionArgs.builder()
                            .addonName(addon)
                            .kubernetesVersion(cfg.kubernetesVersion())
                            .mostRecent(false)
                            .build(), InvokeOptions.builder().parent(this).build())
                    .applyValue(GetAddonVersionResult::version));
        }
        if (!configuration.isEmpty()) {
            addonArgs.configurationValues(CanonicalJson.write(configuration));
        }
        return new Addon(name + "-" + addon, addonArgs.build(),
                CustomResourceOptions.builder().parent(this).dependsOn(dependsOn).build());
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

    public Output<String> clusterName() {
        return clusterName;
    }

    public Output<String> endpoint() {
        return endpoint;
    }

    public Output<String> certificateAuthority() {
        return certificateAuthority;
    }

    public Output<String> oidcIssuer() {
        return oidcIssuer;
    }

    /** The security group EKS creates and attaches to the control plane and managed nodes. */
    public Output<String> clusterSecurityGroupId() {
        return clusterSecurityGroupId;
    }

    /** A Pulumi secret. */
    public Output<String> kubeconfig() {
        return kubeconfig;
    }

    public Provider kubernetesProvider() {
        return kubernetesProvider;
    }

    /** Charts and custom resources that must run on (or outlive) the system nodes depend on this. */
    public NodeGroup systemNodeGroup() {
        return systemNodeGroup;
    }

    /** The system node group and CoreDNS: what the controllers' releases wait for. */
    public List<Resource> systemServices() {
        return systemServices;
    }

    public Key secretsKey() {
        return secretsKey;
    }
}
