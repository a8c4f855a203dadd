package com.acme.platform.eks.offline;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.pulumi.resources.Resource;
import com.pulumi.test.Mocks;
import com.pulumi.test.internal.MockMonitor;
import com.pulumi.test.internal.PulumiTestInternal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The mock monitor, keeping each registration request: docs/internals.md#offline-render. */
final class RecordingMonitor extends MockMonitor {
    /** Markers of Pulumi's wire format (sdk/proto): secrets, resource references and unknown values. */
    private static final String SIG = "4dabf18193072939515e22adb298388d";
    private static final String SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
    private static final String RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
    private static final String UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    static final String SECRET = "[secret]";

    private final List<PlannedResource> recorded = Collections.synchronizedList(new ArrayList<>());

    private final String stackUrnPrefix;

    RecordingMonitor(Mocks mocks, String project, String stack) {
        super(mocks, PulumiTestInternal.mockLog());
        this.stackUrnPrefix = "urn:pulumi:" + stack + "::" + project + "::";
    }

    @Override
    public CompletableFuture<pulumirpc.Resource.RegisterResourceResponse> registerResourceAsync(
            Resource resource, pulumirpc.Resource.RegisterResourceRequest request) {
        if (!"pulumi:pulumi:Stack".equals(request.getType())) {
            String parentUrn = request.getParent().isEmpty() || request.getParent().contains("::pulumi:pulumi:Stack::")
                    ? null : engineUrn(request.getParent());
            String providerUrn = request.getProvider().isEmpty() ? null
                    : engineUrn(request.getProvider().substring(0, request.getProvider().lastIndexOf("::")));
            recorded.add(new PlannedResource(
                    request.getType(),
                    request.getName(),
                    request.getCustom(),
                    struct(request.getObject()),
                    request.getProtect(),
                    urn(parentUrn, request.getType(), request.getName()),
                    parentUrn,
                    request.getDependenciesList().stream().map(RecordingMonitor::engineUrn).distinct().sorted()
                            .toList(),
                    providerUrn,
                    request.hasRetainOnDelete() && request.getRetainOnDelete(),
                    request.getImportId().isEmpty() ? null : request.getImportId()));
        }
        return super.registerResourceAsync(resource, request);
    }

    List<PlannedResource> recorded() {
        return List.copyOf(recorded);
    }

    /** The engine's URN: type qualified by the parent's unless the parent is the stack (urn.go, NewURN). */
    private String urn(String parentUrn, String type, String name) {
        String qualified = parentUrn == null ? type : qualifiedType(parentUrn) + "$" + type;
        return stackUrnPrefix + qualified + "::" + name;
    }

    /** The mock qualifies the stack's children by the stack's type, the real engine does not (NewURN). */
    static String engineUrn(String mockUrn) {
        return mockUrn.replace("::pulumi:pulumi:Stack$", "::");
    }

    /** {@code urn:pulumi:stack::project::qualified$type::name} to {@code qualified$type}. */
    private static String qualifiedType(String urn) {
        String rest = urn.substring(urn.indexOf("::", urn.indexOf("::") + 2) + 2);
        return rest.substring(0, rest.lastIndexOf("::"));
    }

    static Map<String, Object> struct(Struct struct) {
        var map = new LinkedHashMap<String, Object>();
        struct.getFieldsMap().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> map.put(e.getKey(), value(e.getValue())));
        return map;
    }

    private static Object value(Value value) {
        return switch (value.getKindCase()) {
            case NULL_VALUE, KIND_NOT_SET -> null;
            case BOOL_VALUE -> value.getBoolValue();
            case NUMBER_VALUE -> {
                double d = value.getNumberValue();
                yield d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
            }
            case STRING_VALUE -> UNKNOWN.equals(value.getStringValue()) ? "[unknown]" : value.getStringValue();
            case LIST_VALUE -> list(value.getListValue());
            case STRUCT_VALUE -> {
                var fields = value.getStructValue().getFieldsMap();
                Value sig = fields.get(SIG);
                if (sig != null && SECRET_SIG.equals(sig.getStringValue())) {
                    yield SECRET;
                }
                if (sig != null && RESOURCE_SIG.equals(sig.getStringValue())) {
                    yield PlannedResource.nameOf(fields.get("urn").getStringValue());
                }
                yield struct(value.getStructValue());
            }
        };
    }

    private static List<Object> list(ListValue list) {
        var out = new ArrayList<Object>();
        list.getValuesList().forEach(v -> out.add(value(v)));
        return out;
    }
}
