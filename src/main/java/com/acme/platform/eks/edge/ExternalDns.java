package com.acme.platform.eks.edge;

import com.acme.platform.eks.platform.RestrictedSecurityContext;
import com.acme.platform.eks.platform.ClusterHandle;
import com.acme.platform.eks.platform.HelmRelease;
import com.acme.platform.eks.platform.PlatformContext;
import com.acme.platform.eks.platform.SystemNodes;
import com.acme.platform.eks.platform.PolicyDocument;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One external-dns for one hosted zone: docs/internals.md#hosted-zones. */
public final class ExternalDns extends ComponentResource {

    public static final HelmRelease.Chart CHART = new HelmRelease.Chart("external-dns", "1.21.1",
            "https://kubernetes-sigs.github.io/external-dns/");
    public static final String NAMESPACE = "kube-system";

    /** {@code policy}: {@code sync} or {@code upsert-only}. */
    public record Args(PlatformContext platform, ClusterHandle cluster, HostedZone zone, String policy) { }

    /** The owner id of a stack's records: {@code <project>-<stack>}, which no config change can alter. */
    public static String ownerId(String project, String stack) {
        return project + "-" + stack;
    }

    private final String releaseName;
    private final Release release;

    public ExternalDns(String name, Args args, ComponentResourceOptions options) {
        super("eks-platform:edge:ExternalDns", name, options);
        // Release and service account share the name: two instances of the chart live side by side in kube-system.
        var zone = args.zone();
        this.releaseName = CHART.name() + "-" + zone.visibility().flag();
        // The TXT registry's owner: the stack, never the cluster name (a renamed cluster would disown its records).
        String ownerId = ownerId(args.platform().project(), args.platform().stack());

        Output<Map<String, Object>> values = zone.id().applyValue(zoneId -> {
            var v = new LinkedHashMap<String, Object>();
            v.put("fullnameOverride", releaseName);
            v.put("provider", Map.of("name", "aws"));
            v.put("policy", args.policy());
            v.put("registry", "txt");
            // The owner id names the stack (docs/internals.md#hosted-zones).
            v.put("txtOwnerId", ownerId);
            v.put("sources", List.of("service", "ingress"));
            v.put("domainFilters", List.of(zone.domain()));
            if (!zone.excludeDomains().isEmpty()) {
                v.put("excludeDomains", zone.excludeDomains());
            }
            var extraArgs = new ArrayList<String>();
            extraArgs.add("--aws-zone-type=" + zone.visibility().flag());
            extraArgs.add("--zone-id-filter=" + zoneId);
            v.put("extraArgs", extraArgs);
            // Region from the environment: the system nodes' IMDS hop limit of 1 keeps pods from asking IMDS.
            v.put("env", List.of(Map.of("name", "AWS_DEFAULT_REGION", "value", args.platform().region())));
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

        this.release = HelmRelease.of(name + "-release", this, args.cluster(), releaseName, CHART, NAMESPACE)
                .values(values).onSystemNodes().maxHistory(5)
                .podIdentity(args.platform(), name + "-pod-identity", releaseName,
                        List.of(zone.arn().applyValue(ExternalDns::policy)))
                .create();

        registerOutputs(Map.of("releaseName", Output.of(releaseName)));
    }

    /** The upstream policy (src/test/resources/reference/external-dns-iam-policy.json) narrowed to one zone. */
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
