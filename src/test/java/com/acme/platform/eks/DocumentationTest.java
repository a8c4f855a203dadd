package com.acme.platform.eks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README is the short entry (what it builds, the two commands, where things are); the rest lives in docs/.
 * Every relative link of the README and of docs/*.md leads to a file that exists, and to a heading of it where it
 * names one (GitHub's anchors), so moving a section cannot leave a link behind.
 */
class DocumentationTest {
    static final Path ROOT = Path.of("").toAbsolutePath();
    static final int README_MAX_LINES = 150;
    static final int README_MAX_BYTES = 12 * 1024;

    private static final Pattern FENCE = Pattern.compile("(?ms)^\\s*```.*?^\\s*```[^\\n]*$");
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`\\n]*`");
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*#*\\s*$");
    private static final Pattern HTML_ID = Pattern.compile("<a\\s+(?:id|name)=\"([^\"]+)\"");

    static List<Path> pages(Path root) throws IOException {
        var pages = new ArrayList<Path>();
        pages.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** The text a reader sees as prose: fenced blocks and code spans removed (a link inside them is no link). */
    static String prose(String markdown) {
        return CODE_SPAN.matcher(FENCE.matcher(markdown).replaceAll("")).replaceAll("");
    }

    /** GitHub's heading anchors: rendered text, lower case, punctuation dropped, spaces to '-', repeats numbered. */
    static Set<String> anchors(String markdown) {
        var anchors = new HashSet<String>();
        var seen = new HashMap<String, Integer>();
        Matcher h = HEADING.matcher(FENCE.matcher(markdown).replaceAll(""));
        while (h.find()) {
            String text = h.group(1).replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1").replaceAll("[`*]", "");
            String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "")
                    .replace(' ', '-');
            int n = seen.merge(slug, 1, Integer::sum) - 1;
            anchors.add(n == 0 ? slug : slug + "-" + n);
        }
        Matcher id = HTML_ID.matcher(markdown);
        while (id.find()) {
            anchors.add(id.group(1));
        }
        return anchors;
    }

    /** Every relative link of the pages that leads nowhere, as "page: target (why)". */
    static List<String> brokenLinks(Path root, List<Path> pages) throws IOException {
        var broken = new ArrayList<String>();
        for (Path page : pages) {
            Matcher link = LINK.matcher(prose(Files.readString(page, StandardCharsets.UTF_8)));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    continue; // https:, mailto: and the like: not checked offline
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                String anchor = hash < 0 ? null : target.substring(hash + 1);
                Path to = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                String where = root.relativize(page) + ": " + target;
                if (!to.startsWith(root) || !Files.exists(to)) {
                    broken.add(where + " (no such file)");
                } else if (anchor != null && to.toString().endsWith(".md")
                        && !anchors(Files.readString(to, StandardCharsets.UTF_8)).contains(anchor)) {
                    broken.add(where + " (no such heading in " + root.relativize(to) + ")");
                }
            }
        }
        return broken;
    }

    @Test
    void theReadmeStaysShort() throws IOException {
        Path readme = ROOT.resolve("README.md");
        long lines = Files.readAllLines(readme).size();
        long bytes = Files.size(readme);
        assertTrue(lines <= README_MAX_LINES, "README.md has " + lines + " lines; at most " + README_MAX_LINES
                + ": move detail to docs/");
        assertTrue(bytes < README_MAX_BYTES, "README.md has " + bytes + " bytes; under " + README_MAX_BYTES
                + ": move detail to docs/");
    }

    @Test
    void everyRelativeLinkOfTheReadmeAndDocsResolves() throws IOException {
        assertEquals(List.of(), brokenLinks(ROOT, pages(ROOT)));
    }

    @Test
    void theReadmeLinksEveryDocsPage() throws IOException {
        String readme = prose(Files.readString(ROOT.resolve("README.md")));
        var unlinked = new TreeSet<String>();
        for (Path page : pages(ROOT).subList(1, pages(ROOT).size())) {
            String name = "docs/" + page.getFileName();
            if (!readme.contains("](" + name + ")") && !readme.contains("](" + name + "#")) {
                unlinked.add(name);
            }
        }
        assertEquals(Set.of(), unlinked, "docs pages the README does not link");
    }

    @Test
    void aMissingFileOrHeadingIsReported(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("README.md"), "See [a](docs/a.md#the-real-engine-scriptsengine-test), "
                + "[b](docs/b.md), [c](docs/a.md#gone), [web](https://example.com/x), `[code](docs/none.md)`.\n");
        Files.writeString(dir.resolve("docs/a.md"), "# A\n\n## The real engine: `scripts/engine-test`\n\n"
                + "Back to [the README](../README.md#nothing) and [here](#a).\n\n```\n[fenced](nowhere.md)\n```\n");
        assertEquals(List.of("README.md: docs/b.md (no such file)",
                "README.md: docs/a.md#gone (no such heading in docs/a.md)",
                "docs/a.md: ../README.md#nothing (no such heading in README.md)"),
                brokenLinks(dir, pages(dir)));
    }

    @Test
    void anchorsFollowGithubsRules() {
        assertEquals(Set.of("day-2-changes-what-may-change-in-place", "whats-where", "stack-outputs",
                "stack-outputs-1", "what-the-roles-may-do-and-why"), anchors("# Day-2 changes: what may change in place\n"
                + "## What's where\n## Stack outputs\n## Stack outputs\n### What the roles may do, and why\n"
                + "```\n# not a heading\n```\n"));
    }
}
