package com.acme.platform.eks.config;

/** metrics-server, the HPA's source of CPU and memory usage; more than one replica keeps scaling through a node loss. */
public record MetricsServerConfig(int replicas) {

    static MetricsServerConfig read(ConfigValues v) {
        Integer replicas = v.integer(ConfigKeys.METRICS_SERVER_REPLICAS);
        return replicas == null ? null : new MetricsServerConfig(replicas);
    }
}
