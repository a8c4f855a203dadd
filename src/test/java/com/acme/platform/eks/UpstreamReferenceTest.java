package com.acme.platform.eks;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class UpstreamReferenceTest {
    /** Where the shared reference folder sits on machines that have one (beside the clone). */
    static final Path SHARED = Path.of("..", "shared", "reference");

    @ParameterizedTest
    @FieldSource("com.acme.platform.eks.UpstreamReference#FILES")
    void copyIsByteEqualToTheSharedReferenceWhereThatExists(String file) throws IOException {
        assumeTrue(Files.isDirectory(SHARED), "no shared reference folder at " + SHARED.toAbsolutePath());
        assertArrayEquals(Files.readAllBytes(SHARED.resolve(file)), UpstreamReference.bytes(file),
                "src/test/resources/reference/" + file + " differs from " + SHARED.resolve(file));
    }

    /** The README records the checksum of what was copied, so an edit to a copy shows up without the shared folder. */
    @ParameterizedTest
    @FieldSource("com.acme.platform.eks.UpstreamReference#FILES")
    void readmeRecordsTheChecksumOfTheCopy(String file) throws NoSuchAlgorithmException {
        String readme = UpstreamReference.read("README.md");
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(UpstreamReference.bytes(file)));
        var row = Pattern.compile("^\\| `" + Pattern.quote(file) + "` \\|.*\\| `" + sha256 + "` \\|$", Pattern.MULTILINE);
        assertTrue(row.matcher(readme).find(),
                "src/test/resources/reference/README.md has no row for " + file + " with sha256 " + sha256);
    }
}
