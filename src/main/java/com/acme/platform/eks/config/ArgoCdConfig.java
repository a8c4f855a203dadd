package com.acme.platform.eks.config;

import java.util.Optional;

import static com.acme.platform.eks.config.ConfigKeys.HOST_NAME;

/** Argo CD, optional per stack. Its UI is reachable only inside the VPC. */
public record ArgoCdConfig(
        @Key(value = "argocdEnabled", dflt = "false", doc = "install Argo CD") boolean enabled,
        @Key(value = "argocdHostName", shown = "—", regex = HOST_NAME, msg = "is not a lower-case DNS host name",
                doc = "UI host in the private zone; required when enabled") Optional<String> hostName,
        @Key(value = "argocdRepoUrl", shown = "—", format = Formats.GIT_URL, doc = "app manifests in Git, without"
                + " credentials (a repository Secret holds them: docs/workload.md); required with `appDeliveredBy:"
                + " argocd`") Optional<String> repoUrl,
        @Key(value = "argocdPath", shown = "—", regex = "(?s)(?!/)(?!.*\\.\\.).+", msg = "must be a relative directory"
                + " inside the repository (. for its root)", doc = "directory of the app's manifests in the repository")
        String path,
        @Key(value = "argocdTargetRevision", dflt = "main", regex = "(?s).*\\S.*", msg = "must name a branch, tag or"
                + " commit", doc = "branch, tag or commit synced") String targetRevision,
        @Key(value = "argocdReplicas", dflt = "1", min = 1, max = 5, why = "", doc = "Argo CD server and repo-server"
                + " replicas, 1 to 5") int replicas) implements ConfigValues.Checked {

    @Override
    public void check(ConfigValues v) {
        v.unless(!enabled || hostName.isPresent(), "argocdHostName", null, "is required when argocdEnabled is true:"
                + " the UI's host name in the private zone (the UI is reachable only inside the VPC)", "argocdEnabled");
    }
}
