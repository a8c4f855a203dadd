package com.acme.platform.eks.config;

/** metrics-server, the HPA's source of CPU and memory usage; more than one replica keeps scaling through a node loss. */
public record MetricsServerConfig(
        @Key(value = "metricsServerReplicas", dflt = "2", min = 1, max = 3, doc = "1 to 3; a PDB (maxUnavailable 1) is"
                + " added when more than 1") int replicas) { }
