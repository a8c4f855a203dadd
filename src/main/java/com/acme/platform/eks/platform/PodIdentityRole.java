package com.acme.platform.eks.platform;

import com.pulumi.aws.eks.PodIdentityAssociation;
import com.pulumi.aws.eks.PodIdentityAssociationArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** An IAM role for one service account through EKS Pod Identity: docs/internals.md#pod-identity-roles. */
public final class PodIdentityRole {

    public record Spec(String name, String namespace, String serviceAccount, List<Output<String>> inlinePolicies,
                       List<Output<String>> managedPolicies) { }

    private final Role role;
    private final PodIdentityAssociation association;

    public PodIdentityRole(Spec spec, PlatformContext platform, ClusterHandle cluster, Resource parent) {
        this(spec, platform, cluster, parent, role -> List.of());
    }

    /** {@code moreGrants}: permissions the spec cannot express; the association waits for them too. */
    public PodIdentityRole(Spec spec, PlatformContext platform, ClusterHandle cluster, Resource parent,
                           Function<Role, List<? extends Resource>> moreGrants) {
        var child = CustomResourceOptions.builder().parent(parent).build();
        this.role = new Role(spec.name() + "-role", RoleArgs.builder()
                .path(IamPath.PLATFORM)
                .permissionsBoundary(platform.permissionsBoundary())
                // Only this cluster's service account (docs/internals.md#pod-identity-roles).
                .assumeRolePolicy(cluster.name().applyValue(clusterName -> PolicyDocument.of(List.of(Map.of(
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "pods.eks.amazonaws.com"),
                        "Action", List.of("sts:AssumeRole", "sts:TagSession"),
                        "Condition", Map.of("StringEquals", Map.of(
                                "aws:RequestTag/eks-cluster-name", clusterName,
                                "aws:RequestTag/kubernetes-namespace", spec.namespace(),
                                "aws:RequestTag/kubernetes-service-account", spec.serviceAccount())))))))
                .build(), child);
        // The association waits for the permissions (docs/internals.md#pod-identity-roles).
        var grants = new ArrayList<Resource>();
        for (int i = 0; i < spec.inlinePolicies().size(); i++) {
            grants.add(new RolePolicy(spec.name() + "-policy-" + i, RolePolicyArgs.builder()
                    .role(role.id())
                    .policy(spec.inlinePolicies().get(i))
                    .build(), child));
        }
        for (int i = 0; i < spec.managedPolicies().size(); i++) {
            grants.add(new RolePolicyAttachment(spec.name() + "-managed-" + i, RolePolicyAttachmentArgs.builder()
                    .role(role.name())
                    .policyArn(spec.managedPolicies().get(i))
                    .build(), child));
        }
        grants.addAll(moreGrants.apply(role));
        this.association = new PodIdentityAssociation(spec.name(), PodIdentityAssociationArgs.builder()
                .clusterName(cluster.name())
                .namespace(spec.namespace())
                .serviceAccount(spec.serviceAccount())
                .roleArn(role.arn())
                .build(), CustomResourceOptions.builder().parent(parent).dependsOn(grants).build());
    }

    public Role role() {
        return role;
    }

    public PodIdentityAssociation association() {
        return association;
    }
}
