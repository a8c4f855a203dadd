package com.acme.platform.eks.delivery;

import com.acme.platform.eks.config.GithubDeliveryConfig;
import com.acme.platform.eks.config.GithubDeployRole;
import com.acme.platform.eks.edge.DelegationZone;
import com.acme.platform.eks.platform.PlatformContext;
import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;

/** An account's bootstrap stack: docs/delivery.md#bootstrap-the-oidc-provider-and-the-roles. */
public final class DeliveryBootstrap {
    private DeliveryBootstrap() { }

    public static void compose(Context ctx, PlatformContext platform, GithubDeliveryConfig github,
                               ComponentResourceOptions options) {
        var roles = new GithubDeployRoles("github-deploy-roles", new GithubDeployRoles.Args(platform, github), options);
        // Delegated before the first platform up, which names it in publicZoneId.
        github.publicZoneDomain().ifPresent(domain -> {
            var zone = new DelegationZone("public-zone", new DelegationZone.Args(platform, domain,
                    github.publicZoneDelegations()), options);
            ctx.export("publicZoneName", Output.of(domain));
            ctx.export("publicZoneId", zone.zoneId());
            ctx.export("publicZoneNameServers", zone.nameServers());
        });
        ctx.export("githubOidcProviderArn", roles.oidcProviderArn());
        ctx.export("permissionsBoundaryArn", roles.permissionsBoundaryArn());
        // Only the roles this account builds: an empty ARN would reach a repository variable and fail later.
        for (var role : GithubDeployRole.values()) {
            roles.roleArn(role).ifPresent(arn -> ctx.export(GithubDeployRoles.OUTPUT_OF_ROLE.get(role), arn));
        }
    }
}
