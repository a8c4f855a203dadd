package com.acme.platform.eks;

import com.acme.platform.eks.config.ConfigException;
import com.acme.platform.eks.config.ConfigSource;
import com.acme.platform.eks.config.StackConfig;
import com.acme.platform.eks.config.StackConfigLoader;

import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;

/** The stack config the Pulumi engine hands the program (PULUMI_PROJECT, PULUMI_STACK, PULUMI_CONFIG). */
public final class EngineConfig {
    private EngineConfig() { }

    /** Read as strictly as {@code render} reads a stack file; empty after printing every problem. */
    public static Optional<StackConfig> read(Map<String, String> environment, PrintStream err) {
        String stack = environment.getOrDefault("PULUMI_STACK", "");
        try {
            var config = StackConfigLoader.load(environment.getOrDefault("PULUMI_PROJECT", "eks-platform"), stack,
                    ConfigSource.fromEngine(environment));
            config.warnings().forEach(w -> err.println("warning: " + w));
            return Optional.of(config);
        } catch (ConfigException e) {
            err.println(e.getMessage());
        } catch (RuntimeException e) {
            err.println("Invalid configuration for stack '" + stack + "': it could not be read ("
                    + e.getClass().getSimpleName() + ")");
        }
        return Optional.empty();
    }
}
