package com.acme.platform.eks.lifecycle;

import com.acme.platform.eks.platform.PlatformContext;
import com.acme.platform.eks.platform.CanonicalJson;
import com.pulumi.aws.resourcegroups.Group;
import com.pulumi.aws.resourcegroups.GroupArgs;
import com.pulumi.aws.resourcegroups.inputs.GroupResourceQueryArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import com.pulumi.resources.ResourceTransformation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The stack's Resource Group: docs/internals.md#stack-resource-group-every-top-level-component-without-a-list. */
public final class StackResourceGroup extends ComponentResource {

    /** @param everything the stack's other components and resources: the group waits for all of them */
    public record Args(PlatformContext platform, List<Resource> everything) { }

    /** Records each top-level component through its options, so no list is kept by hand. */
    public static final class Members implements ResourceTransformation {
        private final List<Resource> members = new ArrayList<>();

        @Override
        public Optional<Result> apply(ResourceTransformation.Args args) {
            if (args.options().getParent().isEmpty()) {
                members.add(args.resource());
            }
            return Optional.empty();
        }

        public List<Resource> list() {
            return List.copyOf(members);
        }
    }

    private final Output<String> arn;

    public StackResourceGroup(String name, Args args, ComponentResourceOptions options) {
        super("eks-platform:lifecycle:StackResourceGroup", name, options);
        var group = new Group(name, GroupArgs.builder()
                .name(args.platform().project() + "-" + args.platform().stack())
                .description("Every resource of Pulumi stack " + args.platform().project() + "/" + args.platform().stack()
                        + "; protected where the stack protects, so that a destroy stops here first")
                .resourceQuery(GroupResourceQueryArgs.builder()
                        .type("TAG_FILTERS_1_0")
                        .query(query(args.platform().project(), args.platform().stack()))
                        .build())
                .build(), CustomResourceOptions.builder().parent(this).protect(args.platform().protect())
                .dependsOn(args.everything()).build());
        this.arn = group.arn();
        registerOutputs(Map.of("arn", arn));
    }

    /** The tags every resource of the stack carries (StackConfig.commonTags). */
    static String query(String project, String stack) {
        return CanonicalJson.write(Map.of(
                "ResourceTypeFilters", List.of("AWS::AllSupported"),
                "TagFilters", List.of(
                        Map.of("Key", "project", "Values", List.of(project)),
                        Map.of("Key", "stack", "Values", List.of(stack)))));
    }

    public Output<String> arn() {
        return arn;
    }
}
