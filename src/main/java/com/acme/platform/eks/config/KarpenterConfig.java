package com.acme.platform.eks.config;

import java.util.List;
import java.util.Optional;

/**
 * Karpenter: its controller and the one NodePool / EC2NodeClass pair it provisions application nodes from.
 *
 * @param amiAlias                       {@code al2023@v<YYYYMMDD>}: a pinned AMI release, never {@code @latest}
 * @param capacityTypes                  values of {@code karpenter.sh/capacity-type} the NodePool allows
 * @param instanceCategories             values of {@code karpenter.k8s.aws/instance-category} (c, m, r, ...)
 * @param instanceGenerationGreaterThan  {@code karpenter.k8s.aws/instance-generation Gt} this number
 * @param architectures                  values of {@code kubernetes.io/arch} (amd64, arm64)
 * @param cpuLimit                       the NodePool's {@code limits.cpu}: cores Karpenter may launch in total
 * @param consolidateAfter               Go duration or {@code Never}
 * @param expireAfter                    Go duration or {@code Never}
 * @param terminationGracePeriod         how long a draining node waits for its pods (PDBs, grace periods) before
 *                                       Karpenter deletes them anyway; empty waits as long as they block
 * @param disruptionBudgetNodes          {@code nodes} of the always-active disruption budget ("10%" or a count);
 *                                       empty leaves Karpenter's default budget
 * @param disruptionFreeze               an optional scheduled budget of zero nodes (no voluntary disruption)
 */
public record KarpenterConfig(
        int replicas,
        String amiAlias,
        List<String> capacityTypes,
        List<String> instanceCategories,
        int instanceGenerationGreaterThan,
        List<String> architectures,
        int cpuLimit,
        String consolidateAfter,
        String expireAfter,
        Optional<String> terminationGracePeriod,
        Optional<String> disruptionBudgetNodes,
        Optional<Freeze> disruptionFreeze,
        int nodeVolumeSizeGib,
        SpotServiceLinkedRole spotServiceLinkedRole,
        Optional<String> spotServiceLinkedRoleArn) {

    public KarpenterConfig {
        capacityTypes = List.copyOf(capacityTypes);
        instanceCategories = List.copyOf(instanceCategories);
        architectures = List.copyOf(architectures);
    }

    /** Whether the stack creates, adopts ({@code pulumi import}) or leaves alone the account's EC2 Spot role. */
    public enum SpotServiceLinkedRole {
        CREATE("create"), IMPORT("import"), EXTERNAL("external");

        private final String configValue;

        SpotServiceLinkedRole(String configValue) {
            this.configValue = configValue;
        }

        public String configValue() {
            return configValue;
        }
    }

    public boolean usesSpot() {
        return capacityTypes.contains("spot");
    }

    /** A window (cron schedule in UTC, Go duration) in which Karpenter voluntarily disrupts no node. */
    public record Freeze(String schedule, String duration) { }
}
