package com.acme.platform.eks.offline;

import com.google.gson.Gson;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A dated on-demand price table of one region ({@code src/main/resources/prices/<region>.json}). */
public record PriceTable(String region, String compiled, String note, Map<String, Price> prices,
                         JsonObject assumptions) {

    /** @param usd null when no price was found for the region */
    public record Price(String key, Double usd, String unit, String date, String source, boolean uncertain) { }

    public static Optional<PriceTable> forRegion(String region) {
        try (InputStream in = PriceTable.class.getResourceAsStream("/prices/" + region + ".json")) {
            if (in == null) {
                return Optional.empty();
            }
            var doc = new Gson().fromJson(new InputStreamReader(in, StandardCharsets.UTF_8), JsonObject.class);
            var prices = new LinkedHashMap<String, Price>();
            doc.getAsJsonObject("prices").entrySet().forEach(e -> {
                var p = e.getValue().getAsJsonObject();
                prices.put(e.getKey(), new Price(e.getKey(),
                        p.get("usd").isJsonNull() ? null : p.get("usd").getAsDouble(),
                        p.get("unit").getAsString(),
                        p.get("date").isJsonNull() ? null : p.get("date").getAsString(),
                        p.get("source").getAsString(),
                        p.has("uncertain") && p.get("uncertain").getAsBoolean()));
            });
            return Optional.of(new PriceTable(doc.get("region").getAsString(), doc.get("compiled").getAsString(),
                    doc.get("note").getAsString(), Map.copyOf(prices), doc.getAsJsonObject("assumptions")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The price, or an unpriced entry naming what is missing. */
    public Price price(String key) {
        return prices.getOrDefault(key, new Price(key, null, "", null, "not in the price table for " + region, false));
    }

    public double assumption(String name) {
        return assumptions.get(name).getAsDouble();
    }
}
