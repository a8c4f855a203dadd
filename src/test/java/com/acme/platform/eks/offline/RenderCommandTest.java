package com.acme.platform.eks.offline;

import com.acme.platform.eks.Stacks;
import com.google.gson.Gson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RenderCommandTest {

    private record Result(int exit, String out, String err) { }

    private static Result render(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = RenderCommand.run("render", args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Path stackFile(Path dir, String stack, String replaceFrom, String replaceTo) throws Exception {
        var text = Files.readString(Stacks.file(stack));
        assertTrue(text.contains(replaceFrom), "fixture line not found: " + replaceFrom);
        var file = dir.resolve("Pulumi.broken.yaml");
        Files.writeString(file, text.replace(replaceFrom, replaceTo));
        return file;
    }

    /** Renders the stack file with one line changed, into {@code dir/out}. */
    private static Result renderChanged(Path dir, String stack, String replaceFrom, String replaceTo) throws Exception {
        return render("--config", stackFile(dir, stack, replaceFrom, replaceTo).toString(), "--out",
                dir.resolve("out").toString());
    }

    @Test
    void writesThePlanOfTheProdStack(@TempDir Path out) throws Exception {
        var result = render("--config", Stacks.file("prod").toString(), "--stack", "prod", "--out", out.toString());
        assertEquals(0, result.exit(), result.err());
        assertTrue(result.out().contains("aws:ec2/natGateway:NatGateway"), result.out());

        @SuppressWarnings("unchecked")
        Map<String, Object> plan = new Gson().fromJson(Files.readString(out.resolve("plan.json")), Map.class);
        assertEquals("eks-platform", plan.get("project"));
        assertEquals("prod", plan.get("stack"));
        @SuppressWarnings("unchecked")
        var resources = (List<Map<String, Object>>) plan.get("resources");
        var vpc = resources.stream().filter(r -> "network-vpc".equals(r.get("name"))).findFirst().orElseThrow();
        assertEquals("aws:ec2/vpc:Vpc", vpc.get("type"));
        String network = "urn:pulumi:prod::eks-platform::eks-platform:network:Network";
        assertEquals(network + "$aws:ec2/vpc:Vpc::network-vpc", vpc.get("urn"));
        assertEquals(network + "::network", vpc.get("parent"), "parents and dependencies by URN");
        assertEquals(true, vpc.get("protect"));
        assertEquals("10.20.0.0/16", ((Map<?, ?>) vpc.get("inputs")).get("cidrBlock"));
        var igw = resources.stream().filter(r -> "network-igw".equals(r.get("name"))).findFirst().orElseThrow();
        assertEquals(List.of(network + "$aws:ec2/vpc:Vpc::network-vpc"), igw.get("dependsOn"));
        assertTrue(((Map<?, ?>) plan.get("outputs")).containsKey("vpcId"));
    }

    @Test
    void aVpcCidrOutOfRangeFailsNamingTheKey(@TempDir Path dir) throws Exception {
        var result = renderChanged(dir, "dev", "vpcCidr: 10.10.0.0/16", "vpcCidr: 10.0.0.0/33");
        assertEquals(2, result.exit());
        assertTrue(result.err().contains("eks-platform:vpcCidr = '10.0.0.0/33'"), result.err());
        assertFalse(Files.exists(dir.resolve("out")), "nothing is written for a bad config");
    }

    @Test
    void sevenAzsFailNamingTheKey(@TempDir Path dir) throws Exception {
        var result = renderChanged(dir, "prod", "azCount: 3", "azCount: 7");
        assertEquals(2, result.exit());
        assertTrue(result.err().contains("eks-platform:azCount = 7"), result.err());
    }

    @Test
    void theStackNameComesFromTheFileName(@TempDir Path dir) throws Exception {
        var result = renderChanged(dir, "dev", "azCount: 2", "azCount: 3");
        assertEquals(0, result.exit(), result.err());
        assertTrue(result.out().contains("stack 'broken'"), result.out());
    }

    @Test
    void aConfigFileOfAnyNameRendersUnderTheStackGivenWithIt(@TempDir Path dir) throws Exception {
        var file = dir.resolve("staging-candidate.yaml");
        Files.copy(Stacks.file("dev"), file);
        var result = render("--stack", "staging", "--config", file.toString(), "--out", dir.resolve("out").toString());
        assertEquals(0, result.exit(), result.err());
        assertTrue(result.out().contains("stack 'staging'"), result.out());
        @SuppressWarnings("unchecked")
        Map<String, Object> plan = new Gson().fromJson(Files.readString(dir.resolve("out/plan.json")), Map.class);
        assertEquals("staging", plan.get("stack"));
    }

    @Test
    void aConfigFileWhoseNameGivesNoStackIsAUsageError(@TempDir Path dir) throws Exception {
        var file = dir.resolve("staging-candidate.yaml");
        Files.copy(Stacks.file("dev"), file);
        var result = render("--config", file.toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, result.exit(), result.out());
        assertTrue(result.err().contains(file.toString()) && result.err().contains("--stack NAME"), result.err());
        assertFalse(Files.exists(dir.resolve("out")), "nothing is rendered under a guessed stack name");
    }

    @Test
    void aStackFileThatIsNotYamlFailsNamingTheFileAndTheError(@TempDir Path dir) throws Exception {
        var file = stackFile(dir, "dev", "azCount: 2", "azCount: [2");
        var result = render("--config", file.toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, result.exit(), result.err());
        assertTrue(result.err().contains(file.toString()) && result.err().contains("not valid YAML"), result.err());
        assertTrue(result.err().contains("line "), "the YAML error says where: " + result.err());
        assertFalse(result.err().contains("\tat "), "no stack trace: " + result.err());
    }

    @Test
    void aDiffBaseThatIsNotAPlanFailsWithAMessage(@TempDir Path dir) throws Exception {
        for (String text : List.of("", "not json {", "[]", "{}", "{\"resources\": [{\"name\": \"x\"}]}")) {
            var base = dir.resolve("plan.json");
            Files.writeString(base, text);
            var result = render("--config", Stacks.file("dev").toString(), "--stack", "dev", "--out", dir.resolve("out").toString(), "--diff", base.toString());
            assertEquals(2, result.exit(), () -> "base '" + text + "': " + result.err());
            assertTrue(result.err().contains("cannot read " + base + " as a plan.json"), result.err());
            assertFalse(Files.exists(dir.resolve("out")), "base '" + text + "' is checked before rendering");
        }
    }

    @Test
    void badArgumentsPrintUsage() {
        var result = render("--stack");
        assertEquals(64, result.exit());
        assertTrue(result.err().contains("usage:"), result.err());
        assertEquals(66, render("--stack", "nosuchstack").exit());
    }

    @Test
    void everyRepositoryStackRendersWithoutErrors() {
        assertTrue(Stacks.platform().containsAll(List.of("dev", "prod")), Stacks.platform().toString());
        for (String stack : Stacks.all()) {
            var plan = Stacks.plan(stack);
            if (Stacks.deliveryBootstrap(stack)) {
                // a bootstrap stack may build a single role (a handful of resources): it must build each role
                // its config lists, besides GitHub's OIDC provider
                int roles = Stacks.config(stack, java.util.Map.of()).githubDelivery().roles().size();
                assertEquals(roles, plan.ofType("aws:iam/role:Role").size(), stack + " should build " + roles
                        + " roles");
            } else {
                assertTrue(plan.resources().size() > 10, stack + " renders almost nothing");
            }
            // a platform stack builds the platform; the delivery bootstrap stack builds the deploy roles instead
            String expected = Stacks.deliveryBootstrap(stack) ? "aws:iam/openIdConnectProvider:OpenIdConnectProvider"
                    : "aws:ec2/vpc:Vpc";
            assertEquals(1, plan.ofType(expected).size(), stack + " should build one " + expected);
        }
    }

    @Test
    void keysNothingReadsAreWarnedAboutAndTheRenderGoesOn(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        var file = dir.resolve("Pulumi.bootstrap-dev.yaml");
        Files.writeString(file, Files.readString(Path.of("Pulumi.bootstrap-dev.yaml")) + "  aws:regoin: eu-west-2\n");
        var result = render("--config", file.toString(), "--out", dir.resolve("out").toString());
        assertEquals(0, result.exit(), result.err());
        assertTrue(result.err().startsWith("warning: aws:regoin: nothing in this program reads it"), result.err());
    }
}
