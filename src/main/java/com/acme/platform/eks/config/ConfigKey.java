package com.acme.platform.eks.config;

/**
 * One configuration key the program reads. {@code Pulumi.yaml} declares the same keys (a test keeps the two
 * in step), so a key's type, default and meaning are written down once here.
 *
 * @param name         the key; un-namespaced keys belong to the project namespace
 * @param type         the Pulumi project-config type, or {@code object} (which Pulumi.yaml cannot declare)
 * @param defaultValue the value used when a stack sets none, or null when the key is required or optional
 */
public record ConfigKey(String name, String type, Object defaultValue, String description) {

    public String fullKey(String project) {
        return name.contains(":") ? name : project + ":" + name;
    }

    /**
     * Pulumi.yaml declares only project keys with a default: the CLI requires every declared key without one in
     * every stack (pulumi/pulumi sdk/go/common/workspace/config.go, mergeConfig). Object keys cannot be declared.
     */
    public boolean declaredInProjectFile() {
        return !name.contains(":") && !"object".equals(type) && defaultValue != null;
    }
}
