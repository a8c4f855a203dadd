package com.acme.platform.eks.config;

/** The EKS cluster. */
public record ClusterConfig(String name) { }
