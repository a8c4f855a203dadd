package com.acme.platform.eks.config;

import java.util.Optional;

import static com.acme.platform.eks.config.ConfigKeys.*;

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
        boolean enabled = v.bool(ARGOCD_ENABLED);
        if (enabled && !v.isSet(ARGOCD_HOST_NAME)) {
            v.problem(ARGOCD_HOST_NAME, null, "is required when argocdEnabled is true: the UI's host name"
                    + " in the private zone (the UI is reachable only inside the VPC)");
        }
        if ("argocd".equals(v.string(APP_DELIVERED_BY))) {
            if (!enabled) {
                v.problem(APP_DELIVERED_BY, "argocd", "requires argocdEnabled: true");
            }
            for (var key : java.util.List.of(ARGOCD_REPO_URL, ARGOCD_PATH)) {
                if (!v.isSet(key)) {
                    v.problem(key, null, "is required when appDeliveredBy is argocd");
                }
            }
        }
        if (!v.valid(ARGOCD_ENABLED, ARGOCD_HOST_NAME, ARGOCD_REPO_URL, ARGOCD_PATH, ARGOCD_TARGET_REVISION,
                ARGOCD_REPLICAS)) {
            return null;
        }
        return new ArgoCdConfig(enabled, Optional.ofNullable(v.string(ARGOCD_HOST_NAME)),
                Optional.ofNullable(v.string(ARGOCD_REPO_URL)), v.string(ARGOCD_PATH),
                v.string(ARGOCD_TARGET_REVISION), v.integer(ARGOCD_REPLICAS));
    }
}
