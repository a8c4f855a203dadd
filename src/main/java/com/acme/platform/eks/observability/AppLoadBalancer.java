package com.acme.platform.eks.observability;

import com.pulumi.aws.lb.LbFunctions;
import com.pulumi.aws.lb.inputs.GetLoadBalancerArgs;
import com.pulumi.aws.lb.inputs.GetTargetGroupArgs;
import com.pulumi.aws.lb.outputs.GetLoadBalancerResult;
import com.pulumi.aws.lb.outputs.GetTargetGroupResult;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;

import java.util.Map;

/**
 * The ALB and target group the AWS Load Balancer Controller created for the app's Ingress, as the CloudWatch
 * dimensions {@code LoadBalancer} ({@code app/<name>/<id>}) and {@code TargetGroup} ({@code targetgroup/<name>/<id>}).
 *
 * <p>Found by the tags the controller puts on everything it creates for an Ingress: {@value #CLUSTER_TAG} = the
 * cluster and {@value #STACK_TAG} = {@code <namespace>/<ingress name>} (no IngressGroup)
 * (kubernetes-sigs/aws-load-balancer-controller#1469). The lookups run only once the Ingress has an address:
 * their tag inputs are derived from the Ingress's {@code status.loadBalancer.ingress[0].hostname}, which
 * pulumi-kubernetes waits for when it creates the Ingress, so within the first {@code up} the ALB exists when they
 * run; in a preview before that, the hostname is unknown and so are the dimensions (docs/observability.md).
 */
public record AppLoadBalancer(Output<String> loadBalancer, Output<String> targetGroup) {
    static final String CLUSTER_TAG = "elbv2.k8s.aws/cluster";
    static final String STACK_TAG = "ingress.k8s.aws/stack";

    /**
     * @param ingressHostname the Ingress's load balancer hostname (known once the controller has created the ALB)
     * @param ingressStack    {@code <namespace>/<ingress name>}
     */
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
