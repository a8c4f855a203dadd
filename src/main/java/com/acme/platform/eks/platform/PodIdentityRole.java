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

/**
 * An IAM role for one Kubernetes service account through EKS Pod Identity: the role trusts
 * {@code pods.eks.amazonaws.com} (assume + tag session, as EKS requires), and a PodIdentityAssociation binds it to
 * namespace/service account. Resources are created as children of the owning component, named
 * {@code <name>-role}, {@code <name>-policy-<i>}, {@code <name>-managed-<i>} and {@code <name>} (the association).
 */
public final class PodIdentityRole {

    /**
     * @param inlinePolicies  policy documents (JSON) attached inline, in order
     * @param managedPolicies ARNs of managed policies to attach
     */
    public record Spec(String name, String namespace, String serviceAccount, List<Output<String>> inlinePolicies,
                       List<Output<String>> managedPolicies) { }

    private final Role role;
    private final PodIdentityAssociation association;

    public PodIdentityRole(Spec spec, PlatformContext platform, ClusterHandle cluster, Resource parent) {
        this(spec, platform, cluster, parent, role -> List.of());
    }

    /**
     * @param moreGrants creates further permissions of the role that the spec cannot express (Karpenter attaches
     *                   customer-managed policies under names of its own); the association waits for them too
     */
    public PodIdentityRole(Spec spec, PlatformContext platform, ClusterHandle cluster, Resource parent,
                           Function<Role, List<? extends Resource>> moreGrants) {
        var child = CustomResourceOptions.builder().parent(parent).build();
        this.role = new Role(spec.name() + "-role", RoleArgs.builder()
                .path(IamPath.PLATFORM)
                .permissionsBoundary(platform.permissionsBoundary())
                // Only this cluster's pods of this service account: without the conditions, any Pod Identity
                // association in the account (another cluster, another namespace) could be given this role. The
                // values are the session tags EKS Pod Identity sets on every assume (EKS user guide, pod-id-role).
                .assumeRolePolicy(cluster.name().applyValue(clusterName -> PolicyDocument.of(List.of(Map.of(
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "pods.eks.amazonaws.com"),
                        "Action", List.of("sts:AssumeRole", "sts:TagSession"),
                        "Condition", Map.of("StringEquals", Map.of(
                                "aws:RequestTag/eks-cluster-name", clusterName,
                                "aws:RequestTag/kubernetes-namespace", spec.namespace(),
                                "aws:RequestTag/kubernetes-service-account", spec.serviceAccount())))))))
                .build(), child);
        // The association waits for the role's permissions, and so does everything that waits for the association:
        // on destroy, a controller (ALB, external-dns) keeps its rights until it has cleaned up behind itself.
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
