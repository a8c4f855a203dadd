package com.acme.platform.eks;

/** The type tokens of the resources tests look for, as the providers name them. */
public interface ResourceTypes {
    String ACCESS_ENTRY = "aws:eks/accessEntry:AccessEntry";
    String ACCESS_POLICY = "aws:eks/accessPolicyAssociation:AccessPolicyAssociation";
    String ADDON = "aws:eks/addon:Addon";
    String ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
    String ARGO_APPLICATION = "kubernetes:argoproj.io/v1alpha1:Application";
    String ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
    String CLUSTER = "aws:eks/cluster:Cluster";
    String DEPLOYMENT = "kubernetes:apps/v1:Deployment";
    String HPA = "kubernetes:autoscaling/v2:HorizontalPodAutoscaler";
    String INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";
    String KEY = "aws:kms/key:Key";
    String LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
    String NAMESPACE = "kubernetes:core/v1:Namespace";
    String NAT = "aws:ec2/natGateway:NatGateway";
    String NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
    String NODE_CLASS = "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass";
    String NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";
    String NODE_POOL = "kubernetes:karpenter.sh/v1:NodePool";
    String OIDC_PROVIDER = "aws:iam/openIdConnectProvider:OpenIdConnectProvider";
    String PDB = "kubernetes:policy/v1:PodDisruptionBudget";
    String POD_IDENTITY = "aws:eks/podIdentityAssociation:PodIdentityAssociation";
    String POLICY = "aws:iam/policy:Policy";
    String QUEUE = "aws:sqs/queue:Queue";
    String QUEUE_POLICY = "aws:sqs/queuePolicy:QueuePolicy";
    String RECORD = "aws:route53/record:Record";
    String RELEASE = "kubernetes:helm.sh/v3:Release";
    String ROLE = "aws:iam/role:Role";
    String ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
    String ROUTE = "aws:ec2/route:Route";
    String ROUTE_TABLE_ASSOCIATION = "aws:ec2/routeTableAssociation:RouteTableAssociation";
    String RULE = "aws:cloudwatch/eventRule:EventRule";
    String SECRET = "kubernetes:core/v1:Secret";
    String SERVICE = "kubernetes:core/v1:Service";
    String SERVICE_LINKED_ROLE = "aws:iam/serviceLinkedRole:ServiceLinkedRole";
    String SG_INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
    String SUBNET = "aws:ec2/subnet:Subnet";
    String TARGET = "aws:cloudwatch/eventTarget:EventTarget";
    String TOPIC = "aws:sns/topic:Topic";
    String ZONE = "aws:route53/zone:Zone";
}
