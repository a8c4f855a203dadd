package com.acme.platform.eks.config;

import java.util.Optional;

/** How deploy.yml checks a release (docs/delivery.md#release-verification); a versionHeader wins over the field. */
public record ReleaseCheckConfig(
        @Key(value = "appVersionPath", dflt = "/", regex = "/[^\\s?#]*", msg = "is not an absolute HTTP path",
                doc = "HTTP path whose response reports the running version; `deploy.yml` checks it after every `up`"
                        + " (podinfo reports it at `/`)") String versionPath,
        @Key(value = "appVersionField", dflt = "version", regex = "[A-Za-z_][A-Za-z0-9_.-]{0,127}", msg = "is not a JSON"
                + " field name (letters, digits, '_', '.', '-', starting with a letter or '_')", doc = "top-level JSON"
                + " field of that response holding the version") String versionField,
        @Key(value = "appVersionHeader", shown = "—", regex = "[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}", msg = "is not an"
                + " HTTP header name (RFC 9110 token)", doc = "response header holding the version instead of a JSON"
                + " field") Optional<String> versionHeader) { }
