package com.acme.platform.eks;

/** The type tokens of the resources tests look for, as the providers name them. */
public final class ResourceTypes {
    private ResourceTypes() { }

    public static final String ACCESS_ENTRY = "aws:eks/accessEntry:AccessEntry";
    public static final String ACCESS_POLICY = "aws:eks/accessPolicyAssociation:AccessPolicyAssociation";
    public static final String ADDON = "aws:eks/addon:Addon";
    public static final String ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
    public static final String ARGO_APPLICATION = "kubernetes:argoproj.io/v1alpha1:Application";
    public static final String ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
    public static final String CLUSTER = "aws:eks/cluster:Cluster";
    public static final String DEPLOYMENT = "kubernetes:apps/v1:Deployment";
    public static final String HPA = "kubernetes:autoscaling/v2:HorizontalPodAutoscaler";
    public static final String INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";
    public static final String KEY = "aws:kms/key:Key";
    public static final String LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
    public static final String NAMESPACE = "kubernetes:core/v1:Namespace";
    public static final String NAT = "aws:ec2/natGateway:NatGateway";
    public static final String NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
    public static final String NODE_CLASS = "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass";
    public static final String NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";
    public static final String NODE_POOL = "kubernetes:karpenter.sh/v1:NodePool";
    public static final String OIDC_PROVIDER = "aws:iam/openIdConnectProvider:OpenIdConnectProvider";
    public static final String PDB = "kubernetes:policy/v1:PodDisruptionBudget";
    public static final String POD_IDENTITY = "aws:eks/podIdentityAssociation:PodIdentityAssociation";
    public static final String POLICY = "aws:iam/policy:Policy";
    public static final String QUEUE = "aws:sqs/queue:Queue";
    public static final String QUEUE_POLICY = "aws:sqs/queuePolicy:QueuePolicy";
    public static final String RECORD = "aws:route53/record:Record";
    public static final String RELEASE = "kubernetes:helm.sh/v3:Release";
    public static final String ROLE = "aws:iam/role:Role";
    public static final String ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
    public static final String ROUTE = "aws:ec2/route:Route";
    public static final String ROUTE_TABLE_ASSOCIATION = "aws:ec2/routeTableAssociation:RouteTableAssociation";
    public static final String RULE = "aws:cloudwatch/eventRule:EventRule";
    public static final String SECRET = "kubernetes:core/v1:Secret";
    public static final String SERVICE = "kubernetes:core/v1:Service";
    public static final String SERVICE_LINKED_ROLE = "aws:iam/serviceLinkedRole:ServiceLinkedRole";
    public static final String SG_INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
    public static final String SUBNET = "aws:ec2/subnet:Subnet";
    public static final String TARGET = "aws:cloudwatch/eventTarget:EventTarget";
    public static final String TOPIC = "aws:sns/topic:Topic";
    public static final String ZONE = "aws:route53/zone:Zone";
}
