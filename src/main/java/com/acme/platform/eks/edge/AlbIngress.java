package com.acme.platform.eks.edge;

import com.acme.platform.eks.platform.CanonicalJson;
import com.pulumi.core.Output;
import com.pulumi.resources.Resource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What an Ingress needs from the edge to get an ALB: docs/internals.md#alb-ingressgroups. */
public record AlbIngress(Output<String> certificateArn, String className, List<Resource> dependsOn) {

    /** TLS 1.3 with TLS 1.2 fallback, forward-secret ciphers only (ELB's recommended policy). */
    public static final String SSL_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

    /** IngressGroups, one ALB per purpose: docs/internals.md#alb-ingressgroups. */
    public static final String APP_GROUP = "app";
    public static final String ARGOCD_GROUP = "argocd";

    public AlbIngress {
        dependsOn = List.copyOf(dependsOn);
    }

    /** HTTPS, HTTP redirect, pod IPs as targets, scheme and group (docs/internals.md#alb-ingressgroups). */
    public static Map<String, String> annotations(String scheme, String certificateArn, String healthCheckPath,
                                                  String group) {
        var annotations = new LinkedHashMap<String, String>();
        annotations.put("alb.ingress.kubernetes.io/group.name", group);
        annotations.put("alb.ingress.kubernetes.io/scheme", scheme);
        annotations.put("alb.ingress.kubernetes.io/target-type", "ip");
        annotations.put("alb.ingress.kubernetes.io/listen-ports", CanonicalJson.write(List.of(
                Map.of("HTTP", 80), Map.of("HTTPS", 443))));
        annotations.put("alb.ingress.kubernetes.io/ssl-redirect", "443");
        annotations.put("alb.ingress.kubernetes.io/certificate-arn", certificateArn);
        annotations.put("alb.ingress.kubernetes.io/ssl-policy", SSL_POLICY);
        annotations.put("alb.ingress.kubernetes.io/healthcheck-path", healthCheckPath);
        // Drop malformed header names at the ALB (request smuggling; AWS Security Hub ELB.4).
        annotations.put("alb.ingress.kubernetes.io/load-balancer-attributes",
                "routing.http.drop_invalid_header_fields.enabled=true");
        return annotations;
    }
}
