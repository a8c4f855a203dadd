package com.acme.platform.eks.edge;

import com.acme.platform.eks.platform.PlatformContext;
import com.pulumi.aws.route53.Record;
import com.pulumi.aws.route53.RecordArgs;
import com.pulumi.aws.route53.Zone;
import com.pulumi.aws.route53.ZoneArgs;
import com.pulumi.aws.route53.enums.RecordType;
import com.pulumi.core.Either;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;
import java.util.Map;

/** An account's public zone, built before any platform stack: docs/internals.md#hosted-zones. */
public final class DelegationZone extends ComponentResource {

    /** {@code delegations}: subdomain to the name servers of its own zone. */
    public record Args(PlatformContext platform, String domain, Map<String, List<String>> delegations) { }

    /** Two days, as Route 53 gives the NS record of a new zone. */
    static final int NS_TTL_SECONDS = 172800;

    private final Output<String> zoneId;
    private final Output<List<String>> nameServers;

    public DelegationZone(String name, Args args, ComponentResourceOptions options) {
        super("eks-platform:edge:DelegationZone", name, options);
        var zone = new Zone(name + "-zone", ZoneArgs.builder()
                .name(args.domain())
                .comment("Public names of " + args.domain() + " (bootstrap stack); records by the platform stack")
                .build(), CustomResourceOptions.builder().parent(this).protect(args.platform().protect()).build());
        args.delegations().forEach((subdomain, servers) -> new Record(name + "-ns-" + subdomain, RecordArgs.builder()
                .zoneId(zone.zoneId())
                .name(subdomain)
                .type(Either.ofRight(RecordType.NS))
                .ttl(NS_TTL_SECONDS)
                .records(servers)
                .build(), CustomResourceOptions.builder().parent(this).build()));
        this.zoneId = zone.zoneId();
        this.nameServers = zone.nameServers();
        registerOutputs(Map.of("zoneId", zoneId, "nameServers", nameServers));
    }

    public Output<String> zoneId() {
        return zoneId;
    }

    public Output<List<String>> nameServers() {
        return nameServers;
    }
}
