package com.acme.platform.eks.platform;

import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.inputs.GetCallerIdentityArgs;
import com.pulumi.aws.inputs.GetPartitionArgs;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;

/** The account and partition, looked up once: docs/internals.md#aws-account. */
public record AwsAccount(Output<String> id, Output<String> partition, Output<String> dnsSuffix) {

    /** @param invoke the options of the lookups: the stack's AWS provider */
    public static AwsAccount lookUp(InvokeOptions invoke) {
        var partition = AwsFunctions.getPartition(GetPartitionArgs.Empty, invoke);
        return new AwsAccount(
                AwsFunctions.getCallerIdentity(GetCallerIdentityArgs.Empty, invoke).applyValue(c -> c.accountId()),
                partition.applyValue(p -> p.partition()),
                partition.applyValue(p -> p.dnsSuffix()));
    }

    /** The boundary every platform role carries (docs/internals.md#the-deploy-roles-iam). */
    public Output<String> permissionsBoundary() {
        return Output.tuple(partition, id).applyValue(t -> IamPath.permissionsBoundaryArn(t.t1, t.t2));
    }

    /** The ARN of an AWS managed policy, e.g. {@code service-role/AmazonEBSCSIDriverPolicy}. */
    public Output<String> managedPolicy(String pathAndName) {
        return partition.applyValue(p -> "arn:" + p + ":iam::aws:policy/" + pathAndName);
    }
}
