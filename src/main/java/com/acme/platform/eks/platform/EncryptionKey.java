package com.acme.platform.eks.platform;

import com.pulumi.aws.kms.Alias;
import com.pulumi.aws.kms.AliasArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.Map;
import java.util.Optional;

/** A customer-managed KMS key of the platform (rotated, 30 days' deletion window) and its alias, both named {@code name}. */
public final class EncryptionKey {
    private EncryptionKey() { }

    /** {@code policy} empty: KMS's default (the account administers the key through IAM). */
    public static Key create(String name, Resource parent, PlatformContext platform, String description, String alias,
                             Optional<Output<String>> policy) {
        var key = KeyArgs.builder().description(description).enableKeyRotation(true).deletionWindowInDays(30);
        policy.ifPresent(key::policy);
        var created = new Key(name, key.build(),
                CustomResourceOptions.builder().parent(parent).protect(platform.protect()).build());
        new Alias(name, AliasArgs.builder().name("alias/" + alias).targetKeyId(created.keyId()).build(),
                CustomResourceOptions.builder().parent(parent).build());
        return created;
    }

    /** The statement of KMS's default key policy: the account's IAM policies decide who uses the key. */
    public static Map<String, Object> accountAdministers(String partition, String accountId) {
        return Map.of("Sid", "AccountAdministersTheKey",
                "Effect", "Allow",
                "Principal", Map.of("AWS", "arn:" + partition + ":iam::" + accountId + ":root"),
                "Action", "kms:*",
                "Resource", "*");
    }
}
