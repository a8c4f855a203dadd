package com.acme.platform.eks.offline;

import com.acme.platform.eks.config.ConfigException;
import com.acme.platform.eks.config.ConfigSource;
import com.acme.platform.eks.config.StackConfigLoader;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code region --stack NAME}: a validated stack file's region, before any role is assumed. */
public final class StackRegionCommand {
    static final String USAGE = "usage: java -jar target/eks-platform.jar region --stack NAME";

    private StackRegionCommand() { }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2 || !"--stack".equals(args[0])) {
            err.println(USAGE);
            return 64;
        }
        String stack = args[1];
        Path file = Path.of("Pulumi." + stack + ".yaml");
        if (!Files.isRegularFile(file)) {
            err.println("stack file not found: " + file.toAbsolutePath());
            return 66;
        }
        try {
            out.println(StackConfigLoader.load(RenderCommand.projectName(file), stack,
                    ConfigSource.fromStackFile(file)).region());
            return 0;
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 2;
        }
    }
}
