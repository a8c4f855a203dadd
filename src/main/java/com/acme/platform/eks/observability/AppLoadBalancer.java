package com.acme.platform.eks.observability;

import com.pulumi.aws.lb.LbFunctions;
import com.pulumi.aws.lb.inputs.GetLoadBalancerArgs;
import com.pulumi.aws.lb.inputs.GetTargetGroupArgs;
import com.pulumi.aws.lb.outputs.GetLoadBalancerResult;
import com.pulumi.aws.lb.outputs.GetTargetGroupResult;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;

import java.util.Map;

/** The app's ALB and target group as CloudWatch dimensions: docs/internals.md#the-apps-alb-for-alarms. */
public record AppLoadBalancer(Output<String> loadBalancer, Output<String> targetGroup) {
    static final String CLUSTER_TAG = "elbv2.k8s.aws/cluster";
    static final String STACK_TAG = "ingress.k8s.aws/stack";

    /** {@code ingressStack}: {@code <namespace>/<ingress name>}. */
    public static AppLoadBalancer lookUp(Output<String> clusterName, Output<String> ingressHostname,
                                         String ingressStack, InvokeOptions invoke) {
        // The hostname is not a tag: depending on it only delays the lookups until the ALB exists.
        Output<Map<String, String>> tags = Output.tuple(clusterName, ingressHostname)
                .applyValue(t -> Map.of(CLUSTER_TAG, t.t1, STACK_TAG, ingressStack));
        var loadBalancer = LbFunctions.getLoadBalancer(GetLoadBalancerArgs.builder().tags(tags).build(), invoke)
                .applyValue(GetLoadBalancerResult::arnSuffix);
        // The app's Ingress has one backend (the Service's http port), hence exactly one target group with these tags.
        var targetGroup = LbFunctions.getTargetGroup(GetTargetGroupArgs.builder().tags(tags).build(), invoke)
                .applyValue(GetTargetGroupResult::arnSuffix);
        return new AppLoadBalancer(loadBalancer, targetGroup);
    }
}
