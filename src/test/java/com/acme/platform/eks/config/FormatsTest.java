package com.acme.platform.eks.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The formats that take more than a pattern, at their edges. */
class FormatsTest {

    @ParameterizedTest
    @ValueSource(strings = {"0 7 * * mon-fri", "*/15 0-6 1,15 jan-jun ?", "59 23 31 12 6", "0 0 1-7/2 * SUN",
            "@daily", "@weekly", "30 2 * * 0-6", "0 7 ? * *"})
    void cronSchedulesKarpenterAccepts(String schedule) {
        assertTrue(Formats.validCron(schedule), schedule);
    }

    @ParameterizedTest
    @ValueSource(strings = {"61 25 * * *", "one two three four five", "0 7 * * mon-fri *", "0 24 * * *",
            "0 0 0 * *", "0 0 * 13 *", "0 0 * * 7", "0 0 * * fri-mon", "*/0 * * * *", "@every 1h", "0 7 * * * *"})
    void cronSchedulesOutOfRangeOrMalformed(String schedule) {
        assertFalse(Formats.validCron(schedule), schedule);
    }

    @Test
    void quantitiesThatOverflowALongAreNoQuantities() {
        assertEquals(250, Formats.cpuMillis("250m"));
        assertEquals(1500, Formats.cpuMillis("1.5"));
        assertEquals(-1, Formats.cpuMillis("9223372036854775808m"));
        assertEquals(-1, Formats.cpuMillis("9999999999999999999"));
        assertEquals(268435456, Formats.memoryBytes("256Mi"));
        assertEquals(-1, Formats.memoryBytes("8388608Ti"));
        assertEquals(8388607L << 40, Formats.memoryBytes("8388607Ti"));
    }

    @Test
    void durationsBeyondGoDurationOverflowAreCaught() {
        assertEquals(5400, Formats.durationSeconds("1h30m"));
        assertTrue(Formats.durationSeconds("2562048h") > Formats.MAX_GO_DURATION_SECONDS);
        assertTrue(Formats.durationSeconds("2562047h") <= Formats.MAX_GO_DURATION_SECONDS);
    }

    @Test
    void coverageCountsOverlapsOnce() {
        assertEquals(1L << 32, Ipv4Cidr.coveredAddresses(List.of("0.0.0.0/1", "128.0.0.0/1")));
        assertEquals(1L << 32, Ipv4Cidr.coveredAddresses(List.of("0.0.0.0/0", "10.0.0.0/8")));
        assertEquals(256 + 128, Ipv4Cidr.coveredAddresses(List.of("203.0.113.0/24", "198.51.100.0/25",
                "203.0.113.128/25")));
        assertEquals(0, Ipv4Cidr.coveredAddresses(List.of()));
    }

    @Test
    void aBlockBeyondTheAddressSpaceIsNoCidr() {
        assertTrue(Ipv4Cidr.parse("255.255.255.0/24").isPresent());
        assertEquals(1L << 32, Ipv4Cidr.parse("255.255.255.0/24").orElseThrow().blockBase(26, 256, 0));
    }

    @Test
    void credentialsInAGitUrlAreNeverShown() {
        var shown = new java.util.ArrayList<String>();
        Formats.GIT_URL.check("https://bot:s3cr3t@github.com/acme/m.git", (given, what) -> shown.add(given
                + " " + what));
        assertEquals(1, shown.size());
        assertTrue(shown.get(0).startsWith("https://***@github.com/acme/m.git carries a credential"), shown.get(0));
        assertFalse(shown.get(0).contains("s3cr3t"));
        Formats.GIT_URL.check("ssh://git@github.com/acme/m.git", (given, what) -> shown.add(what));
        Formats.GIT_URL.check("git@github.com:acme/m.git", (given, what) -> shown.add(what));
        assertEquals(1, shown.size(), "a plain SSH user is no credential: " + shown);
    }
}
