package com.acme.platform.eks.karpenter;

import static com.acme.platform.eks.Stacks.assertSingleProblem;
import static com.acme.platform.eks.Stacks.problems;

import com.acme.platform.eks.Stacks;
import com.acme.platform.eks.config.ConfigException;
import com.acme.platform.eks.config.ConfigSource;
import com.acme.platform.eks.config.StackConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad Karpenter settings fail before anything is registered, naming the key, the value and what is allowed. */
class KarpenterConfigTest {

    @Test
    void defaultsAreOnDemandCurrentGenerationAmd64WithAPinnedAmi() {
        var karpenter = StackConfigLoader.load("eks-platform", "minimal", ConfigSource.of(Stacks.MINIMAL)).karpenter();
        assertEquals(List.of("on-demand"), karpenter.capacityTypes());
        assertEquals(List.of("c", "m", "r"), karpenter.instanceCategories());
        assertEquals(List.of("amd64"), karpenter.architectures());
        assertEquals(2, karpenter.replicas());
        assertTrue(karpenter.amiAlias().matches("al2023@v\\d{8}"), karpenter.amiAlias());
        assertEquals(Optional.empty(), karpenter.disruptionBudgetNodes());
    }

    @Test
    void capacityTypesMustBeANonEmptySubsetOfTheKnownOnes() {
        assertSingleProblem("karpenterCapacityTypes", Map.of("karpenterCapacityTypes", List.of()),
                "must list at least one of [spot, on-demand]");
        assertSingleProblem("karpenterCapacityTypes", Map.of("karpenterCapacityTypes", List.of("spot", "preemptible")),
                "= 'preemptible': is not allowed; allowed: [spot, on-demand]");
        assertSingleProblem("karpenterCapacityTypes", Map.of("karpenterCapacityTypes", List.of("spot", "spot")),
                "twice");
        assertEquals(List.of("spot", "on-demand"), Stacks.config("dev",
                Map.of("karpenterCapacityTypes", List.of("spot", "on-demand"))).karpenter().capacityTypes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"reserved", "reserved,on-demand"})
    void reservedCapacityIsRejectedBecauseTheNodeClassSelectsNoReservation(String types) {
        // Alone it launches nothing; next to on-demand it would silently never be used.
        assertSingleProblem("karpenterCapacityTypes", Map.of("karpenterCapacityTypes", List.of(types.split(","))),
                "= 'reserved': is not supported: the EC2NodeClass has no capacityReservationSelectorTerms, so"
                        + " Karpenter finds no reservation and a pool limited to reserved capacity launches nothing;"
                        + " allowed: [spot, on-demand]");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -4})
    void cpuLimitIsPositive(int limit) {
        assertSingleProblem("karpenterCpuLimit", Map.of("karpenterCpuLimit", limit), "positive");
    }

    @Test
    void amiAliasMustPinARelease() {
        assertSingleProblem("karpenterAmiAlias", Map.of("karpenterAmiAlias", "al2023@latest"),
                "= 'al2023@latest': must pin an AMI release");
        assertSingleProblem("karpenterAmiAlias", Map.of("karpenterAmiAlias", "ami-0123456789abcdef0"),
                "al2023@v<YYYYMMDD>");
        assertSingleProblem("karpenterAmiAlias", Map.of("karpenterAmiAlias", "bottlerocket@v1.30.0"),
                "al2023@v<YYYYMMDD>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1d", "5 minutes", "-1m", "1.5h", "never", ""})
    void consolidateAfterAndExpireAfterAreDurationsOrNever(String value) {
        assertSingleProblem("karpenterConsolidateAfter", Map.of("karpenterConsolidateAfter", value), "or Never");
        assertSingleProblem("karpenterExpireAfter", Map.of("karpenterExpireAfter", value), "or Never");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Never", "2d", "48 hours", "-1h", ""})
    void terminationGracePeriodIsAGoDuration(String value) {
        assertSingleProblem("karpenterTerminationGracePeriod", Map.of("karpenterTerminationGracePeriod", value),
                "such as 48h");
    }

    @Test
    void durationsAcceptGoDurationsAndNever() {
        var karpenter = Stacks.config("dev", Map.of("karpenterConsolidateAfter", "1h30m",
                "karpenterExpireAfter", "Never")).karpenter();
        assertEquals("1h30m", karpenter.consolidateAfter());
        assertEquals("Never", karpenter.expireAfter());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 4})
    void replicasAreOneToThree(int replicas) {
        assertSingleProblem("karpenterReplicas", Map.of("karpenterReplicas", replicas), "between 1 and 3");
    }

    @Test
    void architecturesAreAmd64OrArm64() {
        assertSingleProblem("karpenterArchitectures", Map.of("karpenterArchitectures", List.of("x86_64")),
                "allowed: [amd64, arm64]");
        assertSingleProblem("karpenterArchitectures", Map.of("karpenterArchitectures", List.of()), "at least one");
    }

    @Test
    void disruptionBudgetIsAPercentageOrACount() {
        assertSingleProblem("karpenterDisruptionBudgetNodes", Map.of("karpenterDisruptionBudgetNodes", "110%"),
                "percentage");
        assertSingleProblem("karpenterDisruptionBudgetNodes", Map.of("karpenterDisruptionBudgetNodes", "ten"),
                "percentage");
        assertEquals(Optional.of("3"), Stacks.config("dev", Map.of("karpenterDisruptionBudgetNodes", "3"))
                .karpenter().disruptionBudgetNodes());
    }

    @Test
    void aFreezeNeedsBothScheduleAndDuration() {
        assertSingleProblem("karpenterDisruptionFreezeDuration",
                Map.of("karpenterDisruptionFreezeSchedule", "0 9 * * mon-fri"), "is required");
        assertSingleProblem("karpenterDisruptionFreezeSchedule",
                Map.of("karpenterDisruptionFreezeDuration", "8h"), "is required");
        assertSingleProblem("karpenterDisruptionFreezeSchedule",
                Map.of("karpenterDisruptionFreezeSchedule", "weekdays", "karpenterDisruptionFreezeDuration", "8h"),
                "cron");
        assertSingleProblem("karpenterDisruptionFreezeDuration",
                Map.of("karpenterDisruptionFreezeSchedule", "@daily", "karpenterDisruptionFreezeDuration", "30s"),
                "hours and/or minutes");
    }

    @Test
    void instanceSettingsAreValidated() {
        assertSingleProblem("karpenterInstanceCategories", Map.of("karpenterInstanceCategories", List.of()),
                "at least one");
        assertSingleProblem("karpenterInstanceCategories", Map.of("karpenterInstanceCategories", List.of("m5")),
                "not an EC2 instance category");
        assertSingleProblem("karpenterInstanceGenerationGreaterThan",
                Map.of("karpenterInstanceGenerationGreaterThan", -1), "0 or more");
        assertSingleProblem("karpenterNodeVolumeSizeGib", Map.of("karpenterNodeVolumeSizeGib", 8), "between 20");
    }

    @Test
    void clusterNameFitsTheInterruptionQueueName() {
        assertSingleProblem("clusterName", Map.of("clusterName", "c".repeat(81)), "longest SQS queue name");
    }

    @Test
    void allProblemsAreReportedAtOnce() {
        var overrides = new HashMap<String, Object>();
        overrides.put("karpenterCapacityTypes", List.of());
        overrides.put("karpenterCpuLimit", -1);
        overrides.put("karpenterAmiAlias", "al2023@latest");
        overrides.put("karpenterExpireAfter", "30d");
        var problems = assertThrows(ConfigException.class, () -> Stacks.config("prod", overrides)).problems();
        assertEquals(4, problems.size(), problems::toString);
    }
}
