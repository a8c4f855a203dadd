package com.acme.platform.eks;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What .ci/scan relies on: the scanners pinned exactly, and every exception to them explained where it is made (a
 * zizmor ignore comment with its reason on the line, a checkov skip with a comment in .checkov.yaml).
 */
class ScannerConfigTest {

    private static final Pattern ZIZMOR_IGNORE = Pattern.compile("#\\s*zizmor:\\s*ignore\\[([^]]*)](.*)$");

    @Test
    void theScannersAndTheirWholeDependencyClosureArePinnedExactly() throws IOException {
        var loose = new ArrayList<String>();
        var names = new ArrayList<String>();
        for (String line : Files.readAllLines(Path.of("requirements-ci.txt"))) {
            String requirement = line.replaceAll("#.*", "").strip();
            if (requirement.isEmpty()) {
                continue;
            }
            if (!requirement.matches("[A-Za-z0-9._-]+==[A-Za-z0-9.+!-]+")) {
                loose.add(requirement);
            }
            names.add(requirement.split("==")[0].toLowerCase());
        }
        assertEquals(List.of(), loose, "requirements-ci.txt must pin name==version");
        assertTrue(names.containsAll(List.of("zizmor", "checkov", "kubernetes-validate")), names::toString);
    }

    @Test
    void everyZizmorIgnoreSaysWhy() throws IOException {
        var unexplained = new ArrayList<String>();
        int ignores = 0;
        try (Stream<Path> files = Files.list(Path.of(".github", "workflows"))) {
            for (Path file : files.sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    Matcher m = ZIZMOR_IGNORE.matcher(line);
                    if (m.find()) {
                        ignores++;
                        if (m.group(2).strip().split("\\s+").length < 4) {
                            unexplained.add(file.getFileName() + ": " + line.strip());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), unexplained, "a zizmor ignore needs its reason after the ]");
        assertTrue(ignores > 0, "the pattern finds the committed ignores");
    }

    @Test
    void everyCheckovSkipSaysWhyInTheOneSkipFile() throws IOException {
        List<String> lines = Files.readAllLines(Path.of(".checkov.yaml"));
        int start = lines.indexOf("skip-check:");
        assertTrue(start >= 0, ".checkov.yaml has a skip-check list (empty or not)");
        var unexplained = new ArrayList<String>();
        for (int i = start + 1; i < lines.size() && (lines.get(i).isBlank() || lines.get(i).startsWith(" ")); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("- ") && !line.contains("#") && !lines.get(i - 1).strip().startsWith("#")) {
                unexplained.add(line);
            }
        }
        assertEquals(List.of(), unexplained, "a skipped check needs a comment with its reason");
        try (Stream<Path> files = Stream.concat(Files.walk(Path.of(".github")), Files.walk(Path.of("src")))) {
            var inline = files.filter(Files::isRegularFile).filter(f -> {
                try {
                    return Files.readString(f).contains("checkov:" + "skip=");
                } catch (IOException e) {
                    return false;
                }
            }).toList();
            assertEquals(List.of(), inline, "checkov skips live in .checkov.yaml only");
        }
    }
}
