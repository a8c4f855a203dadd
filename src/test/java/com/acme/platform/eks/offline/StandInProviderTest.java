package com.acme.platform.eks.offline;

import com.google.protobuf.Struct;
import org.junit.jupiter.api.Test;
import pulumirpc.Provider.DiffResponse;
import pulumirpc.Provider.PropertyDiff;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The stand-in provider of scripts/engine-test: what it tells the real engine about a diff and a URN. */
class StandInProviderTest {
    private static Struct struct(Map<String, Object> map) {
        return StandInProvider.toStruct(map);
    }

    @Test
    void diffNamesEveryChangedTopLevelPropertyAndNothingElse() {
        var olds = new LinkedHashMap<String, Object>();
        olds.put("metadata", Map.of("name", "backend", "labels", Map.of("app", "backend")));
        olds.put("spec", Map.of("replicas", 2, "image", "podinfo:6.9.1"));
        olds.put("gone", true);
        var news = new LinkedHashMap<String, Object>(olds);
        news.put("spec", Map.of("replicas", 2, "image", "podinfo:6.9.2"));
        news.remove("gone");
        news.put("added", "x");

        DiffResponse diff = StandInProvider.diff(struct(olds), struct(news));

        assertEquals(DiffResponse.DiffChanges.DIFF_SOME, diff.getChanges());
        assertEquals(List.of("added", "gone", "spec"), diff.getDiffsList());
        assertEquals(PropertyDiff.Kind.ADD, diff.getDetailedDiffMap().get("added").getKind());
        assertEquals(PropertyDiff.Kind.DELETE, diff.getDetailedDiffMap().get("gone").getKind());
        assertEquals(PropertyDiff.Kind.UPDATE, diff.getDetailedDiffMap().get("spec").getKind());
        assertEquals(List.of(), diff.getReplacesList(), "the stand-in never asks for a replacement");
    }

    @Test
    void sameInputsAreNoChange() {
        var inputs = Map.<String, Object>of("cidrBlock", "10.10.0.0/16", "tags", Map.of("stack", "dev"));
        assertEquals(DiffResponse.DiffChanges.DIFF_NONE,
                StandInProvider.diff(struct(inputs), struct(new LinkedHashMap<>(inputs))).getChanges());
    }

    @Test
    void anUnknownValueInAPreviewIsAChange() {
        var diff = StandInProvider.diff(struct(Map.of("vpcId", "vpc-1")),
                struct(Map.of("vpcId", StandInProvider.UNKNOWN)));
        assertEquals(List.of("vpcId"), diff.getDiffsList());
    }

    @Test
    void typeAndNameComeFromTheLastSegmentsOfTheUrn() {
        String urn = "urn:pulumi:dev::eks-platform::eks-platform:network:Network$aws:ec2/route:Route"
                + "::network-private-a-default";
        assertEquals("aws:ec2/route:Route", StandInProvider.type(urn));
        assertEquals("network-private-a-default", StandInProvider.name(urn));
    }

    @Test
    void valuesSurviveTheProtobufRoundTrip() {
        var value = new LinkedHashMap<String, Object>();
        value.put("count", 3L);
        value.put("ratio", 0.5);
        value.put("on", true);
        value.put("list", List.of("a", Map.of("b", "c")));
        value.put("nothing", null);
        assertEquals(value, StandInProvider.toJava(struct(value)));
    }
}
