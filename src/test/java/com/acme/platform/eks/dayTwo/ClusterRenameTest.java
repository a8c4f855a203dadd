package com.acme.platform.eks.dayTwo;

import com.acme.platform.eks.Stacks;
import com.acme.platform.eks.offline.Plan;
import com.acme.platform.eks.offline.PlannedResource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.acme.platform.eks.ResourceTypes.LOG_GROUP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A planned cluster rebuild under another name (issue 17, item 3), rendered from the committed stack files: the
 * audit trail survives and external-dns keeps owning the records the old cluster published.
 */
class ClusterRenameTest {
    static final Map<String, Object> RENAMED = Map.of("clusterName", "platform-blue", "plannedRebuild", true);

    static Stream<String> platformStacks() {
        return Stacks.platform().stream();
    }

    private static List<PlannedResource> logGroups(Plan plan) {
        return plan.ofType(LOG_GROUP);
    }

    @ParameterizedTest
    @MethodSource("platformStacks")
    void renamingTheClusterKeepsEveryLogGroup(String stack) {
        var before = Stacks.plan(stack);
        var after = Stacks.plan(stack, RENAMED);
        var controlPlane = before.get(LOG_GROUP, "cluster-control-plane");
        assertNotEquals(controlPlane.string("name"), after.get(LOG_GROUP, "cluster-control-plane").string("name"),
                "the rename gives the control-plane log group another name: AWS replaces it");
        assertTrue(!logGroups(before).isEmpty());
        // What Pulumi deletes on the replacement is the old state's resource: its retainOnDelete decides.
        logGroups(before).forEach(group -> assertTrue(group.retainOnDelete(),
                () -> group.name() + " (" + group.string("name") + ") would be deleted with its history"));
        logGroups(after).forEach(group -> assertTrue(group.retainOnDelete(), group::name));
    }

    @ParameterizedTest
    @MethodSource("platformStacks")
    void externalDnsOwnsTheSameRecordsAfterTheRename(String stack) {
        var before = ownerIds(Stacks.plan(stack));
        var after = ownerIds(Stacks.plan(stack, RENAMED));
        if (before.isEmpty()) {
            return;
        }
        assertEquals(before, after, "a new owner id disowns every record the old external-dns wrote");
        assertEquals(List.of("eks-platform-" + stack), before.stream().distinct().toList());
    }

    private static List<Object> ownerIds(Plan plan) {
        return plan.ofType("kubernetes:helm.sh/v3:Release").stream()
                .filter(r -> "external-dns".equals(r.string("chart")))
                .map(r -> r.input("values.txtOwnerId")).toList();
    }
}
