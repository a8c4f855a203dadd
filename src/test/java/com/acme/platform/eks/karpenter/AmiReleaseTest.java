package com.acme.platform.eks.karpenter;

import com.acme.platform.eks.Stacks;
import com.acme.platform.eks.UpstreamReference;
import com.acme.platform.eks.config.ConfigKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Karpenter's nodes boot the AMI release their EC2NodeClass names: the release must exist and ship the cluster's
 * Kubernetes version, or no node ever launches (reference/eks-ami-releases.json, from the amazon-eks-ami changelog).
 */
class AmiReleaseTest {

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> releases() {
        return (Map<String, List<String>>) UpstreamReference.json("eks-ami-releases.json").get("releases");
    }

    static Stream<String> platformStacks() {
        return Stacks.platform().stream();
    }

    static String problem(String alias, String kubernetesVersion) {
        String release = alias.substring(alias.indexOf('@') + 1);
        var minors = releases().get(release);
        if (minors == null) {
            return alias + " is not an EKS AMI release";
        }
        return minors.contains(kubernetesVersion) ? null
                : alias + " does not ship Kubernetes " + kubernetesVersion + " (it ships " + minors + ")";
    }

    @ParameterizedTest
    @MethodSource("platformStacks")
    void everyStackPinsAnAmiReleaseThatShipsItsKubernetesVersion(String stack) {
        var config = Stacks.config(stack, Map.of());
        String problem = problem(config.karpenter().amiAlias(), config.cluster().kubernetesVersion());
        assertTrue(problem == null, stack + ": " + problem);
    }

    @Test
    void theDefaultsPinAnAmiReleaseThatShipsTheDefaultVersion() {
        String problem = problem((String) ConfigKeys.KARPENTER_AMI_ALIAS.defaultValue(),
                (String) ConfigKeys.KUBERNETES_VERSION.defaultValue());
        assertTrue(problem == null, problem);
    }

    /** The versions the loader allows are all shipped by the newest release in the list: a node can boot each. */
    @Test
    void everyAllowedKubernetesVersionHasAnAmiRelease() {
        String newest = releases().keySet().stream().max(String::compareTo).orElseThrow();
        for (String version : ConfigKeys.KUBERNETES_VERSIONS) {
            assertTrue(releases().get(newest).contains(version), version + " is not in " + newest);
        }
    }

    @Test
    void aReleaseThatDoesNotExistOrLacksTheVersionIsFound() {
        assertTrue(problem("al2023@v20251117", "1.34").contains("not an EKS AMI release"),
                "20251117 is only the AL2023 base image date inside v20251120");
        assertTrue(problem("al2023@v20260423", "1.36").contains("does not ship Kubernetes 1.36"));
    }
}
