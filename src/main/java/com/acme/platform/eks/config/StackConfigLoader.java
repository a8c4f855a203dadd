package com.acme.platform.eks.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one place where configuration is parsed and validated. Every problem is collected and reported at once,
 * before any resource is registered: the key, the value given and what is allowed.
 */
public final class StackConfigLoader {

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d");
    /** EKS: "The name can contain only alphanumeric characters (case-sensitive), hyphens, and underscores.
     *  It must start with an alphanumeric character and can't be longer than 100 characters." */
    private static final Pattern CLUSTER_NAME = Pattern.compile("[0-9A-Za-z][A-Za-z0-9_-]{0,99}");
    private static final Pattern TAG_CHARS = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    /** The values CloudWatch Logs accepts for retentionInDays. */
    static final Set<Integer> LOG_RETENTION_DAYS = Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545,
            731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);
    private static final Pattern KUBERNETES_VERSION = Pattern.compile("1\\.(\\d{1,2})");
    /** EKS standard support on 2026-11: 1.33 and newer. */
    private static final int MIN_KUBERNETES_MINOR = 33;
    /** Karpenter 1.14's compatibility matrix ends at 1.36 (karpenter-provider-aws website, v1.14 compatibility). */
    static final int MAX_KUBERNETES_MINOR = 36;
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws(-[a-z]+)*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
    private static final Pattern ADDON_VERSION = Pattern.compile("v\\d+\\.\\d+\\.\\d+-eksbuild\\.\\d+");
    private static final Pattern INSTANCE_TYPE = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z0-9]+");
    static final List<String> LOG_TYPES = List.of("api", "audit", "authenticator", "controllerManager", "scheduler");
    static final List<String> REQUIRED_LOG_TYPES = List.of("api", "audit", "authenticator");
    /** The managed add-ons the cluster installs (see EksCluster for their order). */
    public static final List<String> ADDONS = List.of("vpc-cni", "kube-proxy", "eks-pod-identity-agent", "coredns",
            "aws-ebs-csi-driver");
    /** RFC 1123 label: DNS labels and the names of namespaces, services, deployments. */
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final String DNS_NAME_RULE = "is not a valid DNS name: at least two dot-separated labels of 1-63"
            + " lower-case letters, digits or '-' (not starting or ending with '-'), at most 253 characters in all";
    private static final Pattern ZONE_ID = Pattern.compile("Z[0-9A-Z]{1,31}");
    private static final Pattern SPOT_ROLE_ARN = Pattern.compile(
            "arn:aws[a-z-]*:iam::\\d{12}:role/aws-service-role/spot\\.amazonaws\\.com/AWSServiceRoleForEC2Spot");
    private static final Pattern SECURITY_GROUP_ID = Pattern.compile("sg-[0-9a-f]{8}([0-9a-f]{9})?");
    static final List<String> EXTERNAL_DNS_POLICIES = List.of("sync", "upsert-only");
    private static final Set<String> RESERVED_TAGS = Set.of("project", "stack", "managed-by");
    /** GitHub: "Username may only contain alphanumeric characters or single hyphens, and cannot begin or end with a
     *  hyphen", at most 39 characters; organization names follow the same rule. */
    private static final Pattern GITHUB_OWNER = Pattern.compile("[A-Za-z0-9](-?[A-Za-z0-9])*");
    private static final int GITHUB_OWNER_MAX = 39;
    /** GitHub repository names: ASCII letters, digits, '.', '_' and '-', at most 100 characters, not '.' or '..'. */
    private static final Pattern GITHUB_REPOSITORY_NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    /** Stricter than GitHub (which allows up to 255 characters): the name goes into an exact-match OIDC subject, so
     *  no wildcard or separator characters; 247 leaves room for the "-preview" environment. */
    private static final Pattern GITHUB_ENVIRONMENT = Pattern.compile("[A-Za-z0-9._-]{1,247}");

    private StackConfigLoader() { }

    public static StackConfig load(String project, String stack, ConfigSource source) {
        var v = new Values(project, source);
        v.rejectUnknownKeys();

        String region = v.string(ConfigKeys.REGION);
        if (region == null) {
            v.problem(ConfigKeys.REGION, null, "is required; e.g. eu-west-1");
        } else if (!REGION.matcher(region).matches()) {
            v.problem(ConfigKeys.REGION, region, "is not an AWS region name such as eu-west-1");
        }
        Map<String, String> tags = tags(v);
        boolean protect = v.bool(ConfigKeys.PROTECT);

        // The bootstrap stack builds only the GitHub deploy roles: the platform keys are neither required nor
        // validated there, and setting one is reported rather than silently ignored (and the other way round).
        if (v.bool(ConfigKeys.DELIVERY_BOOTSTRAP)) {
            v.rejectKeysSetAmong(key -> !ConfigKeys.BOOTSTRAP.contains(key), "is not read by the delivery bootstrap"
                    + " stack (" + ConfigKeys.DELIVERY_BOOTSTRAP.name() + ": true builds only the GitHub deploy roles);"
                    + " remove it");
            GithubDeliveryConfig githubDelivery = githubDelivery(v);
            if (!v.problems.isEmpty()) {
                throw new ConfigException(stack, v.problems);
            }
            return new StackConfig(project, stack, region, tags, protect, null, null, null, null, null, null, null,
                    githubDelivery);
        }
        v.rejectKeysSetAmong(ConfigKeys.BOOTSTRAP_ONLY::contains, "is read only by the delivery bootstrap stack ("
                + ConfigKeys.DELIVERY_BOOTSTRAP.name() + ": true); remove it");

        NetworkConfig network = network(v, region);
        ClusterConfig cluster = cluster(v, project, stack);
        KarpenterConfig karpenter = karpenter(v, cluster.name());
        EdgeConfig edge = edge(v);
        AppConfig app = app(v);
        MetricsServerConfig metricsServer = metricsServer(v);
        ArgoCdConfig argoCd = argoCd(v, app);
        if (edge != null && app != null && argoCd != null) {
            hostsServedByTheEdge(v, edge, app, argoCd);
        }

        if (!v.problems.isEmpty()) {
            throw new ConfigException(stack, v.problems);
        }
        return new StackConfig(project, stack, region, tags, protect, network, cluster, karpenter, edge, app,
                metricsServer, argoCd, null);
    }

    private static GithubDeliveryConfig githubDelivery(Values v) {
        String repository = v.string(ConfigKeys.GITHUB_REPOSITORY);
        String owner = null;
        String name = null;
        if (repository == null) {
            v.problem(ConfigKeys.GITHUB_REPOSITORY, null, "is required when " + ConfigKeys.DELIVERY_BOOTSTRAP.name()
                    + " is true: the owner/repo whose workflows may assume the roles, e.g. acme/eks-platform");
        } else {
            int slash = repository.indexOf('/');
            owner = slash < 0 ? repository : repository.substring(0, slash);
            name = slash < 0 ? "" : repository.substring(slash + 1);
            if (slash < 0 || name.contains("/")) {
                v.problem(ConfigKeys.GITHUB_REPOSITORY, repository, "must be owner/repo (exactly one '/'), e.g."
                        + " acme/eks-platform");
            } else {
                if (owner.length() > GITHUB_OWNER_MAX || !GITHUB_OWNER.matcher(owner).matches()) {
                    v.problem(ConfigKeys.GITHUB_REPOSITORY, repository, "has an invalid owner '" + owner + "': GitHub"
                            + " user and organization names are 1-39 letters, digits or single hyphens, not starting"
                            + " or ending with a hyphen");
                }
                if (!GITHUB_REPOSITORY_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
                    v.problem(ConfigKeys.GITHUB_REPOSITORY, repository, "has an invalid repository name '" + name
                            + "': 1-100 letters, digits, '.', '_' or '-', not '.' or '..'");
                }
            }
        }
        String environment = v.string(ConfigKeys.GITHUB_PRODUCTION_ENVIRONMENT);
        if (environment == null || !GITHUB_ENVIRONMENT.matcher(environment).matches()) {
            v.problem(ConfigKeys.GITHUB_PRODUCTION_ENVIRONMENT, environment, "must be 1-247 letters, digits, '.', '_'"
                    + " or '-' (it becomes part of an exact-match OIDC subject claim)");
        }
        return new GithubDeliveryConfig(owner, name, environment, githubDeployRoles(v), bootstrapZone(v),
                zoneDelegations(v));
    }

    /** The bootstrap stack's public zone ({@code domain}), so it can be delegated before the platform exists. */
    private static Optional<String> bootstrapZone(Values v) {
        String domain = v.string(ConfigKeys.DOMAIN);
        if (domain != null && !isDnsName(domain)) {
            v.problem(ConfigKeys.DOMAIN, domain, DNS_NAME_RULE);
        }
        return Optional.ofNullable(domain);
    }

    /** Subdomains of the bootstrap zone delegated to other zones: each a name under the domain, 2-8 name servers. */
    private static Map<String, List<String>> zoneDelegations(Values v) {
        Object raw = v.raw(ConfigKeys.PUBLIC_ZONE_DELEGATIONS);
        var result = new java.util.TreeMap<String, List<String>>();
        if (raw == null) {
            return result;
        }
        String domain = v.string(ConfigKeys.DOMAIN);
        if (domain == null) {
            v.problem(ConfigKeys.PUBLIC_ZONE_DELEGATIONS, null, "needs " + ConfigKeys.DOMAIN.name()
                    + ", the zone the delegation records go into");
        }
        if (!(raw instanceof Map<?, ?> map)) {
            v.problem(ConfigKeys.PUBLIC_ZONE_DELEGATIONS, raw, "must map each subdomain to its name servers, e.g."
                    + " {dev.example.com: [ns-1.awsdns-01.org, ...]}");
            return result;
        }
        map.forEach((key, value) -> {
            String subdomain = String.valueOf(key);
            if (!isDnsName(subdomain) || domain != null && !subdomain.endsWith("." + domain)) {
                v.problem(ConfigKeys.PUBLIC_ZONE_DELEGATIONS, subdomain, "is not a DNS name under "
                        + (domain == null ? "the domain" : domain));
            }
            if (!(value instanceof List<?> servers) || servers.size() < 2 || servers.size() > 8
                    || !servers.stream().allMatch(s -> s instanceof String ns && isDnsName(ns.replaceAll("\\.$", "")))) {
                v.problem(ConfigKeys.PUBLIC_ZONE_DELEGATIONS, subdomain, "must list 2 to 8 name servers (DNS names),"
                        + " e.g. the publicZoneNameServers output of the subdomain's bootstrap stack");
            } else {
                result.put(subdomain, servers.stream().map(String.class::cast).toList());
            }
        });
        return result;
    }

    /**
     * Which deploy roles this bootstrap stack builds. Default all four, so that a single-account setup works as
     * it is; with an account per stack each account's bootstrap stack lists only its own roles (docs/delivery.md,
     * "One AWS account per stack").
     */
    private static java.util.EnumSet<GithubDeployRole> githubDeployRoles(Values v) {
        List<String> allowed = GithubDeployRole.configValues();
        List<String> given = v.isSet(ConfigKeys.GITHUB_DEPLOY_ROLES) ? v.strings(ConfigKeys.GITHUB_DEPLOY_ROLES)
                : allowed;
        nonEmptySubset(v, ConfigKeys.GITHUB_DEPLOY_ROLES, given, allowed, Map.of());
        var roles = java.util.EnumSet.noneOf(GithubDeployRole.class);
        for (GithubDeployRole role : GithubDeployRole.values()) {
            if (given.contains(role.configValue())) {
                roles.add(role);
            }
        }
        return roles;
    }

    private static Map<String, String> tags(Values v) {
        Map<String, String> tags = v.stringMap(ConfigKeys.TAGS);
        tags.forEach((key, value) -> {
            if (key.isEmpty() || key.length() > 128 || !TAG_CHARS.matcher(key).matches()
                    || key.toLowerCase().startsWith("aws:")) {
                v.problem(ConfigKeys.TAGS, key, "is not a valid tag key: 1-128 letters, digits, spaces or _.:/=+-@,"
                        + " not starting with aws:");
            }
            if (value.length() > 256 || !TAG_CHARS.matcher(value).matches()) {
                v.problem(ConfigKeys.TAGS, key + "=" + value, "has an invalid tag value: at most 256 letters, digits,"
                        + " spaces or _.:/=+-@");
            }
            if (RESERVED_TAGS.contains(key)) {
                v.problem(ConfigKeys.TAGS, key, "is set by the program itself; reserved keys: " + RESERVED_TAGS);
            }
        });
        return tags;
    }

    private static NetworkConfig network(Values v, String region) {
        String cidrText = v.string(ConfigKeys.VPC_CIDR);
        Ipv4Cidr vpc = Ipv4Cidr.parse(cidrText).orElse(null);
        if (vpc == null) {
            v.problem(ConfigKeys.VPC_CIDR, cidrText, "is not a canonical IPv4 CIDR (a.b.c.d/n, n <= 32, no host bits)");
        } else if (vpc.prefixLength() < 16 || vpc.prefixLength() > 24) {
            v.problem(ConfigKeys.VPC_CIDR, cidrText, "has prefix /" + vpc.prefixLength()
                    + "; allowed /16 to /24 (AWS allows no larger VPC, and smaller leaves no room for pods)");
            vpc = null;
        }

        int azCount = v.integer(ConfigKeys.AZ_COUNT);
        boolean azCountValid = azCount >= 2 && azCount <= 6;
        if (!azCountValid) {
            v.problem(ConfigKeys.AZ_COUNT, azCount, "must be between 2 and 6 (EKS needs subnets in at least two AZs)");
        }

        List<String> zones = v.strings(ConfigKeys.AVAILABILITY_ZONES);
        if (!zones.isEmpty()) {
            if (azCountValid && zones.size() != azCount) {
                v.problem(ConfigKeys.AVAILABILITY_ZONES, zones, "lists " + zones.size() + " zones but azCount is "
                        + azCount + "; list exactly azCount zones or none");
            }
            if (new TreeSet<>(zones).size() != zones.size()) {
                v.problem(ConfigKeys.AVAILABILITY_ZONES, zones, "lists a zone twice");
            }
            for (String zone : zones) {
                if (region != null && !(zone.startsWith(region) && zone.length() == region.length() + 1
                        && Character.isLowerCase(zone.charAt(region.length())))) {
                    v.problem(ConfigKeys.AVAILABILITY_ZONES, zone, "is not a zone of region " + region
                            + " (expected " + region + "a, " + region + "b, ...)");
                }
            }
        }

        int privatePrefix = v.integer(ConfigKeys.PRIVATE_SUBNET_PREFIX);
        int publicPrefix = v.integer(ConfigKeys.PUBLIC_SUBNET_PREFIX);
        boolean prefixesValid = true;
        for (var key : List.of(ConfigKeys.PRIVATE_SUBNET_PREFIX, ConfigKeys.PUBLIC_SUBNET_PREFIX)) {
            int prefix = key == ConfigKeys.PRIVATE_SUBNET_PREFIX ? privatePrefix : publicPrefix;
            if (prefix > 28 || vpc != null && prefix <= vpc.prefixLength()) {
                v.problem(key, prefix, "must be longer than the VPC prefix"
                        + (vpc == null ? "" : " /" + vpc.prefixLength()) + " and at most 28 (the smallest AWS subnet)");
                prefixesValid = false;
            }
        }

        String natText = v.string(ConfigKeys.NAT_GATEWAYS);
        NatMode nat = null;
        for (NatMode mode : NatMode.values()) {
            if (mode.configValue().equals(natText)) {
                nat = mode;
            }
        }
        if (nat == null) {
            v.problem(ConfigKeys.NAT_GATEWAYS, natText, "must be one of "
                    + java.util.Arrays.stream(NatMode.values()).map(NatMode::configValue).toList());
        }

        boolean flowLogs = v.bool(ConfigKeys.FLOW_LOGS);
        int retention = v.integer(ConfigKeys.FLOW_LOG_RETENTION_DAYS);
        if (!LOG_RETENTION_DAYS.contains(retention)) {
            v.problem(ConfigKeys.FLOW_LOG_RETENTION_DAYS, retention, "is not a CloudWatch Logs retention; allowed: "
                    + new TreeSet<>(LOG_RETENTION_DAYS));
        }

        if (vpc == null || !azCountValid || !prefixesValid) {
            return null;
        }
        var candidate = new NetworkConfig(vpc, azCount, zones, privatePrefix, publicPrefix, nat, flowLogs, retention);
        var last = candidate.publicSubnetCidrs().get(azCount - 1);
        if (!vpc.contains(last)) {
            v.problem(ConfigKeys.VPC_CIDR, cidrText, "is too small for " + azCount + " private /" + privatePrefix
                    + " and " + azCount + " public /" + publicPrefix + " subnets; use a larger VPC or longer"
                    + " subnet prefixes (" + ConfigKeys.PRIVATE_SUBNET_PREFIX.name() + ", "
                    + ConfigKeys.PUBLIC_SUBNET_PREFIX.name() + ")");
        }
        return candidate;
    }

    private static ClusterConfig cluster(Values v, String project, String stack) {
        String name = v.string(ConfigKeys.CLUSTER_NAME);
        if (name == null) {
            name = project + "-" + stack;
        }
        if (!CLUSTER_NAME.matcher(name).matches()) {
            v.problem(ConfigKeys.CLUSTER_NAME, name, "is not a valid EKS cluster name: 1-100 letters, digits, '-' or"
                    + " '_', starting with a letter or digit");
        }

        String version = v.string(ConfigKeys.KUBERNETES_VERSION);
        var versionMatch = KUBERNETES_VERSION.matcher(version == null ? "" : version);
        if (!versionMatch.matches()) {
            v.problem(ConfigKeys.KUBERNETES_VERSION, version, "must be a Kubernetes minor version such as 1.36"
                    + " (major.minor, no patch, no 'v')");
        } else if (Integer.parseInt(versionMatch.group(1)) < MIN_KUBERNETES_MINOR) {
            v.problem(ConfigKeys.KUBERNETES_VERSION, version, "is older than 1." + MIN_KUBERNETES_MINOR
                    + ", the oldest version this platform supports on EKS");
        } else if (Integer.parseInt(versionMatch.group(1)) > MAX_KUBERNETES_MINOR) {
            v.problem(ConfigKeys.KUBERNETES_VERSION, version, "is newer than 1." + MAX_KUBERNETES_MINOR
                    + ", the newest version Karpenter 1.14 supports");
        }

        boolean publicAccess = v.bool(ConfigKeys.ENDPOINT_PUBLIC_ACCESS);
        List<String> publicCidrs = v.strings(ConfigKeys.PUBLIC_ACCESS_CIDRS);
        for (String cidr : publicCidrs) {
            if (Ipv4Cidr.parse(cidr).isEmpty()) {
                v.problem(ConfigKeys.PUBLIC_ACCESS_CIDRS, cidr, "is not a canonical IPv4 CIDR");
            }
        }
        if (!publicAccess && !publicCidrs.isEmpty()) {
            v.problem(ConfigKeys.PUBLIC_ACCESS_CIDRS, publicCidrs, "is set but endpointPublicAccess is false;"
                    + " set endpointPublicAccess: true to open the public endpoint to these CIDRs only");
        }

        List<String> admins = v.strings(ConfigKeys.CLUSTER_ADMIN_ROLE_ARNS);
        if (admins.isEmpty()) {
            v.problem(ConfigKeys.CLUSTER_ADMIN_ROLE_ARNS, null, "is required: list at least the IAM role that runs"
                    + " pulumi up (the cluster creator gets no implicit admin access)");
        }
        roleArns(v, ConfigKeys.CLUSTER_ADMIN_ROLE_ARNS, admins);
        List<String> viewers = v.strings(ConfigKeys.CLUSTER_VIEWER_ROLE_ARNS);
        roleArns(v, ConfigKeys.CLUSTER_VIEWER_ROLE_ARNS, viewers);
        // EKS allows one access entry per principal: a role in both lists would fail at apply time, and which
        // access it should have would be ambiguous anyway.
        for (String arn : viewers) {
            if (admins.contains(arn)) {
                v.problem(ConfigKeys.CLUSTER_VIEWER_ROLE_ARNS, arn, "is also in "
                        + ConfigKeys.CLUSTER_ADMIN_ROLE_ARNS.name() + "; a role gets one access entry: list it in"
                        + " one of the two");
            }
        }

        List<String> apiGroups = v.strings(ConfigKeys.CLUSTER_API_ACCESS_SECURITY_GROUP_IDS);
        for (String group : apiGroups) {
            if (!SECURITY_GROUP_ID.matcher(group).matches()) {
                v.problem(ConfigKeys.CLUSTER_API_ACCESS_SECURITY_GROUP_IDS, group, "is not a security group id such as"
                        + " sg-0123456789abcdef0");
            }
        }
        List<String> apiCidrs = v.strings(ConfigKeys.CLUSTER_API_ACCESS_CIDRS);
        for (String cidr : apiCidrs) {
            var parsed = Ipv4Cidr.parse(cidr);
            if (parsed.isEmpty()) {
                v.problem(ConfigKeys.CLUSTER_API_ACCESS_CIDRS, cidr, "is not a canonical IPv4 CIDR");
            } else if (parsed.get().prefixLength() == 0) {
                v.problem(ConfigKeys.CLUSTER_API_ACCESS_CIDRS, cidr, "admits the whole internet; list the runners'"
                        + " CIDRs only");
            }
        }

        List<String> logTypes = v.strings(ConfigKeys.CLUSTER_LOG_TYPES);
        if (logTypes.isEmpty()) {
            logTypes = REQUIRED_LOG_TYPES;
        }
        for (String type : logTypes) {
            if (!LOG_TYPES.contains(type)) {
                v.problem(ConfigKeys.CLUSTER_LOG_TYPES, type, "is not a control-plane log type; allowed: " + LOG_TYPES);
            }
        }
        if (!logTypes.containsAll(REQUIRED_LOG_TYPES)) {
            v.problem(ConfigKeys.CLUSTER_LOG_TYPES, logTypes, "must include " + REQUIRED_LOG_TYPES);
        }
        int retention = v.integer(ConfigKeys.CLUSTER_LOG_RETENTION_DAYS);
        if (!LOG_RETENTION_DAYS.contains(retention)) {
            v.problem(ConfigKeys.CLUSTER_LOG_RETENTION_DAYS, retention, "is not a CloudWatch Logs retention; allowed: "
                    + new TreeSet<>(LOG_RETENTION_DAYS));
        }

        String supportType = v.string(ConfigKeys.CLUSTER_SUPPORT_TYPE);
        if (!SUPPORT_TYPES.contains(supportType)) {
            v.problem(ConfigKeys.CLUSTER_SUPPORT_TYPE, supportType, "must be one of " + SUPPORT_TYPES);
        }
        boolean zonalShift = v.bool(ConfigKeys.CLUSTER_ZONAL_SHIFT);

        Map<String, String> addonVersions = v.stringMap(ConfigKeys.ADDON_VERSIONS);
        addonVersions.forEach((addon, addonVersion) -> {
            if (!ADDONS.contains(addon)) {
                v.problem(ConfigKeys.ADDON_VERSIONS, addon, "is not a managed add-on of this platform; allowed: "
                        + ADDONS);
            }
            if (!ADDON_VERSION.matcher(addonVersion).matches()) {
                v.problem(ConfigKeys.ADDON_VERSIONS, addon + "=" + addonVersion,
                        "is not an EKS add-on version such as v1.19.5-eksbuild.1");
            }
        });

        List<String> instanceTypes = v.strings(ConfigKeys.SYSTEM_NODE_INSTANCE_TYPES);
        if (instanceTypes.isEmpty()) {
            instanceTypes = List.of("m7i.large");
        }
        for (String type : instanceTypes) {
            if (!INSTANCE_TYPE.matcher(type).matches()) {
                v.problem(ConfigKeys.SYSTEM_NODE_INSTANCE_TYPES, type, "is not an EC2 instance type such as m7i.large");
            }
        }
        // A managed node group has one AMI type, so one architecture: EKS rejects x86 types with an ARM AMI and
        // the reverse.
        var graviton = instanceTypes.stream().filter(StackConfigLoader::graviton).toList();
        String amiType = graviton.isEmpty() ? "AL2023_x86_64_STANDARD" : "AL2023_ARM_64_STANDARD";
        if (!graviton.isEmpty() && graviton.size() != instanceTypes.size()) {
            v.problem(ConfigKeys.SYSTEM_NODE_INSTANCE_TYPES, instanceTypes, "mixes Graviton (arm64) types " + graviton
                    + " with x86_64 ones; a node group has one AMI type, so list types of one architecture only");
        }
        String capacity = v.string(ConfigKeys.SYSTEM_NODE_CAPACITY_TYPE);
        if (!List.of("ON_DEMAND", "SPOT").contains(capacity)) {
            v.problem(ConfigKeys.SYSTEM_NODE_CAPACITY_TYPE, capacity, "must be ON_DEMAND or SPOT");
        }
        int min = v.integer(ConfigKeys.SYSTEM_NODE_MIN_SIZE);
        int desired = v.integer(ConfigKeys.SYSTEM_NODE_DESIRED_SIZE);
        int max = v.integer(ConfigKeys.SYSTEM_NODE_MAX_SIZE);
        if (min < 1) {
            v.problem(ConfigKeys.SYSTEM_NODE_MIN_SIZE, min, "must be at least 1: the controllers run there");
        }
        if (desired < min || desired > max) {
            v.problem(ConfigKeys.SYSTEM_NODE_DESIRED_SIZE, desired, "must lie between systemNodeMinSize (" + min
                    + ") and systemNodeMaxSize (" + max + ")");
        }
        int disk = v.integer(ConfigKeys.SYSTEM_NODE_DISK_SIZE);
        if (disk < 20 || disk > 16384) {
            v.problem(ConfigKeys.SYSTEM_NODE_DISK_SIZE, disk, "must be between 20 and 16384 GiB");
        }
        return new ClusterConfig(name, version, publicAccess, publicCidrs, admins, viewers, apiGroups, apiCidrs,
                logTypes, retention,
                supportType, zonalShift, addonVersions, new ClusterConfig.SystemNodeGroup(instanceTypes, amiType, capacity, min, desired, max,
                disk));
    }

    /** Family letters, generation digits, attribute letters (up to a '-' as in m7i-flex), then the size. */
    private static final Pattern INSTANCE_TYPE_PARTS = Pattern.compile("([a-z]+)(\\d+)([a-z]*)[a-z0-9-]*\\.[a-z0-9]+");

    /**
     * Whether an instance type is AWS Graviton (arm64): a 'g' among the attribute letters after the generation
     * (m7g, c6gn, r8g, t4g, m7gd, im4gn, g5g, but not g4dn), plus a1, the first Graviton, which has none.
     */
    static boolean graviton(String instanceType) {
        var m = INSTANCE_TYPE_PARTS.matcher(instanceType);
        if (!m.matches()) {
            return false;
        }
        return m.group(3).contains("g") || (m.group(1).equals("a") && m.group(2).equals("1"));
    }

    private static void roleArns(Values v, ConfigKey key, List<String> arns) {
        for (String arn : arns) {
            if (!ROLE_ARN.matcher(arn).matches()) {
                v.problem(key, arn, "is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>)");
            }
        }
        if (new TreeSet<>(arns).size() != arns.size()) {
            v.problem(key, arns, "lists a role twice (EKS allows one access entry per principal)");
        }
    }

    /** Karpenter's patterns are those of its v1 CRDs, so a bad value fails here instead of at apply time. */
    private static final Pattern KARPENTER_AMI_ALIAS = Pattern.compile("al2023@v\\d{8}");
    private static final Pattern GO_DURATION = Pattern.compile("([0-9]+(s|m|h))+");
    private static final Pattern KARPENTER_DURATION = Pattern.compile(GO_DURATION.pattern() + "|Never");
    private static final Pattern KARPENTER_BUDGET_NODES = Pattern.compile("(100|[0-9]{1,2})%|[0-9]+");
    private static final Pattern KARPENTER_BUDGET_DURATION = Pattern.compile("(([0-9]+(h|m))|([0-9]+h[0-9]+m))(0s)?");
    private static final Pattern CRON = Pattern.compile("@(yearly|annually|monthly|weekly|daily|midnight|hourly)"
            + "|(\\S+\\s+){4}\\S+");
    private static final Pattern INSTANCE_CATEGORY = Pattern.compile("[a-z]{1,4}");
    static final List<String> KARPENTER_CAPACITY_TYPES = List.of("spot", "on-demand");
    /**
     * Karpenter knows a third capacity type, but it launches reserved capacity only from reservations its
     * EC2NodeClass selects, and ours selects none.
     */
    private static final Map<String, String> UNSUPPORTED_CAPACITY_TYPES = Map.of("reserved", "is not supported:"
            + " the EC2NodeClass has no capacityReservationSelectorTerms, so Karpenter finds no reservation and a"
            + " pool limited to reserved capacity launches nothing");
    static final List<String> KARPENTER_ARCHITECTURES = List.of("amd64", "arm64");
    /** SQS: queue names are at most 80 characters, and the interruption queue is named after the cluster. */
    private static final int MAX_QUEUE_NAME = 80;
    static final List<String> SUPPORT_TYPES = List.of("STANDARD", "EXTENDED");

    private static KarpenterConfig karpenter(Values v, String clusterName) {
        // Longer than 100 is already reported as an invalid EKS name.
        if (clusterName.length() > MAX_QUEUE_NAME && clusterName.length() <= 100) {
            v.problem(ConfigKeys.CLUSTER_NAME, clusterName, "is longer than " + MAX_QUEUE_NAME + " characters, the"
                    + " longest SQS queue name (Karpenter's interruption queue is named after the cluster)");
        }
        int replicas = v.integer(ConfigKeys.KARPENTER_REPLICAS);
        if (replicas < 1 || replicas > 3) {
            v.problem(ConfigKeys.KARPENTER_REPLICAS, replicas, "must be between 1 and 3 (one leader, the others"
                    + " stand by)");
        }
        String alias = v.string(ConfigKeys.KARPENTER_AMI_ALIAS);
        if (alias != null && alias.endsWith("@latest")) {
            v.problem(ConfigKeys.KARPENTER_AMI_ALIAS, alias, "must pin an AMI release such as al2023@v20260714:"
                    + " with @latest every new AMI AWS publishes drifts and replaces all Karpenter nodes");
        } else if (alias == null || !KARPENTER_AMI_ALIAS.matcher(alias).matches()) {
            v.problem(ConfigKeys.KARPENTER_AMI_ALIAS, alias, "must be al2023@v<YYYYMMDD>, an EKS AMI release such"
                    + " as al2023@v20260714");
        }

        List<String> capacityTypes = v.isSet(ConfigKeys.KARPENTER_CAPACITY_TYPES)
                ? v.strings(ConfigKeys.KARPENTER_CAPACITY_TYPES) : List.of("on-demand");
        List<String> categories = v.isSet(ConfigKeys.KARPENTER_INSTANCE_CATEGORIES)
                ? v.strings(ConfigKeys.KARPENTER_INSTANCE_CATEGORIES) : List.of("c", "m", "r");
        List<String> architectures = v.isSet(ConfigKeys.KARPENTER_ARCHITECTURES)
                ? v.strings(ConfigKeys.KARPENTER_ARCHITECTURES) : List.of("amd64");
        nonEmptySubset(v, ConfigKeys.KARPENTER_CAPACITY_TYPES, capacityTypes, KARPENTER_CAPACITY_TYPES,
                UNSUPPORTED_CAPACITY_TYPES);
        nonEmptySubset(v, ConfigKeys.KARPENTER_ARCHITECTURES, architectures, KARPENTER_ARCHITECTURES, Map.of());
        if (categories.isEmpty()) {
            v.problem(ConfigKeys.KARPENTER_INSTANCE_CATEGORIES, categories, "must list at least one instance"
                    + " category such as c, m or r");
        }
        for (String category : categories) {
            if (!INSTANCE_CATEGORY.matcher(category).matches()) {
                v.problem(ConfigKeys.KARPENTER_INSTANCE_CATEGORIES, category, "is not an EC2 instance category"
                        + " (the letters before the generation: c, m, r, t, inf, ...)");
            }
        }
        int generation = v.integer(ConfigKeys.KARPENTER_INSTANCE_GENERATION_GT);
        if (generation != Integer.MIN_VALUE && generation < 0) {
            v.problem(ConfigKeys.KARPENTER_INSTANCE_GENERATION_GT, generation, "must be 0 or more");
        }
        int cpuLimit = v.integer(ConfigKeys.KARPENTER_CPU_LIMIT);
        if (cpuLimit != Integer.MIN_VALUE && cpuLimit <= 0) {
            v.problem(ConfigKeys.KARPENTER_CPU_LIMIT, cpuLimit, "must be a positive number of vCPUs");
        }
        String consolidateAfter = duration(v, ConfigKeys.KARPENTER_CONSOLIDATE_AFTER);
        String expireAfter = duration(v, ConfigKeys.KARPENTER_EXPIRE_AFTER);
        // Without a bound, a pod whose PDB never allows eviction keeps an expired or drifted node (and its AMI)
        // alive for ever: expireAfter then means nothing.
        Optional<String> terminationGracePeriod = Optional.ofNullable(
                v.string(ConfigKeys.KARPENTER_TERMINATION_GRACE_PERIOD));
        terminationGracePeriod.filter(p -> !GO_DURATION.matcher(p).matches()).ifPresent(p ->
                v.problem(ConfigKeys.KARPENTER_TERMINATION_GRACE_PERIOD, p, "must be a duration in whole hours,"
                        + " minutes and seconds such as 48h or 1h30m (Never is not allowed: leave it unset)"));

        Optional<String> budgetNodes = Optional.ofNullable(v.string(ConfigKeys.KARPENTER_DISRUPTION_BUDGET_NODES));
        budgetNodes.filter(n -> !KARPENTER_BUDGET_NODES.matcher(n).matches()).ifPresent(n ->
                v.problem(ConfigKeys.KARPENTER_DISRUPTION_BUDGET_NODES, n, "must be a percentage (0% to 100%) or a"
                        + " node count such as 10% or 2"));
        String schedule = v.string(ConfigKeys.KARPENTER_DISRUPTION_FREEZE_SCHEDULE);
        String freezeDuration = v.string(ConfigKeys.KARPENTER_DISRUPTION_FREEZE_DURATION);
        Optional<KarpenterConfig.Freeze> freeze = Optional.empty();
        if (schedule != null && !CRON.matcher(schedule.trim()).matches()) {
            v.problem(ConfigKeys.KARPENTER_DISRUPTION_FREEZE_SCHEDULE, schedule, "is not a cron schedule (five"
                    + " fields such as '0 9 * * mon-fri', or @daily, @weekly, ...)");
        }
        if (freezeDuration != null && !KARPENTER_BUDGET_DURATION.matcher(freezeDuration).matches()) {
            v.problem(ConfigKeys.KARPENTER_DISRUPTION_FREEZE_DURATION, freezeDuration, "must be hours and/or"
                    + " minutes such as 8h, 90m or 1h30m");
        }
        if (schedule != null && freezeDuration == null) {
            v.problem(ConfigKeys.KARPENTER_DISRUPTION_FREEZE_DURATION, null, "is required when "
                    + ConfigKeys.KARPENTER_DISRUPTION_FREEZE_SCHEDULE.name() + " is set");
        } else if (schedule == null && freezeDuration != null) {
            v.problem(ConfigKeys.KARPENTER_DISRUPTION_FREEZE_SCHEDULE, null, "is required when "
                    + ConfigKeys.KARPENTER_DISRUPTION_FREEZE_DURATION.name() + " is set");
        } else if (schedule != null) {
            freeze = Optional.of(new KarpenterConfig.Freeze(schedule.trim(), freezeDuration));
        }

        int volume = v.integer(ConfigKeys.KARPENTER_NODE_VOLUME_SIZE);
        if (volume != Integer.MIN_VALUE && (volume < 20 || volume > 16384)) {
            v.problem(ConfigKeys.KARPENTER_NODE_VOLUME_SIZE, volume, "must be between 20 and 16384 GiB");
        }
        String spotRole = v.string(ConfigKeys.KARPENTER_SPOT_SERVICE_LINKED_ROLE);
        var spotServiceLinkedRole = KarpenterConfig.SpotServiceLinkedRole.CREATE;
        Optional<String> spotRoleArn = Optional.empty();
        if ("external".equals(spotRole)) {
            spotServiceLinkedRole = KarpenterConfig.SpotServiceLinkedRole.EXTERNAL;
        } else if (spotRole != null && SPOT_ROLE_ARN.matcher(spotRole).matches()) {
            spotServiceLinkedRole = KarpenterConfig.SpotServiceLinkedRole.IMPORT;
            spotRoleArn = Optional.of(spotRole);
        } else if (!"create".equals(spotRole)) {
            v.problem(ConfigKeys.KARPENTER_SPOT_SERVICE_LINKED_ROLE, spotRole, "must be create, external, or the ARN"
                    + " of the account's existing role to adopt, arn:aws:iam::<account>:role/aws-service-role/"
                    + "spot.amazonaws.com/AWSServiceRoleForEC2Spot");
        }
        return new KarpenterConfig(replicas, alias, capacityTypes, categories, generation, architectures, cpuLimit,
                consolidateAfter, expireAfter, terminationGracePeriod, budgetNodes, freeze, volume,
                spotServiceLinkedRole, spotRoleArn);
    }

    /** @param unsupported why a known but rejected value is rejected, by value */
    private static void nonEmptySubset(Values v, ConfigKey key, List<String> given, List<String> allowed,
                                       Map<String, String> unsupported) {
        if (given.isEmpty()) {
            v.problem(key, given, "must list at least one of " + allowed);
        }
        for (String value : given) {
            if (!allowed.contains(value)) {
                v.problem(key, value, unsupported.getOrDefault(value, "is not allowed") + "; allowed: " + allowed);
            }
        }
        if (new TreeSet<>(given).size() != given.size()) {
            v.problem(key, given, "lists a value twice");
        }
    }

    private static String duration(Values v, ConfigKey key) {
        String value = v.string(key);
        if (value == null || !KARPENTER_DURATION.matcher(value).matches()) {
            v.problem(key, value, "must be a duration in whole hours, minutes and seconds (30s, 5m, 720h, 1h30m)"
                    + " or Never");
        }
        return value;
    }

    private static EdgeConfig edge(Values v) {
        boolean enabled = v.bool(ConfigKeys.INGRESS_ENABLED);
        String domain = v.string(ConfigKeys.DOMAIN);
        if (domain == null) {
            if (enabled) {
                v.problem(ConfigKeys.DOMAIN, null, "is required when ingressEnabled is true: the public DNS domain of"
                        + " the application, e.g. example.com");
            }
        } else if (!isDnsName(domain)) {
            v.problem(ConfigKeys.DOMAIN, domain, DNS_NAME_RULE);
            domain = null;
        }

        String zoneId = v.string(ConfigKeys.PUBLIC_ZONE_ID);
        if (zoneId != null && !ZONE_ID.matcher(zoneId).matches()) {
            v.problem(ConfigKeys.PUBLIC_ZONE_ID, zoneId, "is not a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ"
                    + " (Z and upper-case letters or digits, no /hostedzone/ prefix)");
        }

        String privateZone = v.string(ConfigKeys.PRIVATE_ZONE_NAME);
        if (privateZone == null) {
            privateZone = domain == null ? null : "internal." + domain;
        } else if (!isDnsName(privateZone)) {
            v.problem(ConfigKeys.PRIVATE_ZONE_NAME, privateZone, DNS_NAME_RULE);
        } else if (privateZone.equals(domain)) {
            v.problem(ConfigKeys.PRIVATE_ZONE_NAME, privateZone, "must differ from the domain: the public and private"
                    + " instances of external-dns would otherwise manage the same names");
        }

        List<String> names = v.strings(ConfigKeys.CERTIFICATE_NAMES);
        for (String name : names) {
            String host = name.startsWith("*.") ? name.substring(2) : name;
            if (!isDnsName(host)) {
                v.problem(ConfigKeys.CERTIFICATE_NAMES, name, DNS_NAME_RULE + " (optionally starting with *.)");
            } else if (domain != null && !host.equals(domain) && !host.endsWith("." + domain)) {
                v.problem(ConfigKeys.CERTIFICATE_NAMES, name, "is not within the domain " + domain
                        + ": the certificate is validated through records in the domain's public zone");
            }
        }
        if (new TreeSet<>(names).size() != names.size()) {
            v.problem(ConfigKeys.CERTIFICATE_NAMES, names, "lists a name twice");
        }
        boolean wildcard = v.bool(ConfigKeys.WILDCARD_CERTIFICATE);

        String policy = v.string(ConfigKeys.EXTERNAL_DNS_POLICY);
        if (!EXTERNAL_DNS_POLICIES.contains(policy)) {
            v.problem(ConfigKeys.EXTERNAL_DNS_POLICY, policy, "must be one of " + EXTERNAL_DNS_POLICIES);
        }
        int replicas = v.integer(ConfigKeys.LOAD_BALANCER_CONTROLLER_REPLICAS);
        if (replicas < 1 || replicas > 5) {
            v.problem(ConfigKeys.LOAD_BALANCER_CONTROLLER_REPLICAS, replicas, "must be between 1 and 5 (the"
                    + " controller elects one leader; more replicas only add standby)");
        }
        return new EdgeConfig(enabled, domain, java.util.Optional.ofNullable(zoneId), privateZone, names, wildcard,
                policy, replicas);
    }

    /** RFC 1035 host names as Route 53 and ACM take them, lower case, at least two labels. */
    static boolean isDnsName(String name) {
        if (name.isEmpty() || name.length() > 253) {
            return false;
        }
        String[] labels = name.split("\\.", -1);
        return labels.length >= 2 && java.util.Arrays.stream(labels).allMatch(l -> DNS_LABEL.matcher(l).matches());
    }

    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\\.)+[a-z]([-a-z0-9]{0,61}[a-z0-9])?");
    /** Docker reference grammar: lower-case path components, optional registry host[:port]. */
    private static final Pattern IMAGE_REPOSITORY = Pattern.compile(
            "([a-zA-Z0-9.-]+(:\\d+)?/)?[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*");
    private static final Pattern IMAGE_TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern IMAGE_DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern HTTP_PATH = Pattern.compile("/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*");
    /** Kubernetes quantities as people write them: 250m / 0.5 / 2 for CPU; 256Mi / 1Gi / 500M for memory. */
    private static final Pattern CPU_QUANTITY = Pattern.compile("(\\d+)m|\\d+(\\.\\d{1,3})?");
    private static final Pattern MEMORY_QUANTITY = Pattern.compile("(\\d+)(Ki|Mi|Gi|Ti|k|M|G|T)?");
    private static final Map<String, Long> MEMORY_UNITS = Map.of("", 1L, "k", 1000L, "M", 1000_000L,
            "G", 1000_000_000L, "T", 1000_000_000_000L, "Ki", 1024L, "Mi", 1024L * 1024, "Gi", 1024L * 1024 * 1024,
            "Ti", 1024L * 1024 * 1024 * 1024);
    private static final Pattern GIT_URL = Pattern.compile("(https://|ssh://|git@)[^\\s]+");

    private static AppConfig app(Values v) {
        String name = v.string(ConfigKeys.APP_NAME);
        if (name == null || !DNS_LABEL.matcher(name).matches()) {
            v.problem(ConfigKeys.APP_NAME, name, "must be a DNS label: lower-case letters, digits and '-', at most 63");
        }
        String namespace = v.string(ConfigKeys.APP_NAMESPACE);
        if (namespace == null || !DNS_LABEL.matcher(namespace).matches()) {
            v.problem(ConfigKeys.APP_NAMESPACE, namespace, "must be a DNS label: lower-case letters, digits and '-',"
                    + " at most 63");
        } else if (namespace.startsWith("kube-") || namespace.equals("default")) {
            v.problem(ConfigKeys.APP_NAMESPACE, namespace, "is a system namespace; the app gets its own");
        }

        String repository = v.string(ConfigKeys.APP_IMAGE_REPOSITORY);
        if (repository == null) {
            v.problem(ConfigKeys.APP_IMAGE_REPOSITORY, null, "is required: the app's container image repository,"
                    + " e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com/backend");
        } else if (!IMAGE_REPOSITORY.matcher(repository).matches()) {
            v.problem(ConfigKeys.APP_IMAGE_REPOSITORY, repository, "is not an image repository (registry/path,"
                    + " lower case, without :tag or @digest)");
        }
        String tag = v.string(ConfigKeys.APP_IMAGE_TAG);
        String digest = v.string(ConfigKeys.APP_IMAGE_DIGEST);
        if (tag != null && tag.equalsIgnoreCase("latest")) {
            v.problem(ConfigKeys.APP_IMAGE_TAG, tag, "is not a version: 'latest' changes under the same name, so"
                    + " rollouts and rollbacks are not reproducible; pin a version tag and preferably appImageDigest");
        } else if (tag != null && !IMAGE_TAG.matcher(tag).matches()) {
            v.problem(ConfigKeys.APP_IMAGE_TAG, tag, "is not an image tag (letters, digits, '_', '.', '-', at most 128)");
        }
        if (digest != null && !IMAGE_DIGEST.matcher(digest).matches()) {
            v.problem(ConfigKeys.APP_IMAGE_DIGEST, digest, "is not an image digest sha256:<64 lower-case hex>");
        }
        if (tag == null && digest == null) {
            v.problem(ConfigKeys.APP_IMAGE_TAG, null, "is required unless appImageDigest is set: an image without a"
                    + " tag or digest means 'latest'");
        }

        int port = v.integer(ConfigKeys.APP_CONTAINER_PORT);
        if (port < 1024 || port > 65535) {
            v.problem(ConfigKeys.APP_CONTAINER_PORT, port, "must be between 1024 and 65535: a non-root container"
                    + " cannot bind privileged ports");
        }

        var resources = new AppConfig.Resources(
                quantity(v, ConfigKeys.APP_CPU_REQUEST, true), quantity(v, ConfigKeys.APP_MEMORY_REQUEST, false),
                quantity(v, ConfigKeys.APP_CPU_LIMIT, true), quantity(v, ConfigKeys.APP_MEMORY_LIMIT, false));
        if (resources.cpuRequest() != null && resources.cpuLimit() != null
                && cpuMillis(resources.cpuLimit()) < cpuMillis(resources.cpuRequest())) {
            v.problem(ConfigKeys.APP_CPU_LIMIT, resources.cpuLimit(), "is below appCpuRequest ("
                    + resources.cpuRequest() + ")");
        }
        if (resources.memoryRequest() != null && resources.memoryLimit() != null
                && memoryBytes(resources.memoryLimit()) < memoryBytes(resources.memoryRequest())) {
            v.problem(ConfigKeys.APP_MEMORY_LIMIT, resources.memoryLimit(), "is below appMemoryRequest ("
                    + resources.memoryRequest() + ")");
        }

        Map<String, String> env = v.stringMap(ConfigKeys.APP_ENV);
        Map<String, SecretText> secretEnv = v.secretStringMap(ConfigKeys.APP_SECRET_ENV);
        for (var key : List.of(ConfigKeys.APP_ENV, ConfigKeys.APP_SECRET_ENV)) {
            for (String variable : (key == ConfigKeys.APP_ENV ? env : secretEnv).keySet()) {
                if (!ENV_NAME.matcher(variable).matches()) {
                    v.problem(key, variable, "is not an environment variable name ([A-Za-z_][A-Za-z0-9_]*)");
                }
            }
        }
        for (String variable : env.keySet()) {
            if (secretEnv.containsKey(variable)) {
                v.problem(ConfigKeys.APP_ENV, variable, "is also in appSecretEnv; set it in one of them");
            }
        }

        var probes = new AppConfig.Probes(path(v, ConfigKeys.APP_READINESS_PATH),
                path(v, ConfigKeys.APP_LIVENESS_PATH), path(v, ConfigKeys.APP_STARTUP_PATH));

        String host = v.string(ConfigKeys.APP_HOST_NAME);
        if (host == null) {
            v.problem(ConfigKeys.APP_HOST_NAME, null, "is required: the host name the app is served under");
        } else if (!HOST_NAME.matcher(host).matches()) {
            v.problem(ConfigKeys.APP_HOST_NAME, host, "is not a lower-case DNS host name such as api.example.com");
        }
        // Zone and certificate of the host are checked with the edge's keys, in hostsServedByTheEdge.
        String exposureText = v.string(ConfigKeys.APP_EXPOSURE);
        AppConfig.Exposure exposure = null;
        for (var candidate : AppConfig.Exposure.values()) {
            if (candidate.configValue().equals(exposureText)) {
                exposure = candidate;
            }
        }
        if (exposure == null) {
            v.problem(ConfigKeys.APP_EXPOSURE, exposureText, "must be one of " + AppConfig.Exposure.configValues());
        }

        int min = v.integer(ConfigKeys.APP_MIN_REPLICAS);
        int max = v.integer(ConfigKeys.APP_MAX_REPLICAS);
        if (min < 2) {
            v.problem(ConfigKeys.APP_MIN_REPLICAS, min, "must be at least 2: with one replica every node drain or"
                    + " rollout is an outage, and the PodDisruptionBudget would block drains");
        }
        if (max < min) {
            v.problem(ConfigKeys.APP_MAX_REPLICAS, max, "must be at least appMinReplicas (" + min + ")");
        }
        int cpuTarget = v.integer(ConfigKeys.APP_TARGET_CPU);
        if (cpuTarget < 1 || cpuTarget > 100) {
            v.problem(ConfigKeys.APP_TARGET_CPU, cpuTarget, "must be a percentage between 1 and 100");
        }
        int memoryTarget = v.integer(ConfigKeys.APP_TARGET_MEMORY);
        if (memoryTarget < 0 || memoryTarget > 100) {
            v.problem(ConfigKeys.APP_TARGET_MEMORY, memoryTarget, "must be a percentage between 1 and 100, or 0"
                    + " for CPU-only scaling");
        }
        int stabilization = v.integer(ConfigKeys.APP_SCALE_DOWN_STABILIZATION);
        if (stabilization < 0 || stabilization > 3600) {
            v.problem(ConfigKeys.APP_SCALE_DOWN_STABILIZATION, stabilization, "must be between 0 and 3600 seconds"
                    + " (the Kubernetes maximum)");
        }
        int maxUnavailable = v.integer(ConfigKeys.APP_MAX_UNAVAILABLE);
        if (maxUnavailable < 0 || maxUnavailable != Integer.MIN_VALUE && min >= 2 && maxUnavailable >= min) {
            v.problem(ConfigKeys.APP_MAX_UNAVAILABLE, maxUnavailable, "must be between 0 and appMinReplicas - 1 ("
                    + (min - 1) + "): a rollout must never take every pod down");
        }
        int user = v.integer(ConfigKeys.APP_RUN_AS_USER);
        int group = v.integer(ConfigKeys.APP_RUN_AS_GROUP);
        for (var key : List.of(ConfigKeys.APP_RUN_AS_USER, ConfigKeys.APP_RUN_AS_GROUP)) {
            int id = key == ConfigKeys.APP_RUN_AS_USER ? user : group;
            if (id < 1 && id != Integer.MIN_VALUE) {
                v.problem(key, id, "must be a non-root id (1 or more)");
            }
        }

        String deliveryText = v.string(ConfigKeys.APP_DELIVERED_BY);
        AppConfig.Delivery delivery = null;
        for (var candidate : AppConfig.Delivery.values()) {
            if (candidate.configValue().equals(deliveryText)) {
                delivery = candidate;
            }
        }
        if (delivery == null) {
            v.problem(ConfigKeys.APP_DELIVERED_BY, deliveryText, "must be pulumi or argocd");
        }
        return new AppConfig(name, namespace, repository, java.util.Optional.ofNullable(tag),
                java.util.Optional.ofNullable(digest), port, resources, env, secretEnv, probes, host, exposure, min,
                max, cpuTarget, memoryTarget, stabilization, maxUnavailable, user, group, delivery);
    }

    /**
     * With the edge on, every host an Ingress serves must lie in the zone that its external-dns publishes to and be
     * covered by the ACM certificate the ALB presents; a mistake here would otherwise only show as a failed ALB
     * listener or a missing record after a deployment.
     */
    private static void hostsServedByTheEdge(Values v, EdgeConfig edge, AppConfig app, ArgoCdConfig argoCd) {
        if (!edge.ingressEnabled() || edge.domain() == null || v.reported(ConfigKeys.DOMAIN)
                || v.reported(ConfigKeys.CERTIFICATE_NAMES) || v.reported(ConfigKeys.PRIVATE_ZONE_NAME)) {
            return;
        }
        var certificateNames = new ArrayList<>(edge.certificateNames());
        if (certificateNames.isEmpty()) {
            certificateNames.add(edge.domain());
        }
        if (edge.wildcardCertificate()) {
            certificateNames.add("*." + edge.domain());
        }
        String host = app.hostName();
        if (host != null && app.exposure() != null && !v.reported(ConfigKeys.APP_HOST_NAME)) {
            boolean internal = app.exposure() == AppConfig.Exposure.INTERNAL;
            String zone = internal ? edge.privateZoneName() : edge.domain();
            boolean inZone = host.equals(zone) || !hostOutsideZone(host, zone);
            // The private zone's apex counts as inside it: a public host equal to it would be published only
            // inside the VPC (split horizon), never on the internet.
            boolean inPrivateZone = host.equals(edge.privateZoneName())
                    || !hostOutsideZone(host, edge.privateZoneName());
            if (!inZone || !internal && inPrivateZone) {
                v.problem(ConfigKeys.APP_HOST_NAME, host, "must lie in " + (internal ? "the private zone " : "the"
                        + " public domain ") + zone + (internal ? "" : " and outside the private zone "
                        + edge.privateZoneName()) + " (appExposure is " + app.exposure().configValue() + ")");
            } else if (!covered(host, certificateNames)) {
                v.problem(ConfigKeys.APP_HOST_NAME, host, "is not on the ACM certificate " + certificateNames
                        + "; add it to certificateNames");
            }
        }
        argoCd.hostName().filter(h -> argoCd.enabled() && !v.reported(ConfigKeys.ARGOCD_HOST_NAME)).ifPresent(argoHost -> {
            if (hostOutsideZone(argoHost, edge.privateZoneName())) {
                v.problem(ConfigKeys.ARGOCD_HOST_NAME, argoHost, "must lie in the private zone "
                        + edge.privateZoneName() + ": the Argo CD UI is internal only");
            } else if (!covered(argoHost, certificateNames)) {
                v.problem(ConfigKeys.ARGOCD_HOST_NAME, argoHost, "is not on the ACM certificate " + certificateNames
                        + "; add it to certificateNames");
            }
        });
    }

    /** ACM semantics: an exact name, or a wildcard covering exactly one more label. */
    static boolean covered(String host, List<String> certificateNames) {
        return certificateNames.stream().anyMatch(name -> name.equals(host) || name.startsWith("*.")
                && host.endsWith(name.substring(1)) && host.indexOf('.') == host.length() - name.length() + 1);
    }

    /** Whether {@code host} lies outside {@code zone} (a name in the zone, not the apex). */
    public static boolean hostOutsideZone(String host, String zone) {
        return !host.endsWith("." + zone);
    }

    private static String quantity(Values v, ConfigKey key, boolean cpu) {
        String text = v.string(key);
        if (text == null || !(cpu ? CPU_QUANTITY : MEMORY_QUANTITY).matcher(text).matches()) {
            v.problem(key, text, cpu ? "is not a CPU quantity such as 250m, 0.5 or 2"
                    : "is not a memory quantity such as 256Mi or 1Gi (binary units Ki, Mi, Gi, Ti; 'm' means"
                    + " millibytes and is rejected)");
            return null;
        }
        if (cpu ? cpuMillis(text) == 0 : memoryBytes(text) == 0) {
            v.problem(key, text, "must be more than zero");
            return null;
        }
        return text;
    }

    static long cpuMillis(String quantity) {
        return quantity.endsWith("m") ? Long.parseLong(quantity.substring(0, quantity.length() - 1))
                : new java.math.BigDecimal(quantity).movePointRight(3).longValueExact();
    }

    static long memoryBytes(String quantity) {
        var m = MEMORY_QUANTITY.matcher(quantity);
        if (!m.matches()) {
            throw new IllegalArgumentException(quantity);
        }
        return Long.parseLong(m.group(1)) * MEMORY_UNITS.get(m.group(2) == null ? "" : m.group(2));
    }

    private static String path(Values v, ConfigKey key) {
        String path = v.string(key);
        if (path == null || !HTTP_PATH.matcher(path).matches()) {
            v.problem(key, path, "is not an absolute HTTP path such as /healthz");
        }
        return path;
    }

    private static MetricsServerConfig metricsServer(Values v) {
        int replicas = v.integer(ConfigKeys.METRICS_SERVER_REPLICAS);
        if (replicas < 1 || replicas > 3) {
            v.problem(ConfigKeys.METRICS_SERVER_REPLICAS, replicas, "must be between 1 and 3");
        }
        return new MetricsServerConfig(replicas);
    }

    private static ArgoCdConfig argoCd(Values v, AppConfig app) {
        boolean enabled = v.bool(ConfigKeys.ARGOCD_ENABLED);
        String host = v.string(ConfigKeys.ARGOCD_HOST_NAME);
        if (host != null && !HOST_NAME.matcher(host).matches()) {
            v.problem(ConfigKeys.ARGOCD_HOST_NAME, host, "is not a lower-case DNS host name");
        } else if (enabled && host == null) {
            v.problem(ConfigKeys.ARGOCD_HOST_NAME, null, "is required when argocdEnabled is true: the UI's host name"
                    + " in the private zone (the UI is reachable only inside the VPC)");
        }
        String repoUrl = v.string(ConfigKeys.ARGOCD_REPO_URL);
        if (repoUrl != null && !GIT_URL.matcher(repoUrl).matches()) {
            v.problem(ConfigKeys.ARGOCD_REPO_URL, repoUrl, "is not a Git URL (https://..., ssh://... or git@...)");
        }
        String path = v.string(ConfigKeys.ARGOCD_PATH);
        if (path != null && (path.startsWith("/") || path.contains(".."))) {
            v.problem(ConfigKeys.ARGOCD_PATH, path, "must be a relative directory inside the repository");
        }
        String revision = v.string(ConfigKeys.ARGOCD_TARGET_REVISION);
        if (revision == null || revision.isBlank()) {
            v.problem(ConfigKeys.ARGOCD_TARGET_REVISION, revision, "must name a branch, tag or commit");
        }
        int replicas = v.integer(ConfigKeys.ARGOCD_REPLICAS);
        if (replicas < 1 || replicas > 5) {
            v.problem(ConfigKeys.ARGOCD_REPLICAS, replicas, "must be between 1 and 5");
        }
        if (app.deliveredBy() == AppConfig.Delivery.ARGOCD) {
            if (!enabled) {
                v.problem(ConfigKeys.APP_DELIVERED_BY, "argocd", "requires argocdEnabled: true");
            }
            if (repoUrl == null) {
                v.problem(ConfigKeys.ARGOCD_REPO_URL, null, "is required when appDeliveredBy is argocd");
            }
            if (path == null) {
                v.problem(ConfigKeys.ARGOCD_PATH, null, "is required when appDeliveredBy is argocd");
            }
        }
        return new ArgoCdConfig(enabled, java.util.Optional.ofNullable(host), java.util.Optional.ofNullable(repoUrl),
                path, revision, replicas);
    }

    /** Typed access to raw values: each getter falls back to the key's default and records type problems. */
    static final class Values {
        private final String project;
        private final ConfigSource source;
        final List<String> problems = new ArrayList<>();
        /** Keys whose value could not be read at all: further checks on them would only repeat the problem. */
        private final Set<ConfigKey> unreadable = new java.util.HashSet<>();

        Values(String project, ConfigSource source) {
            this.project = project;
            this.source = source;
        }

        void problem(ConfigKey key, Object given, String what) {
            if (!unreadable.contains(key)) {
                problems.add(key.fullKey(project) + (given == null ? "" : " = " + render(given)) + ": " + what);
            }
        }

        /** Whether a problem was already reported for the key (checks that build on it would only repeat it). */
        boolean reported(ConfigKey key) {
            String prefix = key.fullKey(project);
            return problems.stream().anyMatch(p -> p.startsWith(prefix + " ") || p.startsWith(prefix + ":"));
        }

        private void unreadable(ConfigKey key, Object given, String what) {
            problem(key, given, what);
            unreadable.add(key);
        }

        private static String render(Object given) {
            return given instanceof String s ? "'" + s + "'" : String.valueOf(given);
        }

        void rejectUnknownKeys() {
            Set<String> known = ConfigKeys.ALL.stream().map(k -> k.fullKey(project)).collect(Collectors.toSet());
            for (String key : source.keys()) {
                if (key.startsWith(project + ":") && !known.contains(key)) {
                    problems.add(key + ": unknown key; known keys: " + ConfigKeys.ALL.stream()
                            .filter(k -> !k.name().contains(":")).map(ConfigKey::name).toList());
                }
            }
        }

        /** Project keys the stack file sets (where the source can list them) that this kind of stack does not read. */
        void rejectKeysSetAmong(java.util.function.Predicate<ConfigKey> unread, String what) {
            for (ConfigKey key : ConfigKeys.ALL) {
                if (!key.name().contains(":") && unread.test(key) && source.keys().contains(key.fullKey(project))) {
                    problems.add(key.fullKey(project) + ": " + what);
                }
            }
        }

        Object raw(ConfigKey key) {
            Object value = source.get(key.fullKey(project)).orElse(null);
            if (value instanceof ConfigSource.EncryptedValue) {
                unreadable(key, "[secret]", "must not be a secret");
                return null;
            }
            return value == null ? key.defaultValue() : value;
        }

        /** Whether the stack sets the key at all (an explicitly empty list is set). */
        boolean isSet(ConfigKey key) {
            return source.get(key.fullKey(project)).isPresent();
        }

        String string(ConfigKey key) {
            Object value = raw(key);
            if (value == null) {
                return null;
            }
            if (value instanceof Map || value instanceof List) {
                unreadable(key, value, "must be a string");
                return null;
            }
            return value.toString();
        }

        int integer(ConfigKey key) {
            Object value = raw(key);
            if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
                return n.intValue();
            }
            if (value instanceof String s) {
                try {
                    return Integer.parseInt(s.trim());
                } catch (NumberFormatException e) {
                    // reported below
                }
            }
            unreadable(key, value, "must be a whole number");
            return Integer.MIN_VALUE;
        }

        boolean bool(ConfigKey key) {
            Object value = raw(key);
            if (value instanceof Boolean b) {
                return b;
            }
            if ("true".equals(value) || "false".equals(value)) {
                return Boolean.parseBoolean((String) value);
            }
            unreadable(key, value, "must be true or false");
            return false;
        }

        List<String> strings(ConfigKey key) {
            Object value = raw(key);
            if (value == null) {
                return List.of();
            }
            if (value instanceof List<?> list && list.stream().allMatch(e -> e instanceof String)) {
                return list.stream().map(String.class::cast).toList();
            }
            unreadable(key, value, "must be a list of strings");
            return List.of();
        }

        Map<String, String> stringMap(ConfigKey key) {
            Object value = raw(key);
            if (value == null) {
                return new LinkedHashMap<>();
            }
            var result = new LinkedHashMap<String, String>();
            if (value instanceof Map<?, ?> map) {
                for (var e : map.entrySet()) {
                    if (e.getValue() instanceof ConfigSource.EncryptedValue) {
                        unreadable(key, e.getKey(), "must not be a secret");
                    } else if (e.getValue() instanceof Map || e.getValue() instanceof List || e.getValue() == null) {
                        unreadable(key, e.getKey(), "must map to a plain value");
                    } else {
                        result.put(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
                    }
                }
                return result;
            }
            unreadable(key, value, "must be a mapping of names to values");
            return result;
        }

        /**
         * A mapping whose values are secrets. From the Pulumi engine they arrive decrypted; from a stack file each
         * must be a {@code secure:} value (a plain one was committed in clear text) and stays undecryptable.
         */
        Map<String, SecretText> secretStringMap(ConfigKey key) {
            Object value = source.get(key.fullKey(project)).orElse(null);
            var result = new LinkedHashMap<String, SecretText>();
            if (value == null) {
                return result;
            }
            if (value instanceof ConfigSource.EncryptedValue) {
                unreadable(key, "[secret]", "must be a mapping whose values are secrets, not one encrypted value:"
                        + " set each with pulumi config set --secret --path '" + key.name() + ".NAME' value");
                return result;
            }
            if (!(value instanceof Map<?, ?> map)) {
                unreadable(key, value instanceof String ? "[hidden]" : value.getClass().getSimpleName(),
                        "must be a mapping of names to secret values");
                return result;
            }
            for (var e : map.entrySet()) {
                String name = String.valueOf(e.getKey());
                Object entry = e.getValue();
                if (entry instanceof ConfigSource.EncryptedValue) {
                    result.put(name, SecretText.undecryptable());
                } else if (entry instanceof Map || entry instanceof List || entry == null) {
                    problem(key, name, "must map to a secret value");
                } else if (source.decryptsSecrets()) {
                    result.put(name, SecretText.of(String.valueOf(entry)));
                } else {
                    // The value itself is never echoed: it is a secret in clear text.
                    problem(key, name, "is plain text in the stack file; set it with pulumi config set --secret"
                            + " --path '" + key.name() + "." + name + "' value");
                }
            }
            return result;
        }
    }
}
