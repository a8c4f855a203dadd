package com.acme.platform.eks.config;

/** metrics-server, the HPA's source of CPU and memory usage; more than one replica keeps scaling through a node loss. */
public record MetricsServerConfig(int replicas) { }
