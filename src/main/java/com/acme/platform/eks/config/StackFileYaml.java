package com.acme.platform.eks.config;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.Construct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * SnakeYAML's safe constructor for stack files, except that a plain number whose value would print differently
 * from how it is written stays its text: {@code kubernetesVersion: 1.40} is "1.40" (not 1.4) and {@code 010} is
 * "010" (not 8), which is the text the Pulumi engine hands the program for the same line.
 */
final class StackFileYaml extends SafeConstructor {
    StackFileYaml() {
        super(new LoaderOptions());
        yamlConstructors.put(Tag.FLOAT, new TextIfReformatted(yamlConstructors.get(Tag.FLOAT)));
        yamlConstructors.put(Tag.INT, new TextIfReformatted(yamlConstructors.get(Tag.INT)));
    }

    private final class TextIfReformatted extends AbstractConstruct {
        private final Construct number;

        TextIfReformatted(Construct number) {
            this.number = number;
        }

        @Override
        public Object construct(Node node) {
            Object value = number.construct(node);
            String text = constructScalar((ScalarNode) node);
            return String.valueOf(value).equals(text) ? value : text;
        }
    }
}
