package com.acme.platform.eks.platform;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The one way the program installs a Helm chart: docs/internals.md#one-helm-release-helper. */
public final class HelmRelease {
    private final String resourceName;
    private final Resource parent;
    private final ClusterHandle cluster;
    private final String namespace;
    private final ReleaseArgs.Builder args = ReleaseArgs.builder();
    private final List<Resource> dependsOn = new ArrayList<>();
    private PodIdentityRole.Spec podIdentity;
    private PlatformContext platform;

    /** A pinned chart; {@code repository} null for an {@code oci://} reference. */
    public record Chart(String name, String version, String repository) {
        public static Chart oci(String reference, String version) {
            return new Chart(reference, version, null);
        }
    }

    private HelmRelease(String resourceName, Resource parent, ClusterHandle cluster, String namespace) {
        this.resourceName = resourceName;
        this.parent = parent;
        this.cluster = cluster;
        this.namespace = namespace;
    }

    public static HelmRelease of(String resourceName, Resource parent, ClusterHandle cluster, String releaseName,
                                 Chart chart, String namespace) {
        var release = new HelmRelease(resourceName, parent, cluster, namespace);
        release.args.name(releaseName).chart(chart.name()).version(chart.version()).namespace(namespace);
        if (chart.repository() != null) {
            release.args.repositoryOpts(RepositoryOptsArgs.builder().repo(chart.repository()).build());
        }
        return release;
    }

    /** A namespace another resource of the program creates: the release waits for it. */
    public HelmRelease namespace(Output<String> created) {
        args.namespace(created);
        return this;
    }

    public HelmRelease values(Output<Map<String, Object>> values) {
        args.values(values);
        return this;
    }

    public HelmRelease values(Map<String, Object> values) {
        args.values(values);
        return this;
    }

    /** Helm rolls a failed install or upgrade back and deletes what it created, instead of leaving it half done. */
    public HelmRelease atomic() {
        args.atomic(true).cleanupOnFail(true);
        return this;
    }

    /** Atomic, after the system nodes and CoreDNS (docs/internals.md#one-helm-release-helper). */
    public HelmRelease onSystemNodes() {
        return atomic().after(cluster.systemServices());
    }

    public HelmRelease maxHistory(int revisions) {
        args.maxHistory(revisions);
        return this;
    }

    public HelmRelease timeoutSeconds(int seconds) {
        args.timeout(seconds);
        return this;
    }

    /** The chart's {@code crds/} folder is left out (its CRDs come from a chart of their own). */
    public HelmRelease skipCrds() {
        args.skipCrds(true);
        return this;
    }

    public HelmRelease after(List<? extends Resource> resources) {
        dependsOn.addAll(resources);
        return this;
    }

    /** The chart's Pod Identity role, awaited by the release (docs/internals.md#one-helm-release-helper). */
    public HelmRelease podIdentity(PlatformContext context, String roleName, String serviceAccount,
                                   List<Output<String>> inlinePolicies) {
        this.platform = context;
        this.podIdentity = new PodIdentityRole.Spec(roleName, namespace, serviceAccount, inlinePolicies, List.of());
        return this;
    }

    public Release create() {
        var needs = new ArrayList<Resource>(dependsOn);
        if (podIdentity != null) {
            needs.add(new PodIdentityRole(podIdentity, platform, cluster, parent).association());
        }
        return new Release(resourceName, args.build(), CustomResourceOptions.builder().parent(parent)
                .provider(cluster.kubernetesProvider()).dependsOn(needs).build());
    }
}
