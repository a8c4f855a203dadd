package com.acme.platform.eks.config;

import java.util.List;
import java.util.Optional;

import static com.acme.platform.eks.config.ConfigKeys.*;

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

    /** The Karpenter section, checked; null when a key of it has a problem. */
    static KarpenterConfig read(ConfigValues v) {
        String schedule = v.string(KARPENTER_DISRUPTION_FREEZE_SCHEDULE);
        String freezeDuration = v.string(KARPENTER_DISRUPTION_FREEZE_DURATION);
        if (v.isSet(KARPENTER_DISRUPTION_FREEZE_SCHEDULE) != v.isSet(KARPENTER_DISRUPTION_FREEZE_DURATION)) {
            var missing = v.isSet(KARPENTER_DISRUPTION_FREEZE_SCHEDULE) ? KARPENTER_DISRUPTION_FREEZE_DURATION
                    : KARPENTER_DISRUPTION_FREEZE_SCHEDULE;
            var other = missing == KARPENTER_DISRUPTION_FREEZE_DURATION ? KARPENTER_DISRUPTION_FREEZE_SCHEDULE
                    : KARPENTER_DISRUPTION_FREEZE_DURATION;
            v.problem(missing, null, "is required when " + other.name() + " is set");
        }
        if (!v.valid(KARPENTER_REPLICAS, KARPENTER_AMI_ALIAS, KARPENTER_CAPACITY_TYPES, KARPENTER_INSTANCE_CATEGORIES,
                KARPENTER_INSTANCE_GENERATION_GT, KARPENTER_ARCHITECTURES, KARPENTER_CPU_LIMIT,
                KARPENTER_CONSOLIDATE_AFTER, KARPENTER_EXPIRE_AFTER, KARPENTER_TERMINATION_GRACE_PERIOD,
                KARPENTER_DISRUPTION_BUDGET_NODES, KARPENTER_NODE_VOLUME_SIZE, KARPENTER_DISRUPTION_FREEZE_SCHEDULE,
                KARPENTER_DISRUPTION_FREEZE_DURATION, KARPENTER_SPOT_SERVICE_LINKED_ROLE)) {
            return null;
        }
        String spot = v.string(KARPENTER_SPOT_SERVICE_LINKED_ROLE);
        var spotRole = switch (spot) {
            case "create" -> SpotServiceLinkedRole.CREATE;
            case "external" -> SpotServiceLinkedRole.EXTERNAL;
            default -> SpotServiceLinkedRole.IMPORT;
        };
        return new KarpenterConfig(v.integer(KARPENTER_REPLICAS), v.string(KARPENTER_AMI_ALIAS),
                v.strings(KARPENTER_CAPACITY_TYPES), v.strings(KARPENTER_INSTANCE_CATEGORIES),
                v.integer(KARPENTER_INSTANCE_GENERATION_GT), v.strings(KARPENTER_ARCHITECTURES),
                v.integer(KARPENTER_CPU_LIMIT), v.string(KARPENTER_CONSOLIDATE_AFTER), v.string(KARPENTER_EXPIRE_AFTER),
                Optional.ofNullable(v.string(KARPENTER_TERMINATION_GRACE_PERIOD)),
                Optional.ofNullable(v.string(KARPENTER_DISRUPTION_BUDGET_NODES)),
                Optional.ofNullable(schedule).map(s -> new Freeze(s, freezeDuration)),
                v.integer(KARPENTER_NODE_VOLUME_SIZE), spotRole,
                spotRole == SpotServiceLinkedRole.IMPORT ? Optional.of(spot) : Optional.empty());
    }

    /** Whether the stack creates, adopts (the {@code import} option, by ARN) or leaves alone the account's EC2 Spot role. */
    public enum SpotServiceLinkedRole { CREATE, IMPORT, EXTERNAL }

    public boolean usesSpot() {
        return capacityTypes.contains("spot");
    }

    /** A window (cron schedule in UTC, Go duration) in which Karpenter voluntarily disrupts no node. */
    public record Freeze(String schedule, String duration) { }
}
