package com.acme.platform.eks.karpenter;

import com.acme.platform.eks.UpstreamReference;
import com.google.gson.Gson;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Karpenter's v1.14 CloudFormation template, the verbatim upstream copy of {@link UpstreamReference}, with
 * CloudFormation's short-form functions resolved against given values.
 */
public final class KarpenterReference {
    static final String FILE = "karpenter-v1.14-cloudformation.yaml";

    private KarpenterReference() { }

    /** The template's {@code Resources}, with {@code !Sub}, {@code !GetAtt} and {@code !Ref} as one-key maps. */
    @SuppressWarnings("unchecked")
    public static Map<String, Map<String, Object>> resources() {
        var doc = (Map<String, Object>) new Yaml(new CloudFormationConstructor()).load(UpstreamReference.read(FILE));
        return (Map<String, Map<String, Object>>) doc.get("Resources");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(String resource) {
        var r = resources().get(resource);
        if (r == null) {
            throw new AssertionError("the reference template has no resource " + resource);
        }
        return (Map<String, Object>) r.get("Properties");
    }

    /**
     * The value with every function resolved: {@code Fn::Sub} by substitution, {@code Fn::GetAtt} ("Res.Attr")
     * and {@code Ref} by lookup in {@code values}; a JSON policy document given as a {@code !Sub} string stays a
     * string (parse it with {@link #json}).
     */
    static Object resolve(Object value, Map<String, String> values) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1 && map.containsKey("Fn::Sub")) {
                return KarpenterSpecs.substitute((String) map.get("Fn::Sub"), values);
            }
            if (map.size() == 1 && (map.containsKey("Fn::GetAtt") || map.containsKey("Ref"))) {
                String key = String.valueOf(map.values().iterator().next());
                if (!values.containsKey(key)) {
                    throw new AssertionError("no value for " + map + " of the reference template");
                }
                return values.get(key);
            }
            var out = new LinkedHashMap<String, Object>();
            map.forEach((k, v) -> out.put(String.valueOf(k), resolve(v, values)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> resolve(v, values)).toList();
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(String text) {
        return new Gson().fromJson(text, Map.class);
    }

    /** SnakeYAML's safe constructor plus CloudFormation's short-form tags, each as its long-form one-key map. */
    private static final class CloudFormationConstructor extends SafeConstructor {
        CloudFormationConstructor() {
            super(new LoaderOptions());
            yamlConstructors.put(new Tag("!Sub"), new Function("Fn::Sub"));
            yamlConstructors.put(new Tag("!GetAtt"), new Function("Fn::GetAtt"));
            yamlConstructors.put(new Tag("!Ref"), new Function("Ref"));
        }

        private static final class Function extends AbstractConstruct {
            private final String name;

            Function(String name) {
                this.name = name;
            }

            @Override
            public Object construct(Node node) {
                if (!(node instanceof ScalarNode scalar)) {
                    throw new AssertionError("only the scalar form of " + name + " is expected in " + FILE);
                }
                return Map.of(name, scalar.getValue());
            }
        }
    }
}
