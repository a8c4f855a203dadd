package com.acme.platform.eks.delivery;

import com.acme.platform.eks.Stacks;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/deploying.md against what it drives: every variable and secret a workflow reads is written by the guide's
 * {@code scripts/setup-github}, every stack output the guide or the script copies is one the program exports (as
 * the renders produce them), and the guide is one numbered list of fewer than 28 manual steps, each saying why.
 */
class DeployGuideTest {
    static final Path GUIDE = Path.of("docs", "deploying.md");
    static final Path SETUP = Path.of("scripts", "setup-github");
    private static final Pattern VARS = Pattern.compile("\\bvars\\.([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern SECRETS = Pattern.compile("\\bsecrets\\.([A-Za-z_][A-Za-z0-9_]*)");
    /** {@code ("VARIABLE", "bootstrap-x", "output")} rows of the script's ROLE_VARIABLES. */
    private static final Pattern ROLE_VARIABLE = Pattern.compile("\\(\"([A-Z_]+)\", \"([a-z-]+)\", \"([A-Za-z]+)\"\\)");
    /** {@code variables["NAME"] = ...} of the script. */
    private static final Pattern OTHER_VARIABLE = Pattern.compile("variables\\[\"([A-Z_]+)\"] =");
    /** {@code ("SECRET", environment, "SOURCE")} rows of the script's SECRETS. */
    private static final Pattern SECRET_ROW = Pattern.compile("\\(\"([A-Z_]+)\", (None|\"[a-z-]+\"), \"([A-Z_]+)\"\\)");
    /** {@code pulumi stack output [--json] --stack S NAME} and "output `NAME` of `S`" in the guide. */
    private static final Pattern GUIDE_OUTPUT = Pattern.compile(
            "stack\\s+output\\s+(?:--json\\s+)?--stack\\s+([a-z-]+)\\s+([A-Za-z]+)");
    private static final Pattern NUMBERED = Pattern.compile("(?m)^(\\d+)\\. ");

    static String workflowsText() throws IOException {
        var text = new StringBuilder();
        try (Stream<Path> files = Files.list(Path.of(".github", "workflows"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
                // Comments name variables too (how to switch the backend); only what the jobs read counts.
                Files.readAllLines(f).stream().map(l -> l.replaceAll("(^|\\s)#.*$", "")).forEach(l -> text.append(l)
                        .append('\n'));
            }
        }
        return text.toString();
    }

    private static Set<String> all(Pattern pattern, String text, int group) {
        var found = new TreeSet<String>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(group));
        }
        return found;
    }

    @Test
    void everyVariableAndSecretAWorkflowReadsIsWrittenBySetupGithub() throws IOException {
        String workflows = workflowsText();
        String script = Files.readString(SETUP);
        var written = all(ROLE_VARIABLE, script, 1);
        written.addAll(all(OTHER_VARIABLE, script, 1));
        var read = all(VARS, workflows, 1);
        assertTrue(read.containsAll(Set.of("DEPLOY_ROLE_ARN_DEV", "PROD_RUNNER")), read.toString());
        var unset = new TreeSet<>(read);
        unset.removeAll(written);
        assertEquals(Set.of(), unset, "variables the workflows read that scripts/setup-github never sets");

        var secrets = all(SECRETS, workflows, 1);
        secrets.remove("GITHUB_TOKEN");
        var stored = all(SECRET_ROW, script, 1);
        var missing = new TreeSet<>(secrets);
        missing.removeAll(stored);
        assertEquals(Set.of(), missing, "secrets the workflows read that scripts/setup-github never stores");
        // The guide names every variable and secret it has the script write.
        String guide = Files.readString(GUIDE);
        for (String name : union(read, secrets)) {
            assertTrue(guide.contains("`" + name + "`"), "docs/deploying.md does not name " + name);
        }
    }

    /** Prod's secrets live in the main-only environments, never in the repository (DeliveryHardeningTest's rule). */
    @Test
    void setupGithubStoresProdSecretsOnlyInTheEnvironments() throws IOException {
        Matcher m = SECRET_ROW.matcher(Files.readString(SETUP));
        int rows = 0;
        while (m.find()) {
            rows++;
            if (m.group(1).contains("PROD")) {
                assertTrue(Set.of("\"production\"", "\"production-preview\"").contains(m.group(2)), m.group());
            }
        }
        assertTrue(rows >= 4, "rows: " + rows);
    }

    @Test
    void everyOutputTheGuideOrTheScriptCopiesIsExported() throws IOException {
        var copied = new ArrayList<List<String>>();
        Matcher g = GUIDE_OUTPUT.matcher(Files.readString(GUIDE));
        while (g.find()) {
            copied.add(List.of(g.group(1), g.group(2)));
        }
        Matcher s = ROLE_VARIABLE.matcher(Files.readString(SETUP));
        while (s.find()) {
            copied.add(List.of(s.group(2), s.group(3)));
        }
        assertTrue(copied.size() >= 8, copied.toString());
        for (var output : copied) {
            assertTrue(Stacks.all().contains(output.get(0)), "no stack " + output.get(0));
            assertTrue(Stacks.plan(output.get(0)).outputs().containsKey(output.get(1)),
                    output.get(0) + " exports no " + output.get(1) + " (it exports "
                            + Stacks.plan(output.get(0)).outputs().keySet() + ")");
        }
    }

    @Test
    void theGuideIsOneNumberedListOfFewerThan28ManualStepsEachSayingWhy() throws IOException {
        String guide = Files.readString(GUIDE);
        int start = guide.indexOf("## The steps");
        assertTrue(start >= 0, "no section The steps");
        int end = guide.indexOf("\n## ", start + 1);
        String steps = guide.substring(start, end < 0 ? guide.length() : end);
        var numbers = new ArrayList<Integer>();
        Matcher m = NUMBERED.matcher(steps);
        while (m.find()) {
            numbers.add(Integer.parseInt(m.group(1)));
        }
        var expected = new ArrayList<Integer>();
        for (int i = 1; i <= numbers.size(); i++) {
            expected.add(i);
        }
        assertEquals(expected, numbers, "one list numbered 1..n");
        assertTrue(numbers.size() < 28, numbers.size() + " manual steps");
        assertEquals(0, all(NUMBERED, guide.substring(0, start) + (end < 0 ? "" : guide.substring(end)), 1).size(),
                "a second numbered list outside The steps");
        String[] items = steps.split("(?m)^\\d+\\. ");
        for (int i = 1; i < items.length; i++) {
            assertTrue(items[i].contains("Why by hand:"), "step " + i + " does not say why it is not automated");
        }
    }

    /** The README's first screen: what is needed (Java 17) and the two commands. */
    @Test
    void theReadmesFirstScreenShowsJava17AndTheTwoCommands() throws IOException {
        var lines = Files.readAllLines(Path.of("README.md"));
        String firstScreen = String.join("\n", lines.subList(0, Math.min(30, lines.size())));
        for (String required : List.of("Java 17", "./mvnw -B -ntp package -DskipTests && java -jar"
                + " target/eks-platform.jar render --stack dev", "./mvnw -B verify")) {
            assertTrue(firstScreen.contains(required), "the README's first 30 lines do not show " + required);
        }
        String readme = String.join("\n", lines);
        assertTrue(readme.contains("docs/deploying.md"), "the README does not point to the deploy guide");
        assertEquals(Set.of(), all(Pattern.compile("(?m)^(\\d+)\\. \\*\\*"), readme, 1),
                "a numbered deploy guide is left in the README");
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        var all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
