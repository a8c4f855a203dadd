package com.acme.platform.eks.config;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.*;

/** Every key the program reads, collected from the {@link Key}s of the section records, and the facts rules name. */
public final class ConfigKeys {
    private ConfigKeys() { }

    /** The facts the rules name, apart so that Formats can read them before the keys are collected. */
    public static final class Facts {
        private Facts() { }

        /** botocore 1.44.8 data/endpoints.json, partitions aws, aws-cn, aws-us-gov. */
        public static final Map<String, List<String>> REGIONS_BY_PARTITION = Map.of(
                "aws", List.of("af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2",
                        "ap-northeast-3", "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3",
                        "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ca-central-1",
                        "ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2",
                        "eu-west-1", "eu-west-2", "eu-west-3", "il-central-1", "me-central-1", "me-south-1",
                        "mx-central-1", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2"),
                "aws-cn", List.of("cn-north-1", "cn-northwest-1"),
                "aws-us-gov", List.of("us-gov-east-1", "us-gov-west-1"));
        /** EKS standard support (2026-11) and what Karpenter 1.14 supports: 1.33 to 1.36. */
        static final String KUBERNETES_VERSION_LIST = "[1.33, 1.34, 1.35, 1.36]";
        public static final List<String> KUBERNETES_VERSIONS = List.of(KUBERNETES_VERSION_LIST
                .replaceAll("[\\[\\]]", "").split(", "));
        /** The values CloudWatch Logs accepts for retentionInDays. */
        public static final Set<Integer> LOG_RETENTION_DAYS = Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400,
                545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);
        public static final List<String> LOG_TYPES = List.of("api", "audit", "authenticator", "controllerManager",
                "scheduler");
        public static final List<String> REQUIRED_LOG_TYPES = List.of("api", "audit", "authenticator");
        /** The managed add-ons the cluster installs (see EksCluster for their order). */
        public static final List<String> ADDONS = List.of("vpc-cni", "kube-proxy", "eks-pod-identity-agent", "coredns",
                "aws-ebs-csi-driver", "amazon-cloudwatch-observability");
        /** EKS service quota "Nodes per managed node group". */
        public static final int MAX_NODES_PER_NODE_GROUP = 450;
        /** AWS allows 50 tags per resource; the program's own (project, stack, managed-by) take three. */
        public static final int MAX_TAGS = 50 - 3;
    }

    public static final List<String> KUBERNETES_VERSIONS = Facts.KUBERNETES_VERSIONS;
    static final String ROLE_ARN = "arn:(aws|aws-cn|aws-us-gov):iam::\\d{12}:role/[\\w+=,.@/-]{1,512}";
    static final String NOT_A_ROLE_ARN = "is not an IAM role ARN (arn:<aws|aws-cn|aws-us-gov>:iam::<12-digit"
            + " account>:role/<name>)";
    static final String DNS_LABEL = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";
    static final String HOST_NAME = "(?=.{1,253}$)(" + DNS_LABEL + "\\.)+[a-z]([-a-z0-9]{0,61}[a-z0-9])?";
    static final String HTTP_PATH = "/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*";
    static final String NOT_A_PATH = "is not an absolute HTTP path such as /healthz";

    /** The key sets of the stack config, in the order of the configuration reference. */
    static final List<Class<? extends Record>> SECTIONS = List.of(StackConfigLoader.Common.class, NetworkConfig.class,
            ClusterConfig.class, KarpenterConfig.class, EdgeConfig.class, AppConfig.class, ReleaseCheckConfig.class,
            ObservabilityConfig.class, StackConfigLoader.Rebuild.class, MetricsServerConfig.class, ArgoCdConfig.class,
            StackConfigLoader.Bootstrap.class, GithubDeliveryConfig.class);
    private static final Map<String, ConfigKey> BY_NAME = new LinkedHashMap<>();

    static {
        SECTIONS.forEach(ConfigKeys::collect);
    }

    private static void collect(Class<?> type) {
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.isAnnotationPresent(Key.class)) {
                BY_NAME.putIfAbsent(c.getAnnotation(Key.class).value(), ConfigKey.of(c));
            } else if (c.getType().isRecord() || c.getType() == Optional.class && nested(c) != null) {
                collect(c.getType().isRecord() ? c.getType() : nested(c));
            }
        }
    }

    /** The record inside an {@code Optional<record>} component, or null. */
    static Class<?> nested(RecordComponent c) {
        var arg = ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0];
        return arg instanceof Class<?> k && k.isRecord() ? k : null;
    }

    public static final List<ConfigKey> ALL = List.copyOf(BY_NAME.values());

    /** The declaration of a key by its name (aws:region, vpcCidr). */
    public static ConfigKey key(String name) {
        return Optional.ofNullable(BY_NAME.get(name)).orElseThrow(() -> new IllegalArgumentException(name));
    }

    // the keys that code outside this package names
    public static final ConfigKey VPC_CIDR = key("vpcCidr");
    public static final ConfigKey AVAILABILITY_ZONES = key("availabilityZones");
    public static final ConfigKey PRIVATE_SUBNET_PREFIX = key("privateSubnetPrefixLength");
    public static final ConfigKey PUBLIC_SUBNET_PREFIX = key("publicSubnetPrefixLength");
    public static final ConfigKey PUBLIC_SUBNET_BLOCK = key("publicSubnetBlock");
    public static final ConfigKey CLUSTER_NAME = key("clusterName");
    public static final ConfigKey KUBERNETES_VERSION = key("kubernetesVersion");
    public static final ConfigKey CLUSTER_LOG_RETENTION_DAYS = key("clusterLogRetentionDays");
    public static final ConfigKey KARPENTER_AMI_ALIAS = key("karpenterAmiAlias");
    public static final ConfigKey DOMAIN = key("domain");
    public static final ConfigKey PRIVATE_ZONE_NAME = key("privateZoneName");
    public static final ConfigKey APP_DELIVERED_BY = key("appDeliveredBy");
    public static final ConfigKey APP_HAND_OVER = key("appHandOver");
    public static final ConfigKey PLANNED_REBUILD = key("plannedRebuild");

    /** Unknown project keys and the other stack kind's keys are problems; unread foreign keys, warnings. */
    static void checkKeys(String project, ConfigSource source, boolean bootstrap, List<String> problems,
                          List<String> warnings) {
        var declared = new HashMap<String, ConfigKey>();
        ALL.forEach(k -> declared.put(k.fullKey(project), k));
        for (String key : source.keys()) {
            ConfigKey known = declared.get(key);
            int colon = key.indexOf(':');
            String namespace = colon < 0 ? "" : key.substring(0, colon);
            String name = key.substring(colon + 1);
            if (known != null && !known.readBy(bootstrap) && !(source.fromEngine() && known.defaultValue() != null
                    && String.valueOf(source.get(key).orElse(null)).equals(String.valueOf(known.defaultValue())))) {
                problems.add(key + ": " + (bootstrap ? "is not read by the delivery bootstrap stack"
                        + " (deliveryBootstrap: true builds only the GitHub deploy roles); remove it"
                        : "is read only by the delivery bootstrap stack (deliveryBootstrap: true); remove it"));
            } else if (known != null || namespace.equals("pulumi")) {
                continue;
            } else if (colon < 0) {
                problems.add(key + ": has no namespace; config keys are written " + project + ":" + key
                        + " (or aws:" + key + " for the AWS provider)");
            } else if (namespace.equals(project)) {
                problems.add(key + ": unknown key" + closest(key, declared.keySet()) + " (docs/configuration.md,"
                        + " Configuration reference)");
            } else if (distance(namespace, project) <= 2 || declared.containsKey(project + ":" + name)) {
                problems.add(key + ": namespace '" + namespace + "' looks like a misspelt '" + project + "'; did"
                        + " you mean " + project + ":" + name + "?");
            } else {
                warnings.add(key + ": nothing in this program reads it (its AWS provider takes only aws:region from"
                        + " the stack); remove it or fix its spelling" + closest(key, Set.of("aws:region")));
            }
        }
    }

    private static String closest(String name, Set<String> candidates) {
        return candidates.stream().filter(c -> distance(c, name) <= 3).min(Comparator.comparingInt(c -> distance(c,
                name))).map(c -> "; did you mean " + c + "?").orElse("");
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        Arrays.setAll(previous, j -> j);
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                current[j] = Math.min(Math.min(current[j - 1], previous[j]) + 1,
                        previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            previous = current;
        }
        return previous[b.length()];
    }
}
