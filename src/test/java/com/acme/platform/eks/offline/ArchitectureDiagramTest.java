package com.acme.platform.eks.offline;

import com.acme.platform.eks.Stacks;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArchitectureDiagramTest {

    @Test
    void architecturePageEmbedsTheCurrentProdDiagram() throws Exception {
        String page = Files.readString(Path.of("docs", "architecture.md"));
        String start = "<!-- architecture:prod:start -->\n";
        String embedded = page.substring(page.indexOf(start) + start.length(),
                page.indexOf("<!-- architecture:prod:end -->"));
        String expected = "```mermaid\n" + ArchitectureDiagram.mermaid(Stacks.plan("prod")) + "```\n";
        assertEquals(expected, embedded, "docs/architecture.md's prod diagram is stale: run scripts/update-diagram");
    }

    @Test
    void prodDiagramShowsEveryAzWithItsNatAndTheCluster() {
        String mermaid = ArchitectureDiagram.mermaid(Stacks.plan("prod"));
        for (String zone : new String[] {"eu-west-1a", "eu-west-1b", "eu-west-1c"}) {
            assertTrue(mermaid.contains("[\"" + zone + "\"]"), zone + " missing:\n" + mermaid);
        }
        assertEquals(3, mermaid.split("\\{\\{NAT gateway}}", -1).length - 1, mermaid);
        assertTrue(mermaid.contains("private endpoint"), mermaid);
    }

    @Test
    void devDiagramShowsTheSingleNat() {
        String mermaid = ArchitectureDiagram.mermaid(Stacks.plan("dev"));
        assertEquals(1, mermaid.split("\\{\\{NAT gateway}}", -1).length - 1, mermaid);
        assertTrue(mermaid.contains("public + private endpoint"), mermaid);
    }
}
