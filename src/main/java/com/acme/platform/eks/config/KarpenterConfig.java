package com.acme.platform.eks.config;

import java.util.List;
import java.util.Optional;

/** Karpenter and its one NodePool / EC2NodeClass pair: docs/internals.md#config-records. */
public record KarpenterConfig(
        @Key(value = "karpenterReplicas", dflt = "2", min = 1, max = 3, why = " (one leader, the others stand by)",
                doc = "controller replicas, 1 to 3") int replicas,
        @Key(value = "karpenterAmiAlias", dflt = "al2023@v20260714", format = Formats.AMI_ALIAS,
                doc = "`al2023@v<YYYYMMDD>`; `@latest` is rejected") String amiAlias,
        @Key(value = "karpenterCapacityTypes", dflt = "[on-demand]", format = Formats.CAPACITY_TYPES, doc = "non-empty"
                + " subset of spot, on-demand") List<String> capacityTypes,
        @Key(value = "karpenterInstanceCategories", dflt = "[c, m, r]", min = 1, why = "must list at least one instance"
                + " category such as c, m or r", regex = "[a-z]{1,4}", msg = "is not an EC2 instance category (the"
                + " letters before the generation: c, m, r, t, inf, ...)", doc = "`karpenter.k8s.aws/instance-category`")
        List<String> instanceCategories,
        @Key(value = "karpenterInstanceGenerationGreaterThan", dflt = "5", min = 0, why = "must be 0 or more",
                doc = "`karpenter.k8s.aws/instance-generation Gt`") int instanceGenerationGreaterThan,
        @Key(value = "karpenterArchitectures", dflt = "[amd64]", format = Formats.ARCHITECTURES,
                doc = "amd64 and/or arm64") List<String> architectures,
        @Key(value = "karpenterCpuLimit", dflt = "100", min = 1, why = "must be a positive number of vCPUs",
                doc = "NodePool `limits.cpu`, positive") int cpuLimit,
        @Key(value = "karpenterConsolidateAfter", dflt = "1m", format = Formats.DURATION_OR_NEVER, doc = "Go duration"
                + " (s/m/h) or `Never`") String consolidateAfter,
        @Key(value = "karpenterExpireAfter", dflt = "720h", format = Formats.POSITIVE_DURATION_OR_NEVER,
                doc = "Go duration (s/m/h) above 0, or `Never`") String expireAfter,
        @Key(value = "karpenterTerminationGracePeriod", shown = "unbounded", format = Formats.DURATION,
                doc = "longest a node drains before its remaining pods are deleted")
        Optional<String> terminationGracePeriod,
        @Key(value = "karpenterDisruptionBudgetNodes", shown = "(Karpenter's 10%)",
                regex = "(100|[0-9]{1,2})%|[0-9]{1,6}", msg = "must be a percentage (0% to 100%) or a node count such as"
                + " 10% or 2", doc = "always-active budget: percentage or count") Optional<String> disruptionBudgetNodes,
        Optional<Freeze> disruptionFreeze,
        @Key(value = "karpenterNodeVolumeSizeGib", dflt = "50", min = 20, max = 16384, why = " GiB",
                doc = "encrypted gp3 root volume of Karpenter's nodes, GiB") int nodeVolumeSizeGib,
        SpotServiceLinkedRole spotServiceLinkedRole,
        @Key(value = "karpenterSpotServiceLinkedRole", dflt = "create", regex = "create|external|arn:aws[a-z-]*:iam::"
                + "\\d{12}:role/aws-service-role/spot\\.amazonaws\\.com/AWSServiceRoleForEC2Spot", msg = "must be"
                + " create, external, or the ARN of the account's existing role to adopt, arn:aws:iam::<account>:role/"
                + "aws-service-role/spot.amazonaws.com/AWSServiceRoleForEC2Spot", doc = "with `spot` in"
                + " `karpenterCapacityTypes`: `create` (the stack creates the account's EC2 Spot service-linked role,"
                + " kept on destroy), the ARN of an existing `AWSServiceRoleForEC2Spot` to adopt (the `import` resource"
                + " option), or `external` (not managed here)") Optional<String> spotServiceLinkedRoleArn) {

    public KarpenterConfig {
        if (spotServiceLinkedRole == null) { // bound from the one key: create, external or the ARN to import
            String spot = spotServiceLinkedRoleArn.orElseThrow();
            spotServiceLinkedRole = spot.equals("create") ? SpotServiceLinkedRole.CREATE : spot.equals("external")
                    ? SpotServiceLinkedRole.EXTERNAL : SpotServiceLinkedRole.IMPORT;
            spotServiceLinkedRoleArn = spotServiceLinkedRoleArn.filter(s -> s.startsWith("arn:"));
        }
    }

    /** Whether the stack creates, adopts (the {@code import} option) or leaves alone the account's EC2 Spot role. */
    public enum SpotServiceLinkedRole { CREATE, IMPORT, EXTERNAL }

    public boolean usesSpot() {
        return capacityTypes.contains("spot");
    }

    /** A window (cron schedule in UTC, Go duration) in which Karpenter voluntarily disrupts no node. */
    public record Freeze(
            @Key(value = "karpenterDisruptionFreezeSchedule", shown = "unset", format = Formats.CRON, doc = "cron (UTC)"
                    + " of a `nodes: \"0\"` budget; needs the duration") String schedule,
            @Key(value = "karpenterDisruptionFreezeDuration", shown = "unset", regex = "(([0-9]{1,6}(h|m))|([0-9]{1,6}h"
                    + "[0-9]{1,6}m))(0s)?", msg = "must be hours and/or minutes such as 8h, 90m or 1h30m",
                    doc = "length of each freeze (hours/minutes)") String duration) { }
}
