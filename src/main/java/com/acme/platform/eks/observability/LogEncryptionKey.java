package com.acme.platform.eks.observability;

import com.acme.platform.eks.platform.PlatformContext;
import com.acme.platform.eks.platform.AwsAccount;
import com.acme.platform.eks.platform.PolicyDocument;
import com.pulumi.aws.kms.Alias;
import com.pulumi.aws.kms.AliasArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;
import java.util.Map;

/**
 * The customer-managed KMS key that encrypts the platform's CloudWatch log groups (VPC flow logs, EKS control
 * plane). CloudWatch Logs can use it only if the key policy lets the regional logs service use it, limited here to
 * log groups of this account and region through the encryption context.
 */
public final class LogEncryptionKey extends ComponentResource {

    public record Args(PlatformContext platform) { }

    private final Output<String> arn;

    public LogEncryptionKey(String name, Args args, ComponentResourceOptions options) {
        super("eks-platform:observability:LogEncryptionKey", name, options);
        var policy = Output.tuple(args.platform().account().id(), args.platform().account().partition()).applyValue(t -> {
            String accountId = t.t1;
            String p = t.t2;
            return PolicyDocument.of(List.of(
                    Map.of("Sid", "AccountAdministersTheKey",
                            "Effect", "Allow",
                            "Principal", Map.of("AWS", "arn:" + p + ":iam::" + accountId + ":root"),
                            "Action", "kms:*",
                            "Resource", "*"),
                    Map.of("Sid", "CloudWatchLogsEncryptsThisAccountsLogGroups",
                            "Effect", "Allow",
                            "Principal", Map.of("Service", "logs." + args.platform().region() + ".amazonaws.com"),
                            "Action", List.of("kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*",
                                    "kms:GenerateDataKey*", "kms:Describe*"),
                            "Resource", "*",
                            "Condition", Map.of("ArnLike", Map.of("kms:EncryptionContext:aws:logs:arn",
                                    "arn:" + p + ":logs:" + args.platform().region() + ":" + accountId + ":log-group:*")))));
        });
        var key = new Key(name, KeyArgs.builder()
                .description("Encryption of the CloudWatch log groups of " + args.platform().name())
                .enableKeyRotation(true)
                .deletionWindowInDays(30)
                .policy(policy)
                .build(), CustomResourceOptions.builder().parent(this).protect(args.platform().protect()).build());
        new Alias(name, AliasArgs.builder()
                .name("alias/" + args.platform().name() + "-logs")
                .targetKeyId(key.keyId())
                .build(), CustomResourceOptions.builder().parent(this).build());
        this.arn = key.arn();
        registerOutputs(Map.of("arn", arn));
    }

    public Output<String> arn() {
        return arn;
    }
}
