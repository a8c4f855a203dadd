package com.acme.platform.eks.platform;

import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.inputs.GetCallerIdentityArgs;
import com.pulumi.aws.inputs.GetPartitionArgs;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;

/**
 * The account and partition the stack deploys into, looked up once and handed to every component that writes
 * ARNs or policies: {@code aws}, {@code aws-cn} and {@code aws-us-gov} differ in ARN prefix and service DNS suffix,
 * so none of them is written out in a component.
 *
 * @param id        the 12-digit account id
 * @param partition {@code aws}, {@code aws-cn}, ...
 * @param dnsSuffix the partition's service domain ({@code amazonaws.com}, {@code amazonaws.com.cn})
 */
public record AwsAccount(Output<String> id, Output<String> partition, Output<String> dnsSuffix) {

    /** @param invoke the options of the lookups: the stack's AWS provider */
    public static AwsAccount lookUp(InvokeOptions invoke) {
        var partition = AwsFunctions.getPartition(GetPartitionArgs.Empty, invoke);
        return new AwsAccount(
                AwsFunctions.getCallerIdentity(GetCallerIdentityArgs.Empty, invoke).applyValue(c -> c.accountId()),
                partition.applyValue(p -> p.partition()),
                partition.applyValue(p -> p.dnsSuffix()));
    }

    /**
     * The permissions boundary every role of the platform stacks carries ({@link IamPath#permissionsBoundaryArn}):
     * the account's bootstrap stack creates it, and the deploy roles may create and change roles only with it.
     */
    public Output<String> permissionsBoundary() {
        return Output.tuple(partition, id).applyValue(t -> IamPath.permissionsBoundaryArn(t.t1, t.t2));
    }

    /** The ARN of an AWS managed policy, e.g. {@code service-role/AmazonEBSCSIDriverPolicy}. */
    public Output<String> managedPolicy(String pathAndName) {
        return partition.applyValue(p -> "arn:" + p + ":iam::aws:policy/" + pathAndName);
    }
}
