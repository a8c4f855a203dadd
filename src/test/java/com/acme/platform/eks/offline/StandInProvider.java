package com.acme.platform.eks.offline;

import com.google.common.collect.ImmutableMap;
import com.google.gson.GsonBuilder;
import com.google.protobuf.Empty;
import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.pulumi.test.Mocks;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import pulumirpc.Plugin.PluginInfo;
import pulumirpc.Provider.CheckRequest;
import pulumirpc.Provider.CheckResponse;
import pulumirpc.Provider.ConfigureRequest;
import pulumirpc.Provider.ConfigureResponse;
import pulumirpc.Provider.CreateRequest;
import pulumirpc.Provider.CreateResponse;
import pulumirpc.Provider.DeleteRequest;
import pulumirpc.Provider.DiffRequest;
import pulumirpc.Provider.DiffResponse;
import pulumirpc.Provider.GetSchemaRequest;
import pulumirpc.Provider.GetSchemaResponse;
import pulumirpc.Provider.InvokeRequest;
import pulumirpc.Provider.InvokeResponse;
import pulumirpc.Provider.PropertyDiff;
import pulumirpc.Provider.ReadRequest;
import pulumirpc.Provider.ReadResponse;
import pulumirpc.Provider.UpdateRequest;
import pulumirpc.Provider.UpdateResponse;
import pulumirpc.ResourceProviderGrpc;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * A stand-in resource provider plugin ({@code pulumi-resource-aws}, {@code pulumi-resource-kubernetes}) for
 * scripts/engine-test: it speaks the provider gRPC protocol to the real Pulumi engine, answers with the render's
 * {@link FakeCloud} (deterministic ids and outputs, the same invokes), diffs by top-level property, and appends every
 * call to the JSONL file {@code $ENGINE_TEST_LOG}. {@code $ENGINE_TEST_FAIL} (comma-separated resource names, or
 * {@code type::name}) makes Create and Update of those resources fail, as a cloud API error would.
 * <p>
 * Protocol facts it relies on (pulumi sdk/go/common/resource/plugin/provider_plugin.go, v3.231.0): a plugin prints
 * its port on stdout; Handshake may be unimplemented; Configure's response sets acceptSecrets/acceptResources
 * (false here: the engine then strips secrets and re-marks outputs of secret inputs as secret) and supportsPreview
 * (false here: in a preview the engine takes the inputs as the outputs and never calls Create or Update).
 */
public final class StandInProvider extends ResourceProviderGrpc.ResourceProviderImplBase {
    /** What the engine sends for a value not known until apply (sdk/go/common/resource/plugin/rpc.go). */
    static final String UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

    private final String pkg;
    private final String version;
    private final Path log;
    private final Set<String> failing;
    private volatile FakeCloud cloud = new FakeCloud("eu-west-1");

    StandInProvider(String pkg, String version, Path log, Set<String> failing) {
        this.pkg = pkg;
        this.version = version;
        this.log = log;
        this.failing = failing;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: StandInProvider <package> <version> [engine-address ...]");
            System.exit(2);
        }
        String log = System.getenv("ENGINE_TEST_LOG");
        var failing = new LinkedHashSet<String>();
        String fail = Optional.ofNullable(System.getenv("ENGINE_TEST_FAIL")).orElse("");
        Arrays.stream(fail.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(failing::add);
        var provider = new StandInProvider(args[0], args[1], log == null ? null : Path.of(log), failing);
        Server server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
                .addService(provider)
                .maxInboundMessageSize(400 * 1024 * 1024)
                .build()
                .start();
        // The engine reads the port from the plugin's first line of stdout.
        System.out.println(server.getPort());
        System.out.flush();
        server.awaitTermination();
    }

    // ---------------------------------------------------------------------------------------------- handshake

    @Override
    public void getPluginInfo(Empty request, StreamObserver<PluginInfo> out) {
        reply(out, () -> PluginInfo.newBuilder().setVersion(version).build());
    }

    @Override
    public void getSchema(GetSchemaRequest request, StreamObserver<GetSchemaResponse> out) {
        record(new Call("GetSchema"));
        reply(out, () -> GetSchemaResponse.newBuilder()
                .setSchema("{\"name\":\"" + pkg + "\",\"version\":\"" + version + "\"}").build());
    }

    @Override
    public void checkConfig(CheckRequest request, StreamObserver<CheckResponse> out) {
        var call = new Call("CheckConfig").urn(request.getUrn());
        record(call);
        reply(out, () -> CheckResponse.newBuilder().setInputs(request.getNews()).build());
    }

    @Override
    public void diffConfig(DiffRequest request, StreamObserver<DiffResponse> out) {
        reply(out, () -> {
            var response = diff(request.getOldInputs().getFieldsCount() > 0 ? request.getOldInputs()
                    : request.getOlds(), request.getNews());
            record(new Call("DiffConfig").urn(request.getUrn()).id(request.getId())
                    .with("diffs", response.getDiffsList()));
            return response;
        });
    }

    @Override
    public void configure(ConfigureRequest request, StreamObserver<ConfigureResponse> out) {
        reply(out, () -> {
            var args = toJava(request.getArgs());
            var variables = new TreeSet<>(request.getVariablesMap().keySet());
            if (args.get("region") instanceof String region && !region.equals(UNKNOWN)) {
                cloud = new FakeCloud(region);
            }
            record(new Call("Configure").urn(request.getUrn()).id(request.getId())
                    .with("args", new TreeSet<>(args.keySet())).with("variables", variables)
                    .with("region", args.get("region")));
            return ConfigureResponse.newBuilder()
                    .setAcceptSecrets(false)
                    .setAcceptResources(false)
                    .setSupportsPreview(false)
                    .build();
        });
    }

    // ---------------------------------------------------------------------------------------------- resources

    @Override
    public void check(CheckRequest request, StreamObserver<CheckResponse> out) {
        record(new Call("Check").urn(request.getUrn()));
        reply(out, () -> CheckResponse.newBuilder().setInputs(request.getNews()).build());
    }

    @Override
    public void diff(DiffRequest request, StreamObserver<DiffResponse> out) {
        reply(out, () -> {
            var response = diff(request.getOldInputs(), request.getNews());
            record(new Call("Diff").urn(request.getUrn()).id(request.getId())
                    .with("changes", response.getChanges().name()).with("diffs", response.getDiffsList()));
            return response;
        });
    }

    @Override
    public void create(CreateRequest request, StreamObserver<CreateResponse> out) {
        var call = new Call("Create").urn(request.getUrn()).with("preview", request.getPreview());
        reply(out, () -> {
            failIfTold(call);
            var inputs = toJava(request.getProperties());
            var result = cloud.newResourceAsync(new Mocks.ResourceArgs(type(request.getUrn()),
                    name(request.getUrn()), inputs, null, null)).join();
            String id = result.id.orElseThrow();
            record(call.id(id).with("inputs", inputs).end());
            return CreateResponse.newBuilder().setId(id).setProperties(toStruct(asMap(result.state))).build();
        }, call);
    }

    @Override
    public void read(ReadRequest request, StreamObserver<ReadResponse> out) {
        record(new Call("Read").urn(request.getUrn()).id(request.getId()));
        reply(out, () -> ReadResponse.newBuilder().setId(request.getId())
                .setProperties(request.getProperties()).setInputs(request.getInputs()).build());
    }

    @Override
    public void update(UpdateRequest request, StreamObserver<UpdateResponse> out) {
        var call = new Call("Update").urn(request.getUrn()).id(request.getId())
                .with("preview", request.getPreview());
        reply(out, () -> {
            failIfTold(call);
            var inputs = toJava(request.getNews());
            var changed = diff(request.getOldInputs(), request.getNews()).getDiffsList();
            var result = cloud.newResourceAsync(new Mocks.ResourceArgs(type(request.getUrn()),
                    name(request.getUrn()), inputs, null, request.getId())).join();
            record(call.with("diffs", changed).with("inputs", inputs).end());
            return UpdateResponse.newBuilder().setProperties(toStruct(asMap(result.state))).build();
        }, call);
    }

    @Override
    public void delete(DeleteRequest request, StreamObserver<Empty> out) {
        var call = new Call("Delete").urn(request.getUrn()).id(request.getId());
        reply(out, () -> {
            record(call.end());
            return Empty.getDefaultInstance();
        }, call);
    }

    @Override
    public void invoke(InvokeRequest request, StreamObserver<InvokeResponse> out) {
        var call = new Call("Invoke").with("token", request.getTok());
        reply(out, () -> {
            var args = toJava(request.getArgs());
            var result = cloud.callAsync(new Mocks.CallArgs(request.getTok(), ImmutableMap.copyOf(
                    withoutNulls(args)), null)).join();
            record(call.with("args", args).end());
            return InvokeResponse.newBuilder().setReturn(toStruct(result)).build();
        }, call);
    }

    @Override
    public void cancel(Empty request, StreamObserver<Empty> out) {
        reply(out, Empty::getDefaultInstance);
    }

    // ---------------------------------------------------------------------------------------------- diff

    /** Top-level properties whose value differs (an unknown new value counts as a change), as Pulumi diffs. */
    static DiffResponse diff(Struct olds, Struct news) {
        var keys = new TreeSet<String>();
        keys.addAll(olds.getFieldsMap().keySet());
        keys.addAll(news.getFieldsMap().keySet());
        var response = DiffResponse.newBuilder().setHasDetailedDiff(true);
        for (String key : keys) {
            Value before = olds.getFieldsMap().get(key);
            Value after = news.getFieldsMap().get(key);
            if (Objects.equals(before, after)) {
                continue;
            }
            PropertyDiff.Kind kind = before == null ? PropertyDiff.Kind.ADD
                    : after == null ? PropertyDiff.Kind.DELETE : PropertyDiff.Kind.UPDATE;
            response.addDiffs(key).putDetailedDiff(key, PropertyDiff.newBuilder().setKind(kind).build());
        }
        return response.setChanges(response.getDiffsCount() == 0 ? DiffResponse.DiffChanges.DIFF_NONE
                : DiffResponse.DiffChanges.DIFF_SOME).build();
    }

    // ---------------------------------------------------------------------------------------------- failures

    private void failIfTold(Call call) {
        String urn = String.valueOf(call.fields.get("urn"));
        String name = name(urn);
        if (failing.contains(name) || failing.contains(type(urn) + "::" + name)) {
            throw Status.UNKNOWN.withDescription("stand-in " + pkg + " provider told to fail " + name
                    + " (ENGINE_TEST_FAIL)").asRuntimeException();
        }
    }

    private <T> void reply(StreamObserver<T> out, Supplier<T> answer) {
        reply(out, answer, null);
    }

    private <T> void reply(StreamObserver<T> out, Supplier<T> answer, Call call) {
        T value;
        try {
            value = answer.get();
        } catch (RuntimeException e) {
            if (call != null) {
                record(call.with("error", String.valueOf(e.getMessage())).end());
            }
            out.onError(e instanceof io.grpc.StatusRuntimeException s ? s
                    : Status.UNKNOWN.withDescription(e.toString()).asRuntimeException());
            return;
        }
        out.onNext(value);
        out.onCompleted();
    }

    // ---------------------------------------------------------------------------------------------- log

    /** One line of the JSONL log: method, URN, type, name, times (epoch microseconds) and what was decided. */
    final class Call {
        final Map<String, Object> fields = new LinkedHashMap<>();

        Call(String method) {
            fields.put("provider", pkg);
            fields.put("method", method);
            fields.put("pid", ProcessHandle.current().pid());
            fields.put("start", micros());
        }

        Call urn(String urn) {
            if (!urn.isEmpty()) {
                fields.put("urn", urn);
                fields.put("type", type(urn));
                fields.put("name", name(urn));
            }
            return this;
        }

        Call id(String id) {
            if (!id.isEmpty()) {
                fields.put("id", id);
            }
            return this;
        }

        Call with(String key, Object value) {
            fields.put(key, value);
            return this;
        }

        Call end() {
            fields.put("end", micros());
            return this;
        }
    }

    private static long micros() {
        Instant now = Instant.now();
        return ChronoUnit.MICROS.between(Instant.EPOCH, now);
    }

    private synchronized void record(Call call) {
        call.fields.putIfAbsent("end", micros());
        if (log == null) {
            return;
        }
        String line = new GsonBuilder().disableHtmlEscaping().serializeNulls().create().toJson(call.fields) + "\n";
        // Both stand-ins append to one file: the file lock keeps every line whole across the two processes, the
        // method's monitor across this one's threads (a JVM refuses overlapping locks of its own).
        try (var file = new RandomAccessFile(log.toFile(), "rw"); var lock = file.getChannel().lock()) {
            file.seek(file.length());
            file.write(line.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot append to " + log + ": " + e, e);
        }
    }

    // ---------------------------------------------------------------------------------------------- values

    static String type(String urn) {
        // urn:pulumi:<stack>::<project>::<parent types$>type::<name>
        String[] parts = urn.split("::");
        if (parts.length < 4) {
            return "";
        }
        String types = parts[2];
        return types.substring(types.lastIndexOf('$') + 1);
    }

    static String name(String urn) {
        int at = urn.lastIndexOf("::");
        return at < 0 ? urn : urn.substring(at + 2);
    }

    static Map<String, Object> toJava(Struct struct) {
        var map = new LinkedHashMap<String, Object>();
        struct.getFieldsMap().forEach((k, v) -> map.put(k, toJava(v)));
        return map;
    }

    static Object toJava(Value value) {
        return switch (value.getKindCase()) {
            case NULL_VALUE, KIND_NOT_SET -> null;
            case NUMBER_VALUE -> {
                double d = value.getNumberValue();
                yield d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
            }
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> value.getBoolValue();
            case STRUCT_VALUE -> toJava(value.getStructValue());
            case LIST_VALUE -> {
                var list = new ArrayList<Object>();
                value.getListValue().getValuesList().forEach(v -> list.add(toJava(v)));
                yield list;
            }
        };
    }

    static Struct toStruct(Map<?, ?> map) {
        var struct = Struct.newBuilder();
        map.forEach((k, v) -> struct.putFields(String.valueOf(k), toValue(v)));
        return struct.build();
    }

    static Value toValue(Object o) {
        if (o == null) {
            return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
        } else if (o instanceof Boolean b) {
            return Value.newBuilder().setBoolValue(b).build();
        } else if (o instanceof Number n) {
            return Value.newBuilder().setNumberValue(n.doubleValue()).build();
        } else if (o instanceof Map<?, ?> m) {
            return Value.newBuilder().setStructValue(toStruct(m)).build();
        } else if (o instanceof Iterable<?> it) {
            var list = ListValue.newBuilder();
            it.forEach(v -> list.addValues(toValue(v)));
            return Value.newBuilder().setListValue(list).build();
        } else if (o instanceof Optional<?> opt) {
            return toValue(opt.orElse(null));
        }
        return Value.newBuilder().setStringValue(String.valueOf(o)).build();
    }

    private static Map<?, ?> asMap(Object state) {
        return state instanceof Map<?, ?> m ? m : Map.of();
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> map) {
        var copy = new LinkedHashMap<String, Object>();
        map.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }
}
