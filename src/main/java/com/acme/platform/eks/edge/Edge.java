package com.acme.platform.eks.edge;

import com.acme.platform.eks.config.EdgeConfig;
import com.acme.platform.eks.config.StackConfig;
import com.acme.platform.eks.platform.ClusterHandle;
import com.acme.platform.eks.platform.PlatformContext;
import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;

import java.util.List;
import java.util.stream.Stream;

/** A stack's edge: zones, certificate, the ALB controller, external-dns per zone (split horizon). */
public record Edge(Dns dns, LoadBalancerController loadBalancerController, List<ExternalDns> externalDns,
                   AlbIngress ingress) {

    /** Creates the edge of a stack with {@code ingressEnabled} and exports its outputs. */
    public static Edge create(Context ctx, PlatformContext platform, ClusterHandle cluster, StackConfig stack,
                              Output<String> vpcId, ComponentResourceOptions options) {
        var config = stack.edge();
        var dns = new Dns("dns", new Dns.Args(platform, config, vpcId), options);
        var controller = new LoadBalancerController("load-balancer-controller",
                new LoadBalancerController.Args(platform, cluster, vpcId, config.loadBalancerControllerReplicas()),
                options);
        var externalDns = Stream.of(dns.publicZone(), dns.privateZone()).map(zone -> new ExternalDns("external-dns-" + zone.visibility().flag(),
                new ExternalDns.Args(platform, cluster, zone, config.externalDnsPolicy()), options)).toList();
        var edge = new Edge(dns, controller, externalDns, new AlbIngress(dns.certificateArn(),
                LoadBalancerController.INGRESS_CLASS, List.of(controller.release(), controller.ingressClass())));
        edge.export(ctx, config, stack.app().hostName());
        return edge;
    }

    /** The stack outputs of the edge (docs/outputs.md). */
    private void export(Context ctx, EdgeConfig config, String appHostName) {
        ctx.export("publicZoneId", dns.publicZone().id());
        if (config.publicZoneId().isEmpty()) {
            // Only a zone this stack creates has name servers to delegate to; an existing zone exports its own.
            ctx.export("publicZoneNameServers", dns.publicNameServers());
        }
        ctx.export("privateZoneId", dns.privateZone().id());
        ctx.export("certificateArn", dns.certificateArn());
        ctx.export("ingressClassName", loadBalancerController.ingressClassName());
        ctx.export("appUrl", Output.of("https://" + appHostName));
    }
}
