package com.acme.platform.eks.observability;

import com.acme.platform.eks.platform.PlatformContext;
import com.acme.platform.eks.platform.EncryptionKey;
import com.acme.platform.eks.platform.PolicyDocument;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The KMS key of the platform's log groups: docs/internals.md#alarm-topic-and-log-key. */
public final class LogEncryptionKey extends ComponentResource {

    public record Args(PlatformContext platform) { }

    private final Output<String> arn;

    public LogEncryptionKey(String name, Args args, ComponentResourceOptions options) {
        super("eks-platform:observability:LogEncryptionKey", name, options);
        String region = args.platform().region();
        var policy = Output.tuple(args.platform().account().id(), args.platform().account().partition()).applyValue(t -> {
            String accountId = t.t1;
            String p = t.t2;
            return PolicyDocument.of(List.of(EncryptionKey.accountAdministers(p, accountId),
                    Map.of("Sid", "CloudWatchLogsEncryptsThisAccountsLogGroups",
                            "Effect", "Allow",
                            "Principal", Map.of("Service", "logs." + region + ".amazonaws.com"),
                            "Action", List.of("kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*",
                                    "kms:GenerateDataKey*", "kms:Describe*"),
                            "Resource", "*",
                            "Condition", Map.of("ArnLike", Map.of("kms:EncryptionContext:aws:logs:arn",
                                    "arn:" + p + ":logs:" + region + ":" + accountId + ":log-group:*")))));
        });
        this.arn = EncryptionKey.create(name, this, args.platform(), "Encryption of the CloudWatch log groups of "
                + args.platform().name(), args.platform().name() + "-logs", Optional.of(policy)).arn();
        registerOutputs(Map.of("arn", arn));
    }

    public Output<String> arn() {
        return arn;
    }
}
