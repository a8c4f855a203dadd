package com.acme.platform.eks.edge;

import com.acme.platform.eks.platform.RestrictedSecurityContext;
import com.acme.platform.eks.platform.PodIdentityRole;
import com.acme.platform.eks.platform.SystemNodes;
import com.acme.platform.eks.platform.PolicyDocument;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One external-dns instance for one hosted zone. The platform runs two (split horizon): one for the public zone
 * and one for the private zone, each allowed by IAM to change records of its own zone only, and each told by
 * domain, zone id and zone type to look at nothing else.
 */
public final class ExternalDns extends ComponentResource {

    public static final String CHART = "external-dns";
    public static final String CHART_VERSION = "1.21.1";
    public static final String CHART_REPOSITORY = "https://kubernetes-sigs.github.io/external-dns/";
    public static final String NAMESPACE = "kube-system";

    public enum ZoneType {
        PUBLIC, PRIVATE;

        /** The value of external-dns's {@code --aws-zone-type}. */
        public String flag() {
            return name().toLowerCase();
        }
    }

    /**
     * @param domain         the zone's domain (domain filter)
     * @param excludeDomains names under the domain this instance must leave alone (the public instance excludes
     *                       the private zone's names, which would otherwise match its domain filter)
     * @param policy         {@code sync} or {@code upsert-only}
     * @param ownerId        the TXT registry's owner id: {@link #ownerId} of the stack, never the cluster name (a
     *                       renamed cluster's external-dns would disown every record it wrote)
     */
    public record Args(ZoneType zoneType, String domain, List<String> excludeDomains, Output<String> zoneId,
                       Output<String> zoneArn, Output<String> clusterName, String ownerId, String region,
                       String policy, Provider kubernetesProvider, List<Resource> systemServices,
                       Output<String> permissionsBoundary) { }

    /** The owner id of a stack's records: {@code <project>-<stack>}, which no config change can alter. */
    public static String ownerId(String project, String stack) {
        return project + "-" + stack;
    }

    private final String releaseName;
    private final Release release;

    public ExternalDns(String name, Args args, ComponentResourceOptions options) {
        super("eks-platform:edge:ExternalDns", name, options);
        // Release and service account share the name: two instances of the chart live side by side in kube-system.
        this.releaseName = CHART + "-" + args.zoneType().flag();

        var identity = new PodIdentityRole(new PodIdentityRole.Spec(name + "-pod-identity", args.clusterName(),
                NAMESPACE, releaseName, List.of(args.zoneArn().applyValue(ExternalDns::policy)), List.of(),
                args.permissionsBoundary()), this);

        Output<Map<String, Object>> values = args.zoneId().applyValue(zoneId -> {
            var v = new LinkedHashMap<String, Object>();
            v.put("fullnameOverride", releaseName);
            v.put("provider", Map.of("name", "aws"));
            v.put("policy", args.policy());
            v.put("registry", "txt");
            // Ownership TXT records name the stack: another stack's external-dns leaves these records alone, and
            // a cluster rebuilt under another name still owns (updates, deletes) what the old one wrote.
            v.put("txtOwnerId", args.ownerId());
            v.put("sources", List.of("service", "ingress"));
            v.put("domainFilters", List.of(args.domain()));
            if (!args.excludeDomains().isEmpty()) {
                v.put("excludeDomains", args.excludeDomains());
            }
            var extraArgs = new ArrayList<String>();
            extraArgs.add("--aws-zone-type=" + args.zoneType().flag());
            extraArgs.add("--zone-id-filter=" + zoneId);
            v.put("extraArgs", extraArgs);
            // Region from the environment: the system nodes' IMDS hop limit of 1 keeps pods from asking IMDS.
            v.put("env", List.of(Map.of("name", "AWS_DEFAULT_REGION", "value", args.region())));
            v.put("serviceAccount", Map.of("create", true, "name", releaseName));
            v.put("nodeSelector", SystemNodes.nodeSelector());
            v.put("tolerations", SystemNodes.tolerations());
            // Requests so the scheduler accounts for it and memory limit = request, rather than BestEffort.
            v.put("resources", RestrictedSecurityContext.resources("50m", "128Mi"));
            // The chart's defaults are already restricted; stated so that no chart upgrade can loosen them.
            v.put("securityContext", RestrictedSecurityContext.container());
            v.put("podSecurityContext", RestrictedSecurityContext.pod());
            return v;
        });

        var releaseNeeds = new ArrayList<Resource>(args.systemServices());
        releaseNeeds.add(identity.association());
        this.release = new Release(name + "-release", ReleaseArgs.builder()
                .name(releaseName)
                .chart(CHART)
                .version(CHART_VERSION)
                .repositoryOpts(RepositoryOptsArgs.builder().repo(CHART_REPOSITORY).build())
                .namespace(NAMESPACE)
                .values(values)
                .atomic(true)
                .cleanupOnFail(true)
                .maxHistory(5)
                .build(), CustomResourceOptions.builder().parent(this).provider(args.kubernetesProvider())
                .dependsOn(releaseNeeds).build());

        registerOutputs(Map.of("releaseName", Output.of(releaseName)));
    }

    /**
     * The upstream external-dns policy (a verbatim copy in src/test/resources/reference/external-dns-iam-policy.json) with its {@code hostedzone/*}
     * narrowed to one zone; only ListHostedZones, which has no resource-level permissions, stays on {@code *}.
     */
    static String policy(String zoneArn) {
        return PolicyDocument.of(List.of(
                Map.of("Effect", "Allow",
                        "Action", List.of("route53:ChangeResourceRecordSets", "route53:ListResourceRecordSets",
                                "route53:ListTagsForResources"),
                        "Resource", List.of(zoneArn)),
                Map.of("Effect", "Allow",
                        "Action", List.of("route53:ListHostedZones"),
                        "Resource", List.of("*"))));
    }

    public String releaseName() {
        return releaseName;
    }

    public Release release() {
        return release;
    }
}
