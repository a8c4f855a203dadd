package com.acme.platform.eks.config;

import java.util.Optional;

/**
 * How deploy.yml checks a release once {@code pulumi up} returns: the app answers its readiness path and reports the
 * version just deployed (podinfo: the JSON field {@code version} of {@code GET /}).
 *
 * @param versionPath   HTTP path whose response carries the version
 * @param versionField  top-level JSON field of that response holding the version
 * @param versionHeader when set, the response header holding the version (then {@code versionField} is not read)
 */
public record ReleaseCheckConfig(String versionPath, String versionField, Optional<String> versionHeader) {

    static ReleaseCheckConfig read(ConfigValues v) {
        if (!v.valid(ConfigKeys.APP_VERSION_PATH, ConfigKeys.APP_VERSION_FIELD, ConfigKeys.APP_VERSION_HEADER)) {
            return null;
        }
        return new ReleaseCheckConfig(v.string(ConfigKeys.APP_VERSION_PATH), v.string(ConfigKeys.APP_VERSION_FIELD),
                Optional.ofNullable(v.string(ConfigKeys.APP_VERSION_HEADER)));
    }
}
