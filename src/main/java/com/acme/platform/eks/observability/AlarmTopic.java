package com.acme.platform.eks.observability;

import com.acme.platform.eks.platform.PlatformContext;
import com.acme.platform.eks.platform.EncryptionKey;
import com.acme.platform.eks.platform.PolicyDocument;
import com.pulumi.aws.sns.Topic;
import com.pulumi.aws.sns.TopicArgs;
import com.pulumi.aws.sns.TopicPolicy;
import com.pulumi.aws.sns.TopicPolicyArgs;
import com.pulumi.aws.sns.TopicSubscription;
import com.pulumi.aws.sns.TopicSubscriptionArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The alarms' SNS topic, KMS-encrypted: docs/internals.md#alarm-topic-and-log-key. */
public final class AlarmTopic extends ComponentResource {

    /** @param subscriptions email addresses and https:// endpoints */
    public record Args(PlatformContext platform, List<String> subscriptions) {
        public Args {
            subscriptions = List.copyOf(subscriptions);
        }
    }

    private final Output<String> topicArn;

    public AlarmTopic(String name, Args args, ComponentResourceOptions options) {
        super("eks-platform:observability:AlarmTopic", name, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        var keyPolicy = Output.tuple(args.platform().account().id(), args.platform().account().partition()).applyValue(t -> PolicyDocument.of(
                List.of(EncryptionKey.accountAdministers(t.t2, t.t1),
                        Map.of("Sid", "CloudWatchAlarmsPublishToTheEncryptedTopic",
                                "Effect", "Allow",
                                "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                                "Action", List.of("kms:Decrypt", "kms:GenerateDataKey*"),
                                "Resource", "*"))));
        var key = EncryptionKey.create(name, this, args.platform(), "Encryption of the alarm topic of "
                + args.platform().name(), args.platform().name() + "-alarms", Optional.of(keyPolicy));
        var topic = new Topic(name, TopicArgs.builder()
                .name(args.platform().name() + "-alarms")
                .kmsMasterKeyId(key.arn())
                .build(), child);
        var topicPolicy = Output.tuple(topic.arn(), args.platform().account().id(), args.platform().account().partition()).applyValue(t ->
                PolicyDocument.of(List.of(
                        Map.of("Sid", "ThisAccountsAlarmsPublish",
                                "Effect", "Allow",
                                "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                                "Action", "sns:Publish",
                                "Resource", t.t1,
                                "Condition", Map.of(
                                        "ArnLike", Map.of("aws:SourceArn", "arn:" + t.t3 + ":cloudwatch:" + args.platform().region()
                                                + ":" + t.t2 + ":alarm:*"),
                                        "StringEquals", Map.of("aws:SourceAccount", t.t2))),
                        Map.of("Sid", "TlsOnly",
                                "Effect", "Deny",
                                "Principal", "*",
                                "Action", "sns:Publish",
                                "Resource", t.t1,
                                "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))))));
        new TopicPolicy(name, TopicPolicyArgs.builder().arn(topic.arn()).policy(topicPolicy).build(), child);
        for (int i = 0; i < args.subscriptions().size(); i++) {
            String endpoint = args.subscriptions().get(i);
            new TopicSubscription(name + "-" + i, TopicSubscriptionArgs.builder()
                    .topic(topic.arn())
                    .protocol(endpoint.startsWith("https://") ? "https" : "email")
                    .endpoint(endpoint)
                    .build(), child);
        }
        this.topicArn = topic.arn();
        registerOutputs(Map.of("topicArn", topicArn, "keyArn", key.arn()));
    }

    public Output<String> topicArn() {
        return topicArn;
    }
}
