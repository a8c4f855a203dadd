package com.acme.platform.eks.config;

import java.util.Optional;

/**
 * Argo CD, optional per stack. Its UI is reachable only inside the VPC.
 *
 * @param hostName       the UI's host name (in the private zone); required when enabled
 * @param repoUrl        Git repository holding the app's manifests; required when Argo CD delivers the app
 * @param path           directory of the manifests in that repository
 * @param targetRevision branch, tag or commit Argo CD syncs
 * @param replicas       replicas of the API server and repo server
 */
public record ArgoCdConfig(
        boolean enabled,
        Optional<String> hostName,
        Optional<String> repoUrl,
        String path,
        String targetRevision,
        int replicas) { }
