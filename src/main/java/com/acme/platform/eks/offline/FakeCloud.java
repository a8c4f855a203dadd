package com.acme.platform.eks.offline;

import com.acme.platform.eks.platform.BundledText;
import com.google.gson.Gson;
import com.pulumi.test.Mocks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/** Plausible, deterministic AWS answers for the mock engine: docs/internals.md#offline-render. */
final class FakeCloud implements Mocks {
    static final String ACCOUNT = "123456789012";
    static final String PARTITION = "aws";

    /** EC2-style id prefixes by resource type, so a rendered plan reads like a real one. */
    @SuppressWarnings("unchecked")
    private static final Map<String, String> ID_PREFIX = Map.copyOf(
            new Gson().fromJson(BundledText.read("/offline/id-prefixes.json"), Map.class));

    private final String region;

    FakeCloud(String region) {
        this.region = region;
    }

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        var inputs = args.inputs == null ? Map.<String, Object>of() : args.inputs;
        var state = new LinkedHashMap<String, Object>(inputs);
        String name = inputs.get("name") instanceof String n ? n : args.name + "-" + hex(args.name, 7);
        // A replace-on-change input makes a new id, so the diff shows the knock-on.
        String identity = ReplaceRules.identity(args.type, inputs);
        String seed = args.name + (identity.isEmpty() ? "" : "\u0000" + identity);
        String id = "aws:route53/zone:Zone".equals(args.type) ? "Z0" + hex(seed, 19).toUpperCase()
                : ID_PREFIX.containsKey(args.type)
                ? ID_PREFIX.get(args.type) + "-" + hex(args.type + seed, 17)
                : name;
        state.putIfAbsent("name", name);
        String path = inputs.get("path") instanceof String p ? p : "/";
        state.putIfAbsent("arn", arn(args.type, path.substring(1) + name));
        state.putAll(outputsOf(args.type, name, id, inputs));
        // Named like the Kubernetes provider names it (<resource name>-<8 characters>), derived not random.
        if (args.type.startsWith("kubernetes:") && inputs.get("metadata") instanceof Map<?, ?> metadata
                && metadata.get("name") == null) {
            var named = new LinkedHashMap<Object, Object>(metadata);
            named.put("name", args.name + "-" + hex(args.name, 8));
            state.put("metadata", named);
        }
        if ("kubernetes:networking.k8s.io/v1:Ingress".equals(args.type)) {
            state.put("status", ingressStatus(inputs));
        }
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(id), state));
    }

    /** The Ingress status the ALB controller writes and pulumi-kubernetes awaits ({@code internal-} if internal). */
    private Map<String, Object> ingressStatus(Map<String, Object> inputs) {
        String stack = ingressStack(inputs);
        boolean internal = inputs.get("metadata") instanceof Map<?, ?> m && m.get("annotations") instanceof Map<?, ?> a
                && "internal".equals(a.get("alb.ingress.kubernetes.io/scheme"));
        String hostname = (internal ? "internal-" : "") + loadBalancerName(stack) + "-" + hex(stack, 10).replaceAll(
                "[a-f]", "1") + "." + region + ".elb.amazonaws.com";
        return Map.of("loadBalancer", Map.of("ingress", List.of(Map.of("hostname", hostname))));
    }

    private static String ingressStack(Map<String, Object> ingressInputs) {
        if (ingressInputs.get("metadata") instanceof Map<?, ?> m) {
            return m.get("namespace") + "/" + m.get("name");
        }
        return "default/unnamed";
    }

    /** The controller's naming, k8s-<namespace>-<name>-<hash>, within the 32 characters ELB allows. */
    private static String loadBalancerName(String stack) {
        String[] parts = stack.split("/", 2);
        String base = "k8s-" + cut(parts[0], 8) + "-" + cut(parts[1], 8) + "-";
        return base + hex(stack, 32 - base.length());
    }

    private static String cut(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }

    /** The ALB lookup, answered only by both controller tags (docs/internals.md#offline-render). */
    private Map<String, Object> loadBalancerByTags(Map<String, Object> args, boolean targetGroup) {
        Object tags = args.get("tags");
        if (!(tags instanceof Map<?, ?> t) || !(t.get("elbv2.k8s.aws/cluster") instanceof String cluster)
                || !(t.get("ingress.k8s.aws/stack") instanceof String stack)) {
            throw new IllegalArgumentException("no single load balancer or target group matches tags " + tags
                    + ": look it up by elbv2.k8s.aws/cluster and ingress.k8s.aws/stack");
        }
        String name = loadBalancerName(stack);
        String suffix = targetGroup
                ? "targetgroup/" + name + "/" + hex("tg" + cluster + stack, 16)
                : "app/" + name + "/" + hex("lb" + cluster + stack, 16);
        String arn = "arn:" + PARTITION + ":elasticloadbalancing:" + region + ":" + ACCOUNT + ":" + suffix;
        var result = new LinkedHashMap<String, Object>();
        result.put("id", arn);
        result.put("arn", arn);
        result.put("arnSuffix", suffix);
        result.put("name", name);
        result.put("tags", t);
        return result;
    }

    private Map<String, Object> outputsOf(String type, String name, String id, Map<String, Object> inputs) {
        var out = new LinkedHashMap<String, Object>();
        switch (type) {
            case "aws:eks/cluster:Cluster" -> {
                String host = hex(name, 32).toUpperCase();
                out.put("endpoint", "https://" + host + ".gr7." + region + ".eks.amazonaws.com");
                out.put("certificateAuthority", Map.of("data", "TFMwdExTMUNSVWRKVGlCRFJWSlVTVVpKUTBGVVJTMHRMUzB0Q2c9PQ=="));
                out.put("identities", List.of(Map.of("oidcs", List.of(Map.of(
                        "issuer", "https://oidc.eks." + region + ".amazonaws.com/id/" + host)))));
                var vpcConfig = new LinkedHashMap<String, Object>();
                if (inputs.get("vpcConfig") instanceof Map<?, ?> given) {
                    given.forEach((k, v) -> vpcConfig.put(String.valueOf(k), v));
                }
                vpcConfig.put("clusterSecurityGroupId", "sg-" + hex("cluster" + name, 17));
                out.put("vpcConfig", vpcConfig);
                out.put("status", "ACTIVE");
            }
            case "aws:sqs/queue:Queue" -> {
                out.put("url", "https://sqs." + region + ".amazonaws.com/" + ACCOUNT + "/" + name);
                out.put("arn", "arn:" + PARTITION + ":sqs:" + region + ":" + ACCOUNT + ":" + name);
            }
            case "aws:sns/topic:Topic" -> out.put("arn", "arn:" + PARTITION + ":sns:" + region + ":" + ACCOUNT + ":" + name);
            case "aws:kms/key:Key" -> {
                out.put("keyId", id);
                out.put("arn", "arn:" + PARTITION + ":kms:" + region + ":" + ACCOUNT + ":key/" + id);
            }
            case "aws:route53/zone:Zone" -> {
                out.put("zoneId", id);
                out.put("arn", "arn:" + PARTITION + ":route53:::hostedzone/" + id);
                out.put("nameServers", List.of("ns-1.awsdns-01.org", "ns-2.awsdns-02.net"));
            }
            case "aws:acm/certificate:Certificate" -> {
                out.put("arn", "arn:" + PARTITION + ":acm:" + region + ":" + ACCOUNT + ":certificate/" + hex(name, 32));
                var domains = new java.util.ArrayList<String>();
                if (inputs.get("domainName") instanceof String d) {
                    domains.add(d);
                }
                if (inputs.get("subjectAlternativeNames") instanceof List<?> sans) {
                    sans.forEach(s -> domains.add(String.valueOf(s)));
                }
                out.put("domainValidationOptions", domains.stream().distinct().map(d -> Map.of(
                        "domainName", d,
                        "resourceRecordName", "_" + hex(d, 32) + "." + d.replace("*.", "") + ".",
                        "resourceRecordType", "CNAME",
                        "resourceRecordValue", "_" + hex(d + "v", 32) + ".acm-validations.aws.")).toList());
            }
            case "aws:route53/record:Record" -> out.put("fqdn", String.valueOf(inputs.get("name")).replaceAll("\\.$", ""));
            case "aws:ec2/launchTemplate:LaunchTemplate" -> out.put("latestVersion", 1);
            case "aws:ec2/vpc:Vpc" -> out.put("defaultSecurityGroupId", "sg-" + hex("default" + name, 17));
            // IAM names an OIDC provider by its issuer's host and path, not by a resource name.
            case "aws:iam/openIdConnectProvider:OpenIdConnectProvider" -> out.put("arn", "arn:" + PARTITION + ":iam::"
                    + ACCOUNT + ":oidc-provider/" + String.valueOf(inputs.get("url")).replaceFirst("^https://", ""));
            default -> { }
        }
        return out;
    }

    private String arn(String type, String name) {
        // type is "aws:<module>/<resource>:<Resource>"
        if (!type.startsWith("aws:")) {
            return "arn:" + PARTITION + ":fake:" + region + ":" + ACCOUNT + ":" + name;
        }
        String module = type.substring(4, type.indexOf('/'));
        String resource = type.substring(type.indexOf('/') + 1, type.indexOf(':', 4));
        return switch (module) {
            case "iam" -> "arn:" + PARTITION + ":iam::" + ACCOUNT + ":" + resource.toLowerCase() + "/" + name;
            case "cloudwatch" -> resource.equals("eventRule")
                    ? "arn:" + PARTITION + ":events:" + region + ":" + ACCOUNT + ":rule/" + name
                    : "arn:" + PARTITION + ":logs:" + region + ":" + ACCOUNT + ":log-group:" + name;
            default -> "arn:" + PARTITION + ":" + module + ":" + region + ":" + ACCOUNT + ":" + resource + "/" + name;
        };
    }

    /** Six regular AZs after an available opted-in Local Zone, as EC2 may list it (docs/internals.md#network). */
    private Map<String, Object> availabilityZones(Map<String, Object> args) {
        boolean regularOnly = args.get("filters") instanceof List<?> filters && filters.stream()
                .anyMatch(f -> f instanceof Map<?, ?> m && "opt-in-status".equals(m.get("name"))
                        && m.get("values") instanceof List<?> v && v.equals(List.of("opt-in-not-required")));
        var names = new ArrayList<String>();
        var zoneIds = new ArrayList<String>();
        String regionId = region.replace("-", "");
        if (!regularOnly) {
            names.add(region + "-lcl-1a");
            zoneIds.add(regionId + "-lcl1-az1");
        }
        IntStream.range(0, 6).forEach(i -> {
            names.add(region + (char) ('a' + i));
            zoneIds.add(regionId + "-az" + (i + 1));
        });
        return Map.of("id", region, "names", names, "zoneIds", zoneIds,
                "groupNames", List.of(region), "state", "available");
    }

    /** The tokens of the invokes the program made, in name order. */
    private final java.util.Set<String> invokes = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public java.util.List<String> invokes() {
        return invokes.stream().sorted().toList();
    }

    @Override
    public CompletableFuture<Map<String, Object>> callAsync(CallArgs args) {
        invokes.add(args.token);
        Map<String, Object> result = switch (args.token) {
            case "aws:index/getAvailabilityZones:getAvailabilityZones" -> availabilityZones(args.args);
            case "aws:index/getCallerIdentity:getCallerIdentity" -> Map.of(
                    "id", ACCOUNT, "accountId", ACCOUNT,
                    "arn", "arn:" + PARTITION + ":iam::" + ACCOUNT + ":user/render",
                    "userId", "AIDAFAKEFAKEFAKEFAKE");
            case "aws:index/getPartition:getPartition" -> Map.of(
                    "id", PARTITION, "partition", PARTITION, "dnsSuffix", "amazonaws.com",
                    "reverseDnsPrefix", "com.amazonaws");
            // A plausible default version per add-on; the render shows where the program asks, not AWS's answer.
            case "aws:eks/getAddonVersion:getAddonVersion" -> Map.of(
                    "id", String.valueOf(args.args.get("addonName")),
                    "addonName", String.valueOf(args.args.get("addonName")),
                    "kubernetesVersion", String.valueOf(args.args.get("kubernetesVersion")),
                    "version", "v1." + args.args.get("kubernetesVersion").toString().substring(2) + ".0-eksbuild.1");
            case "aws:index/getRegion:getRegion" -> Map.of(
                    "id", region, "name", region, "region", region, "description", region,
                    "endpoint", "ec2." + region + ".amazonaws.com");
            case "aws:lb/getLoadBalancer:getLoadBalancer" -> loadBalancerByTags(args.args, false);
            case "aws:lb/getTargetGroup:getTargetGroup" -> loadBalancerByTags(args.args, true);
            default -> throw new IllegalArgumentException("The offline render has no fake answer for invoke "
                    + args.token + "; add one to " + FakeCloud.class.getSimpleName());
        };
        return CompletableFuture.completedFuture(result);
    }

    static String hex(String seed, int length) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
