package com.acme.platform.eks.edge;

import com.acme.platform.eks.platform.CanonicalJson;
import com.pulumi.core.Output;
import com.pulumi.resources.Resource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an Ingress needs from the edge to get an ALB: the validated certificate, the IngressClass, and what to wait
 * for (the controller's release and the class); and the annotations every ALB of the platform shares.
 *
 * @param certificateArn resolves only once ACM has issued the certificate
 * @param dependsOn      the controller's Helm release (its webhook validates Ingresses; deleting an Ingress needs
 *                       the controller to release the ALB) and the IngressClass
 */
public record AlbIngress(Output<String> certificateArn, String className, List<Resource> dependsOn) {

    /** TLS 1.3 with TLS 1.2 fallback, forward-secret ciphers only (ELB's recommended policy). */
    public static final String SSL_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

    /**
     * IngressGroups (alb.ingress.kubernetes.io/group.name): the controller keeps one ALB per group, not per Ingress,
     * so an Ingress replaced by a rename of the app or its namespace joins the existing ALB (create before delete)
     * instead of getting a new one that DNS then flips to. The names are fixed per purpose, never derived from the
     * app's name or namespace. A group admits any Ingress in the cluster that names it: whoever may create
     * Ingresses may add rules to these ALBs (docs/edge.md).
     */
    public static final String APP_GROUP = "app";
    public static final String ARGOCD_GROUP = "argocd";

    public AlbIngress {
        dependsOn = List.copyOf(dependsOn);
    }

    /**
     * HTTPS with the certificate and a redirect from HTTP, pod IPs as targets (no NodePort hop; the VPC CNI gives
     * pods routable addresses), the scheme: {@code internet-facing} or {@code internal}, and the IngressGroup whose
     * ALB serves it.
     */
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
        // Requests with malformed header names are dropped at the ALB instead of reaching the app (request
        // smuggling; AWS Security Hub ELB.4).
        annotations.put("alb.ingress.kubernetes.io/load-balancer-attributes",
                "routing.http.drop_invalid_header_fields.enabled=true");
        return annotations;
    }
}
