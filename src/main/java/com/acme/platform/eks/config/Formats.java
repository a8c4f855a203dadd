package com.acme.platform.eks.config;

import com.acme.platform.eks.config.ConfigKey.Rule;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Value formats that take more than a pattern: quantities, durations, cron schedules, tags, Git URLs. */
public final class Formats {
    private Formats() { }

    private static final Pattern CPU_QUANTITY = Pattern.compile("(\\d+)m|\\d+(\\.\\d{1,3})?");
    private static final Pattern MEMORY_QUANTITY = Pattern.compile("(\\d+)(Ki|Mi|Gi|Ti|k|M|G|T)?");
    private static final Map<String, Long> MEMORY_UNITS = Map.of("", 1L, "k", 1000L, "M", 1000_000L,
            "G", 1000_000_000L, "T", 1000_000_000_000L, "Ki", 1L << 10, "Mi", 1L << 20, "Gi", 1L << 30, "Ti", 1L << 40);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /** Millicores, or -1 when the text is no CPU quantity or does not fit a long. */
    public static long cpuMillis(String quantity) {
        if (!CPU_QUANTITY.matcher(quantity).matches()) {
            return -1;
        }
        var millis = quantity.endsWith("m") ? new BigDecimal(quantity.substring(0, quantity.length() - 1))
                : new BigDecimal(quantity).movePointRight(3);
        return millis.toBigInteger().compareTo(LONG_MAX) > 0 ? -1 : millis.longValueExact();
    }

    /** Bytes, or -1 when the text is no memory quantity or does not fit a long. */
    public static long memoryBytes(String quantity) {
        Matcher m = MEMORY_QUANTITY.matcher(quantity);
        if (!m.matches()) {
            return -1;
        }
        var bytes = new BigInteger(m.group(1)).multiply(BigInteger.valueOf(MEMORY_UNITS.get(m.group(2) == null ? ""
                : m.group(2))));
        return bytes.compareTo(LONG_MAX) > 0 ? -1 : bytes.longValueExact();
    }

    public static final Rule CPU = (value, problem) -> {
        String text = (String) value;
        if (!CPU_QUANTITY.matcher(text).matches()) {
            problem.accept(text, "is not a CPU quantity such as 250m, 0.5 or 2");
        } else if (cpuMillis(text) < 0) {
            problem.accept(text, "is too large: more than 2^63-1 millicores");
        } else if (cpuMillis(text) == 0) {
            problem.accept(text, "must be more than zero");
        }
    };

    public static final Rule MEMORY = (value, problem) -> {
        String text = (String) value;
        if (!MEMORY_QUANTITY.matcher(text).matches()) {
            problem.accept(text, "is not a memory quantity such as 256Mi or 1Gi (binary units Ki, Mi, Gi, Ti; 'm'"
                    + " means millibytes and is rejected)");
        } else if (memoryBytes(text) < 0) {
            problem.accept(text, "is too large: more than 2^63-1 bytes");
        } else if (memoryBytes(text) == 0) {
            problem.accept(text, "must be more than zero");
        }
    };

    /** Go's time.Duration holds at most 2^63-1 ns, about 2562047 hours. */
    static final long MAX_GO_DURATION_SECONDS = Long.MAX_VALUE / 1_000_000_000L;
    private static final Pattern DURATION_PART = Pattern.compile("([0-9]+)(s|m|h)");

    /** Seconds of a duration such as 1h30m; Long.MAX_VALUE when it overflows. */
    static long durationSeconds(String duration) {
        var total = BigInteger.ZERO;
        Matcher m = DURATION_PART.matcher(duration);
        while (m.find()) {
            long unit = switch (m.group(2)) {
                case "h" -> 3600;
                case "m" -> 60;
                default -> 1;
            };
            total = total.add(new BigInteger(m.group(1)).multiply(BigInteger.valueOf(unit)));
        }
        return total.compareTo(LONG_MAX) > 0 ? Long.MAX_VALUE : total.longValue();
    }

    /** robfig/cron ParseStandard, which Karpenter schedules budgets with: five fields, or a descriptor (the NodePool
     *  CRD pattern admits no @every). */
    private static final List<int[]> CRON_RANGES = List.of(new int[]{0, 59}, new int[]{0, 23}, new int[]{1, 31},
            new int[]{1, 12}, new int[]{0, 6});
    private static final List<List<String>> CRON_NAMES = List.of(List.of(), List.of(), List.of(),
            List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
            List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat"));
    private static final Set<String> CRON_DESCRIPTORS = Set.of("@yearly", "@annually", "@monthly", "@weekly",
            "@daily", "@midnight", "@hourly");

    static boolean validCron(String schedule) {
        if (CRON_DESCRIPTORS.contains(schedule)) {
            return true;
        }
        String[] fields = schedule.trim().split("\\s+");
        if (fields.length != 5) {
            return false;
        }
        for (int f = 0; f < 5; f++) {
            for (String item : fields[f].split(",", -1)) {
                var m = Pattern.compile("(\\*|\\?|([0-9a-zA-Z]+)(-([0-9a-zA-Z]+))?)(/([0-9]{1,2}))?").matcher(item);
                if (!m.matches() || m.group(6) != null && Integer.parseInt(m.group(6)) == 0) {
                    return false;
                }
                int low = m.group(2) == null ? CRON_RANGES.get(f)[0] : cronValue(m.group(2), f);
                int high = m.group(4) == null ? (m.group(2) == null ? CRON_RANGES.get(f)[1] : low)
                        : cronValue(m.group(4), f);
                if (low < 0 || high < 0 || low > high) {
                    return false;
                }
            }
        }
        return true;
    }

    private static int cronValue(String text, int field) {
        int named = CRON_NAMES.get(field).indexOf(text.toLowerCase());
        if (named >= 0) {
            return named + CRON_RANGES.get(field)[0];
        }
        if (!text.matches("[0-9]{1,2}")) {
            return -1;
        }
        int value = Integer.parseInt(text);
        return value < CRON_RANGES.get(field)[0] || value > CRON_RANGES.get(field)[1] ? -1 : value;
    }

    public static final Rule CRON = Rule.when(v -> validCron((String) v), "is not a cron schedule: five fields"
            + " (minute 0-59, hour 0-23, day 1-31, month 1-12 or jan-dec, weekday 0-6 or sun-sat) such as"
            + " '0 9 * * mon-fri', or @daily, @weekly, ...");

    private static final Pattern TAG_CHARS = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    private static final Set<String> RESERVED_TAGS = Set.of("project", "stack", "managed-by");

    public static final Rule TAGS = (value, problem) -> {
        var tags = (Map<?, ?>) value;
        if (tags.size() > ConfigKeys.MAX_TAGS) {
            problem.accept(tags.size() + " tags", "are too many: AWS allows 50 tags per resource and the program"
                    + " sets 3 (project, stack, managed-by); at most " + ConfigKeys.MAX_TAGS);
        }
        tags.forEach((k, v) -> {
            String key = String.valueOf(k);
            String text = String.valueOf(v);
            if (key.isEmpty() || key.length() > 128 || !TAG_CHARS.matcher(key).matches()
                    || key.toLowerCase().startsWith("aws:")) {
                problem.accept(key, "is not a valid tag key: 1-128 letters, digits, spaces or _.:/=+-@, not"
                        + " starting with aws:");
            }
            if (text.length() > 256 || !TAG_CHARS.matcher(text).matches()) {
                problem.accept(key + "=" + text, "has an invalid tag value: at most 256 letters, digits, spaces or"
                        + " _.:/=+-@");
            }
            if (RESERVED_TAGS.contains(key)) {
                problem.accept(key, "is set by the program itself; reserved keys: " + RESERVED_TAGS);
            }
        });
    };

    private static final Pattern GIT_URL = Pattern.compile("(https://|ssh://|git@)[^\\s]+");
    private static final Pattern USER_INFO = Pattern.compile("^(https://|ssh://)([^/@]*)@");

    /** A Git URL without credentials; the value is never echoed with its user info. */
    public static final Rule GIT_URL_RULE = (value, problem) -> {
        String url = (String) value;
        Matcher userInfo = USER_INFO.matcher(url);
        if (userInfo.find() && (url.startsWith("https://") || userInfo.group(2).contains(":"))) {
            problem.accept(userInfo.replaceFirst("$1***@"), "carries a credential in the URL, which would sit in"
                    + " the Argo CD Application in clear: give the URL without it and the credential to Argo CD as a"
                    + " Secret in its namespace labelled argocd.argoproj.io/secret-type=repository (docs/workload.md)");
        } else if (!GIT_URL.matcher(url).matches()) {
            problem.accept(url, "is not a Git URL (https://..., ssh://... or git@...)");
        }
    };
}
