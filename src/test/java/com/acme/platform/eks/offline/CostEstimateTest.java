package com.acme.platform.eks.offline;

import com.acme.platform.eks.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** cost.md: the monthly estimate computed from each stack's plan and the dated price table of its region. */
class CostEstimateTest {
    static final double HOURS = 730;
    static final PriceTable EU_WEST_1 = PriceTable.forRegion("eu-west-1").orElseThrow();

    private static CostEstimate.Line line(CostEstimate.Estimate estimate, String prefix) {
        return estimate.lines().stream().filter(l -> l.item().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + prefix + " in " + estimate.lines()));
    }

    @Test
    void everyStacksRenderWritesItsCost(@TempDir Path out) throws Exception {
        for (String stack : Stacks.all()) {
            Path dir = out.resolve(stack);
            PlanWriter.write(Stacks.plan(stack), dir);
            String cost = Files.readString(dir.resolve("cost.md"));
            assertTrue(cost.startsWith("# Monthly cost estimate of stack `" + stack + "`"), cost);
            assertTrue(cost.contains("Total: $"), stack + ": " + cost);
            assertTrue(cost.contains("compiled 2026-11-30"), "the table's date is stated");
        }
    }

    @Test
    void natGatewaysAreCountedFromThePlanNotFromConfig() {
        var plan = Stacks.plan("prod");
        var full = CostEstimate.of(plan);
        assertEquals(3 * HOURS, line(full, "NAT gateways").quantity());
        // The same config, a plan with one NAT gateway: the estimate follows the plan.
        var oneNat = new Plan(plan.project(), plan.stack(), plan.resources().stream()
                .filter(r -> !r.type().equals("aws:ec2/natGateway:NatGateway") || r.name().endsWith("-a"))
                .toList(), plan.outputs(), List.of());
        var fewer = CostEstimate.of(oneNat);
        assertEquals(HOURS, line(fewer, "NAT gateways").quantity(), oneNat.ofType("aws:ec2/natGateway:NatGateway")
                ::toString);
        double perNatMonth = HOURS * 0.048 + 100 * 0.048;
        assertEquals(full.total() - 2 * perNatMonth, fewer.total(), 1e-6);
    }

    @Test
    void moreZonesAndANatGatewayPerZoneCostMore() {
        double single = CostEstimate.of(Stacks.plan("dev")).total();
        var perAz = CostEstimate.of(Stacks.plan("dev", Map.of("natGateways", "perAz")));
        assertEquals(2 * HOURS, line(perAz, "NAT gateways").quantity());
        assertEquals(single + HOURS * 0.048 + 100 * 0.048, perAz.total(), 1e-6);
        var threeZones = CostEstimate.of(Stacks.plan("dev", Map.of("natGateways", "perAz", "azCount", 3)));
        assertEquals(3 * HOURS, line(threeZones, "NAT gateways").quantity());
        assertTrue(threeZones.total() > perAz.total());
    }

    @Test
    void extendedSupportCostsSixTimesTheControlPlane() {
        var standard = line(CostEstimate.of(Stacks.plan("dev")), "EKS control plane");
        var extended = line(CostEstimate.of(Stacks.plan("dev", Map.of("clusterSupportType", "EXTENDED"))),
                "EKS control plane");
        assertEquals(73.0, standard.monthlyUsd(), 1e-9);
        assertEquals(438.0, extended.monthlyUsd(), 1e-9);
        assertTrue(extended.item().contains("EXTENDED"), extended.item());
    }

    @Test
    void nodesFollowTheNodeGroupAndTheNodePoolInThePlan() {
        var prod = CostEstimate.of(Stacks.plan("prod"));
        var system = line(prod, "System nodes");
        assertTrue(system.item().contains("m7i.large"), system.item());
        assertEquals(3 * HOURS, system.quantity(), "desiredSize 3");
        var karpenter = line(prod, "Karpenter nodes");
        assertEquals(3 * HOURS, karpenter.quantity(), "3 replicas over 3 zones");
        assertTrue(karpenter.item().endsWith("c6i.large"), "the cheapest c/m/r > gen 5 amd64 type: " + karpenter.item());
        var memoryOnly = line(CostEstimate.of(Stacks.plan("prod", Map.of("karpenterInstanceCategories", List.of("m")))),
                "Karpenter nodes");
        assertTrue(memoryOnly.item().endsWith("m7i-flex.large"), memoryOnly.item());
        var dev = line(CostEstimate.of(Stacks.plan("dev")), "Karpenter nodes");
        assertEquals(2 * HOURS, dev.quantity(), "2 replicas over 2 zones");
        assertTrue(dev.assumption().contains("spot priced on-demand"), dev.assumption());
        // Volumes: 3 x 50 GiB system + 3 x 100 GiB Karpenter in prod.
        assertEquals(450.0, line(prod, "EBS gp3").quantity());
    }

    @Test
    void albsAreTheIngressesOfClassAlbIncludingArgoCdsServer() {
        assertEquals(1, CostEstimate.albs(Stacks.plan("prod")));
        assertEquals(2, CostEstimate.albs(Stacks.plan("dev")), "the app's and Argo CD's internal UI");
    }

    @Test
    void unknownPricesAreStatedNotInvented() {
        var prod = CostEstimate.of(Stacks.plan("prod"));
        var unpriced = prod.unpriced().stream().map(CostEstimate.Line::item).toList();
        assertTrue(unpriced.containsAll(List.of("ALB capacity units", "CloudWatch Logs ingestion", "CloudWatch alarms",
                "Container Insights")), unpriced::toString);
        String md = CostReport.markdown(prod);
        assertTrue(md.contains("without " + unpriced.size() + " line(s) whose price was not found"), md);
        assertTrue(md.contains("| not priced |"), md);
        assertTrue(md.contains("(uncertain)"), "the gp3 price is marked uncertain");
        for (var price : EU_WEST_1.prices().values()) {
            assertFalse(price.source().isBlank(), price.key());
            if (price.usd() != null) {
                assertNotNull(price.date(), price.key() + " has a price but no date");
            }
        }
    }

    @Test
    void aRegionWithoutAPriceTableSaysSo() {
        var estimate = CostEstimate.of(Stacks.plan("dev"), "ap-south-2", Optional.empty());
        assertTrue(CostReport.markdown(estimate).contains("No price table for region `ap-south-2`"));
    }

    @Test
    void theFiguresShowTheCurrentTotals() throws Exception {
        String figures = Files.readString(Path.of("docs", "figures.md"));
        for (String stack : List.of("dev", "prod")) {
            String total = String.format(Locale.ROOT, "$%.2f", CostEstimate.of(Stacks.plan(stack)).total());
            var row = Pattern.compile("\\| `" + stack + "` \\| \\Q" + total + "\\E \\|").matcher(figures);
            assertTrue(row.find(), "docs/figures.md must show " + stack + " at " + total
                    + " (render --stack " + stack + ", cost.md)");
        }
    }
}
