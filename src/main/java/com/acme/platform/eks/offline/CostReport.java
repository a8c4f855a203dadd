package com.acme.platform.eks.offline;

import java.util.Locale;
import java.util.TreeSet;

import com.acme.platform.eks.offline.CostEstimate.Line;

import static com.acme.platform.eks.offline.CostEstimate.fmt;

/** {@code cost.md}: an {@link CostEstimate.Estimate} as Markdown, with every price's source and date. */
final class CostReport {
    private CostReport() { }

    static String markdown(CostEstimate.Estimate estimate) {
        var md = new StringBuilder();
        md.append("# Monthly cost estimate of stack `").append(estimate.stack()).append("`\n\n");
        if (estimate.table().isEmpty()) {
            md.append("No price table for region `").append(estimate.region()).append("` (src/main/resources/prices/"
                    + "<region>.json): no estimate.\n");
            return md.toString();
        }
        var table = estimate.table().get();
        md.append("Region `").append(table.region()).append("`, on-demand list prices in USD from the price table"
                + " compiled ").append(table.compiled()).append(" (`src/main/resources/prices/").append(table.region())
                .append(".json`), ").append(fmt(table.assumption("hoursPerMonth")))
                .append(" hours per month. Counts come from this stack's plan; usage-priced lines state their"
                        + " assumptions. Taxes, data transfer out, support plans, Savings Plans and spot discounts"
                        + " are not included.\n\n");
        md.append(String.format(Locale.ROOT, "**Total: $%.2f per month**", estimate.total()));
        if (!estimate.unpriced().isEmpty()) {
            md.append(" (without ").append(estimate.unpriced().size()).append(" line(s) whose price was not found: ")
                    .append(String.join(", ", estimate.unpriced().stream().map(Line::item).toList())).append(")");
        }
        if (estimate.lines().isEmpty()) {
            md.append("\n\nNothing in this plan has a monthly price of its own (IAM roles, policies and OIDC providers"
                    + " are free).\n");
            return md.toString();
        }
        md.append("\n\n| item | counted | quantity | unit price | per month | assumptions |\n|---|---|---|---|---|---|\n");
        for (var line : estimate.lines()) {
            var p = line.price();
            md.append("| ").append(line.item()).append(" | ").append(line.counted()).append(" | ")
                    .append(fmt(line.quantity())).append(' ').append(p.unit()).append(" | ")
                    .append(p.usd() == null ? "not found" : String.format(Locale.ROOT, "$%s", fmt(p.usd())))
                    .append(p.uncertain() ? " (uncertain)" : "").append(" | ")
                    .append(line.monthlyUsd() == null ? "not priced" : String.format(Locale.ROOT, "$%.2f",
                            line.monthlyUsd()))
                    .append(" | ").append(line.assumption()).append(" |\n");
        }
        md.append("\n## Prices and their sources\n\n| price | USD | unit | date | source |\n|---|---|---|---|---|\n");
        var used = new TreeSet<String>();
        estimate.lines().forEach(l -> used.add(l.price().key()));
        for (String key : used) {
            var p = table.price(key);
            md.append("| `").append(key).append("` | ").append(p.usd() == null ? "not found" : fmt(p.usd()))
                    .append(p.uncertain() ? " (uncertain)" : "").append(" | ").append(p.unit()).append(" | ")
                    .append(p.date() == null ? "—" : p.date()).append(" | ").append(p.source().replace("|", "/"))
                    .append(" |\n");
        }
        md.append("\n").append(table.note()).append("\n");
        return md.toString();
    }
}
