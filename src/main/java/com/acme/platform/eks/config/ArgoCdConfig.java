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
        int replicas) {

    /** The Argo CD section, checked with what it delivers; null when a key of it has a problem. */
    static ArgoCdConfig read(ConfigValues v) {
        boolean enabled = v.bool(ConfigKeys.ARGOCD_ENABLED);
        if (enabled && !v.isSet(ConfigKeys.ARGOCD_HOST_NAME)) {
            v.problem(ConfigKeys.ARGOCD_HOST_NAME, null, "is required when argocdEnabled is true: the UI's host name"
                    + " in the private zone (the UI is reachable only inside the VPC)");
        }
        if ("argocd".equals(v.string(ConfigKeys.APP_DELIVERED_BY))) {
            if (!enabled) {
                v.problem(ConfigKeys.APP_DELIVERED_BY, "argocd", "requires argocdEnabled: true");
            }
            for (var key : java.util.List.of(ConfigKeys.ARGOCD_REPO_URL, ConfigKeys.ARGOCD_PATH)) {
                if (!v.isSet(key)) {
                    v.problem(key, null, "is required when appDeliveredBy is argocd");
                }
            }
        }
        var keys = new ConfigKey[]{ConfigKeys.ARGOCD_ENABLED, ConfigKeys.ARGOCD_HOST_NAME, ConfigKeys.ARGOCD_REPO_URL,
            ConfigKeys.ARGOCD_PATH, ConfigKeys.ARGOCD_TARGET_REVISION, ConfigKeys.ARGOCD_REPLICAS};
        java.util.Arrays.stream(keys).forEach(v::read);
        if (v.faulty(keys)) {
            return null;
        }
        return new ArgoCdConfig(enabled, Optional.ofNullable(v.string(ConfigKeys.ARGOCD_HOST_NAME)),
                Optional.ofNullable(v.string(ConfigKeys.ARGOCD_REPO_URL)), v.string(ConfigKeys.ARGOCD_PATH),
                v.string(ConfigKeys.ARGOCD_TARGET_REVISION), v.integer(ConfigKeys.ARGOCD_REPLICAS));
    }
}
