package com.acme.platform.eks.config;

import com.acme.platform.eks.config.ConfigKey.Rule;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.*;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.acme.platform.eks.config.ConfigKey.Rule.each;
import static com.acme.platform.eks.config.ConfigKey.Rule.when;
import static com.acme.platform.eks.config.ConfigKeys.DNS_LABEL;
import static com.acme.platform.eks.config.ConfigKeys.Facts.*;

/** Value formats that take more than a pattern, each with the message of what is allowed. */
public enum Formats implements Rule {
    NONE(Rule.NONE),
    REGION(when(v -> REGIONS_BY_PARTITION.values().stream().anyMatch(r -> r.contains(v)), "is not an AWS region of"
            + " the aws, aws-cn or aws-us-gov partition, such as eu-west-1")),
    CIDR(each(when(v -> Ipv4Cidr.parse((String) v).isPresent(), "is not a canonical IPv4 CIDR (a.b.c.d/n, n <= 32,"
            + " no host bits)"))),
    VPC_CIDR(CIDR.rule.and((v, problem) -> Ipv4Cidr.parse((String) v).filter(c -> c.prefixLength() < 16
            || c.prefixLength() > 24).ifPresent(c -> problem.accept(v, "has prefix /" + c.prefixLength() + "; allowed"
            + " /16 to /24 (AWS allows no larger VPC, and smaller leaves no room for pods)")))),
    RUNNER_CIDRS(CIDR.rule.and(each(when(v -> !((String) v).endsWith("/0"), "admits the whole internet; list the"
            + " runners' CIDRs only")))),
    LOG_RETENTION(when(LOG_RETENTION_DAYS::contains, "is not a CloudWatch Logs retention; allowed: "
            + new TreeSet<>(LOG_RETENTION_DAYS))),
    KUBERNETES_VERSION((v, problem) -> {
        if (!KUBERNETES_VERSIONS.contains(v)) {
            problem.accept(v, ((String) v).matches("1\\.([0-9]|[12][0-9]|3[0-2])") ? "is older than 1.33, the oldest"
                    + " version in EKS standard support" : ((String) v).matches("1\\.(3[7-9]|[4-9][0-9])") ? "is newer"
                    + " than 1.36, the newest version Karpenter 1.14 supports" : "must be one of " + KUBERNETES_VERSIONS
                    + " (the minor versions EKS and Karpenter 1.14 support)");
        }
    }),
    QUEUE_NAME(when(v -> ((String) v).length() <= 80 || ((String) v).length() > 100, "is longer than 80 characters,"
            + " the longest SQS queue name (Karpenter's interruption queue is named after the cluster)")),
    CONTROL_PLANE_LOGS(each(when(LOG_TYPES::contains, "is not a control-plane log type; allowed: " + LOG_TYPES))
            .and(when(v -> ((List<?>) v).containsAll(REQUIRED_LOG_TYPES), "must include " + REQUIRED_LOG_TYPES))),
    ADDON_VERSIONS((value, problem) -> ((Map<?, ?>) value).forEach((addon, version) -> {
        if (!ADDONS.contains(addon)) {
            problem.accept(addon, "is not a managed add-on of this platform; allowed: " + ADDONS);
        }
        if (!String.valueOf(version).matches("v\\d+\\.\\d+\\.\\d+-eksbuild\\.\\d+")) {
            problem.accept(addon + "=" + version, "is not an EKS add-on version such as v1.19.5-eksbuild.1");
        }
    })),
    AMI_ALIAS(when(v -> !((String) v).endsWith("@latest"), "must pin an AMI release: with @latest every new AMI AWS"
            + " publishes drifts and replaces all Karpenter nodes").and(when(v -> ((String) v).endsWith("@latest")
            || ((String) v).matches("al2023@v20[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])"), "must be"
            + " al2023@v<YYYYMMDD>, an EKS AMI release"))),
    CAPACITY_TYPES(Rule.subset(List.of("spot", "on-demand"), Map.of("reserved", "is not supported: the EC2NodeClass"
            + " has no capacityReservationSelectorTerms, so Karpenter finds no reservation and a pool limited to"
            + " reserved capacity launches nothing"))),
    ARCHITECTURES(Rule.subset(List.of("amd64", "arm64"), Map.of())),
    DURATION_OR_NEVER(duration(true, false, Formats.NOT_A_DURATION)),
    POSITIVE_DURATION_OR_NEVER(duration(true, true, Formats.NOT_A_DURATION + "; 0s would expire every node at once")),
    DURATION(duration(false, false, "must be a duration in whole hours, minutes and seconds such as 48h or 1h30m"
            + " (Never is not allowed: leave it unset)")),
    CRON(when(v -> validCron((String) v), "is not a cron schedule: five fields (minute 0-59, hour 0-23, day 1-31,"
            + " month 1-12 or jan-dec, weekday 0-6 or sun-sat) such as '0 9 * * mon-fri', or @daily, @weekly, ...")),
    DNS_NAME(when(v -> isDnsName((String) v), "is not a valid DNS name: at least two dot-separated labels of 1-63"
            + " lower-case letters, digits or '-' (not starting or ending with '-'), at most 253 characters in all")),
    CERTIFICATE_NAMES(each(when(v -> isDnsName(((String) v).replaceFirst("^\\*\\.", "")), "is not a valid DNS name"
            + " (optionally starting with *.)")).and(when(v -> Set.copyOf((List<?>) v).size() == ((List<?>) v).size(),
            "lists a name twice"))),
    CPU(quantity(true, "is not a CPU quantity such as 250m, 0.5 or 2")),
    MEMORY(quantity(false, "is not a memory quantity such as 256Mi or 1Gi (binary units Ki, Mi, Gi, Ti; 'm' means"
            + " millibytes and is rejected)")),
    USER_NAMESPACE(when(v -> !((String) v).startsWith("kube-") && !v.equals("default"), "is a system namespace; the"
            + " app gets its own")),
    IMAGE_TAG(when(v -> !((String) v).equalsIgnoreCase("latest"), "is not a version: 'latest' changes under the same"
            + " name; pin a version tag and appImageDigest").and(when(v -> ((String) v).equalsIgnoreCase("latest")
            || ((String) v).matches("\\w[\\w.-]{0,127}"), "is not an image tag (letters, digits, '_', '.', '-', at"
            + " most 128)"))),
    ENV_NAMES((value, problem) -> ((Map<?, ?>) value).keySet().stream().filter(name -> !String.valueOf(name)
            .matches("[A-Za-z_][A-Za-z0-9_]*")).forEach(name -> problem.accept(name, "is not an environment variable"
            + " name ([A-Za-z_][A-Za-z0-9_]*)"))),
    TAGS(Formats::tags),
    GIT_URL(Formats::gitUrl),
    REPOSITORY(Formats::repository),
    DELEGATIONS((value, problem) -> ((Map<?, ?>) value).forEach((subdomain, servers) -> {
        var names = List.of(String.valueOf(servers).split(","));
        if (!isDnsName(String.valueOf(subdomain))) {
            problem.accept(subdomain, "is not a valid DNS name");
        }
        if (names.size() < 2 || names.size() > 8 || !names.stream().allMatch(ns -> isDnsName(ns.trim()
                .replaceFirst("\\.$", "")))) {
            problem.accept(subdomain, "must map to 2 to 8 comma-separated name servers, e.g. the"
                    + " publicZoneNameServers output of the subdomain's bootstrap stack");
        }
    }));

    private final Rule rule;

    Formats(Rule rule) {
        this.rule = rule;
    }

    @Override
    public void check(Object value, BiConsumer<Object, String> problem) {
        rule.check(value, problem);
    }

    private static final String NOT_A_DURATION = "must be a duration in whole hours, minutes and seconds (30s, 5m,"
            + " 720h, 1h30m) or Never";
    private static final Pattern CPU_QUANTITY = Pattern.compile("(\\d+)m|\\d+(\\.\\d{1,3})?");
    private static final Pattern MEMORY_QUANTITY = Pattern.compile("(\\d+)(Ki|Mi|Gi|Ti|k|M|G|T)?");
    private static final Map<String, Long> MEMORY_UNITS = Map.of("", 1L, "k", 1000L, "M", 1000_000L,
            "G", 1000_000_000L, "T", 1000_000_000_000L, "Ki", 1L << 10, "Mi", 1L << 20, "Gi", 1L << 30, "Ti", 1L << 40);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    /** Go's time.Duration holds at most 2^63-1 ns, about 2562047 hours. */
    static final long MAX_GO_DURATION_SECONDS = Long.MAX_VALUE / 1_000_000_000L;

    static boolean isDnsName(String name) {
        return name.length() <= 253 && name.matches("(" + DNS_LABEL + "\\.)+" + DNS_LABEL);
    }

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
        var bytes = m.matches() ? new BigInteger(m.group(1)).multiply(BigInteger.valueOf(MEMORY_UNITS.get(
                m.group(2) == null ? "" : m.group(2)))) : LONG_MAX.add(BigInteger.ONE);
        return bytes.compareTo(LONG_MAX) > 0 ? -1 : bytes.longValueExact();
    }

    private static Rule quantity(boolean cpu, String notOne) {
        return (value, problem) -> {
            String text = (String) value;
            long amount = cpu ? cpuMillis(text) : memoryBytes(text);
            if (!(cpu ? CPU_QUANTITY : MEMORY_QUANTITY).matcher(text).matches()) {
                problem.accept(text, notOne);
            } else if (amount <= 0) {
                problem.accept(text, amount < 0 ? "is too large: more than 2^63-1 " + (cpu ? "millicores" : "bytes")
                        : "must be more than zero");
            }
        };
    }

    /** Seconds of a duration such as 1h30m; Long.MAX_VALUE when it overflows. */
    static long durationSeconds(String duration) {
        var total = BigInteger.ZERO;
        Matcher m = Pattern.compile("([0-9]+)(s|m|h)").matcher(duration);
        while (m.find()) {
            total = total.add(new BigInteger(m.group(1)).multiply(BigInteger.valueOf(m.group(2).equals("h") ? 3600
                    : m.group(2).equals("m") ? 60 : 1)));
        }
        return total.compareTo(LONG_MAX) > 0 ? Long.MAX_VALUE : total.longValue();
    }

    private static Rule duration(boolean never, boolean positive, String what) {
        return when(v -> never && v.equals("Never") || ((String) v).matches("([0-9]+(s|m|h))+")
                && durationSeconds((String) v) <= MAX_GO_DURATION_SECONDS
                && (!positive || durationSeconds((String) v) > 0), what);
    }

    /** robfig/cron ParseStandard (Karpenter's budgets): five fields or a descriptor, no @every (NodePool CRD). */
    private static final int[][] CRON_RANGES = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 6}};
    private static final List<List<String>> CRON_NAMES = List.of(List.of(), List.of(), List.of(),
            List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
            List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat"));
    private static final Pattern CRON_ITEM = Pattern.compile(
            "(\\*|\\?|([0-9a-zA-Z]+)(-([0-9a-zA-Z]+))?)(/([0-9]{1,2}))?");

    static boolean validCron(String schedule) {
        if (Set.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly").contains(schedule)) {
            return true;
        }
        String[] fields = schedule.trim().split("\\s+");
        for (int f = 0; f < 5 && fields.length == 5; f++) {
            for (String item : fields[f].split(",", -1)) {
                var m = CRON_ITEM.matcher(item);
                if (!m.matches() || m.group(6) != null && Integer.parseInt(m.group(6)) == 0) {
                    return false;
                }
                int low = m.group(2) == null ? CRON_RANGES[f][0] : cronValue(m.group(2), f);
                int high = m.group(4) == null ? (m.group(2) == null ? CRON_RANGES[f][1] : low) : cronValue(m.group(4), f);
                if (low < 0 || high < 0 || low > high) {
                    return false;
                }
            }
        }
        return fields.length == 5;
    }

    private static int cronValue(String text, int field) {
        int named = CRON_NAMES.get(field).indexOf(text.toLowerCase());
        int value = named >= 0 ? named + CRON_RANGES[field][0] : text.matches("[0-9]{1,2}") ? Integer.parseInt(text) : -1;
        return value < CRON_RANGES[field][0] || value > CRON_RANGES[field][1] ? -1 : value;
    }

    private static final Pattern TAG_CHARS = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    private static void tags(Object value, BiConsumer<Object, String> problem) {
        var tags = (Map<?, ?>) value;
        if (tags.size() > MAX_TAGS) {
            problem.accept(tags.size() + " tags", "are too many: AWS allows 50 tags per resource and the program"
                    + " sets 3 (project, stack, managed-by); at most " + MAX_TAGS);
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
            if (Set.of("project", "stack", "managed-by").contains(key)) {
                problem.accept(key, "is set by the program itself; reserved keys: [project, stack, managed-by]");
            }
        });
    }

    /** A Git URL without credentials; the value is never echoed with its user info. */
    private static void gitUrl(Object value, BiConsumer<Object, String> problem) {
        String url = (String) value;
        Matcher userInfo = Pattern.compile("^(https://|ssh://)([^/@]*)@").matcher(url);
        if (userInfo.find() && (url.startsWith("https://") || userInfo.group(2).contains(":"))) {
            problem.accept(userInfo.replaceFirst("$1***@"), "carries a credential in the URL, which would sit in"
                    + " the Argo CD Application in clear: give the URL without it and the credential to Argo CD as a"
                    + " Secret in its namespace labelled argocd.argoproj.io/secret-type=repository (docs/workload.md)");
        } else if (!url.matches("(https://|ssh://|git@)[^\\s]+")) {
            problem.accept(url, "is not a Git URL (https://..., ssh://... or git@...)");
        }
    }

    /** GitHub: owners are 1-39 letters, digits or single inner hyphens; repositories 1-100 of [A-Za-z0-9._-]. */
    private static void repository(Object value, BiConsumer<Object, String> problem) {
        String[] parts = ((String) value).split("/", -1);
        if (parts.length != 2) {
            problem.accept(value, "must be owner/repo (exactly one '/'), e.g. acme/eks-platform");
            return;
        }
        if (parts[0].length() > 39 || !parts[0].matches("[A-Za-z0-9](-?[A-Za-z0-9])*")) {
            problem.accept(value, "has an invalid owner '" + parts[0] + "': GitHub user and organization names"
                    + " are 1-39 letters, digits or single hyphens, not starting or ending with a hyphen");
        }
        if (!parts[1].matches("[A-Za-z0-9._-]{1,100}") || parts[1].equals(".") || parts[1].equals("..")) {
            problem.accept(value, "has an invalid repository name '" + parts[1] + "': 1-100 letters, digits,"
                    + " '.', '_' or '-', not '.' or '..'");
        }
    }
}
