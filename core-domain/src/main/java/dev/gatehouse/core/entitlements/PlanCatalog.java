package dev.gatehouse.core.entitlements;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The plans and features, as data: parsed from a {@code key = value} file (the
 * {@code java.util.Properties} line syntax without continuation lines: {@code #}/{@code !} comments,
 * blank lines; every key once). The bundled {@value #BUNDLED} is the default; a deployment points
 * {@code GATEHOUSE_PLANS_FILE} at its own. A broken file is an {@link InvalidCatalog} naming the
 * line and key, which stops the start.
 *
 * <pre>
 * feature.api_calls.type = counter          # gauge | counter | boolean
 * feature.api_calls.unit = calls            # default: count
 * feature.api_calls.period = month          # counters: none | day | week | month | year (default none)
 * feature.api_calls.description = Calls to your API
 * plan.pro.name = Pro
 * plan.pro.api_calls = 1000000 soft         # n [soft] [per period] | unlimited | true | false
 * </pre>
 *
 * The tiers are the built-in five ({@link #TIERS}); each needs {@code plan.<tier>.name}. A feature a
 * tier does not list is not in that plan. The product's own features must be defined with their
 * types: {@code members}, {@code projects}, {@code api_keys}, {@code webhooks}, {@code storage}
 * (gauges) and {@code api_calls} (a counter).
 */
public final class PlanCatalog {
    public static final String BUNDLED = "gatehouse-plans.properties";
    public static final List<String> TIERS = List.of("free", "starter", "pro", "agency", "enterprise");
    private static final Map<String, FeatureType> PRODUCT_FEATURES = productFeatures();

    /** A plans file that cannot be used, with where and why. */
    public static final class InvalidCatalog extends IllegalArgumentException {
        public InvalidCatalog(String message) {
            super(message);
        }
    }

    private final Map<String, Feature> features;
    private final Map<String, Plan> plans;

    private PlanCatalog(Map<String, Feature> features, Map<String, Plan> plans) {
        this.features = Collections.unmodifiableMap(features);
        this.plans = Collections.unmodifiableMap(plans);
    }

    /** Features in file order. */
    public Map<String, Feature> features() {
        return features;
    }

    /** Plans in tier order. */
    public List<Plan> plans() {
        return List.copyOf(plans.values());
    }

    public Optional<Feature> feature(String key) {
        return Optional.ofNullable(key == null ? null : features.get(key));
    }

    public Optional<Plan> plan(String tier) {
        return Optional.ofNullable(tier == null ? null : plans.get(tier.toLowerCase(Locale.ROOT)));
    }

    /** The catalog shipped in core-domain. */
    public static PlanCatalog bundled() {
        try (InputStream in = PlanCatalog.class.getResourceAsStream("/" + BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED + " is missing from the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), BUNDLED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A catalog file; unreadable or invalid is an {@link InvalidCatalog}. */
    public static PlanCatalog load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidCatalog("plans file " + file + " cannot be read: " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /** The bundled catalog, or the file when a path is given. */
    public static PlanCatalog fromPathOrBundled(String path) {
        return path == null || path.isBlank() ? bundled() : load(Path.of(path.strip()));
    }

    private record Line(int number, String key, String value) {
    }

    public static PlanCatalog parse(String text, String source) {
        Map<String, Line> entries = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i].strip();
            if (raw.isEmpty() || raw.startsWith("#") || raw.startsWith("!")) {
                continue;
            }
            int sep = separator(raw);
            if (sep < 0) {
                throw new InvalidCatalog(where(source, i + 1, raw) + "expected 'key = value'");
            }
            String key = raw.substring(0, sep).strip();
            String value = stripComment(raw.substring(sep + 1)).strip();
            Line line = new Line(i + 1, key, value);
            Line before = entries.putIfAbsent(key, line);
            if (before != null) {
                throw new InvalidCatalog(where(source, i + 1, key) + "given twice (first on line " + before.number() + ")");
            }
        }
        Map<String, Feature> features = features(entries, source);
        Map<String, Plan> plans = plans(entries, features, source);
        requireProductFeatures(features, source);
        for (Line l : entries.values()) {
            if (!l.key().startsWith("feature.") && !l.key().startsWith("plan.")) {
                throw new InvalidCatalog(where(source, l.number(), l.key()) + "unknown key (keys start with feature. or plan.)");
            }
        }
        return new PlanCatalog(features, plans);
    }

    private static Map<String, Feature> features(Map<String, Line> entries, String source) {
        Map<String, Map<String, Line>> byFeature = new LinkedHashMap<>();
        for (Line l : entries.values()) {
            if (!l.key().startsWith("feature.")) {
                continue;
            }
            String[] parts = l.key().split("\\.", -1);
            if (parts.length != 3 || !List.of("type", "unit", "period", "description").contains(parts[2])) {
                throw new InvalidCatalog(where(source, l.number(), l.key())
                        + "expected feature.<key>.type, .unit, .period or .description");
            }
            if (!Feature.KEY.matcher(parts[1]).matches()) {
                throw new InvalidCatalog(where(source, l.number(), l.key())
                        + "a feature key is lower case letters, digits and _ (starting with a letter, at most 63)");
            }
            byFeature.computeIfAbsent(parts[1], k -> new HashMap<>()).put(parts[2], l);
        }
        Map<String, Feature> out = new LinkedHashMap<>();
        byFeature.forEach((key, props) -> {
            Line typeLine = props.get("type");
            Line any = props.values().iterator().next();
            if (typeLine == null) {
                throw new InvalidCatalog(where(source, any.number(), "feature." + key + ".type") + "is missing");
            }
            FeatureType type = FeatureType.parse(typeLine.value()).orElseThrow(() -> new InvalidCatalog(
                    where(source, typeLine.number(), typeLine.key()) + "must be gauge, counter or boolean, not '" + typeLine.value() + "'"));
            Period period = Period.NONE;
            Line periodLine = props.get("period");
            if (periodLine != null) {
                period = Period.parse(periodLine.value()).orElseThrow(() -> new InvalidCatalog(
                        where(source, periodLine.number(), periodLine.key()) + "must be one of " + Period.choices()));
                if (type != FeatureType.COUNTER && period != Period.NONE) {
                    throw new InvalidCatalog(where(source, periodLine.number(), periodLine.key())
                            + "only counters reset; a " + type.wire() + " has period none");
                }
            }
            String unit = props.containsKey("unit") ? props.get("unit").value() : "count";
            if (unit.isEmpty()) {
                throw new InvalidCatalog(where(source, props.get("unit").number(), props.get("unit").key()) + "must not be empty");
            }
            String description = props.containsKey("description") ? props.get("description").value() : "";
            out.put(key, new Feature(key, type, unit, period, description));
        });
        return out;
    }

    private static void requireProductFeatures(Map<String, Feature> out, String source) {
        PRODUCT_FEATURES.forEach((key, type) -> {
            Feature f = out.get(key);
            if (f == null || f.type() != type) {
                throw new InvalidCatalog(source + ": feature." + key + ".type: the product's own feature must be defined as a "
                        + type.wire());
            }
        });
    }

    private static Map<String, Plan> plans(Map<String, Line> entries, Map<String, Feature> features, String source) {
        Map<String, String> names = new HashMap<>();
        Map<String, Map<String, Allowance>> allowances = new HashMap<>();
        for (Line l : entries.values()) {
            if (!l.key().startsWith("plan.")) {
                continue;
            }
            String[] parts = l.key().split("\\.", -1);
            if (parts.length != 3) {
                throw new InvalidCatalog(where(source, l.number(), l.key()) + "expected plan.<tier>.name or plan.<tier>.<feature>");
            }
            String tier = parts[1];
            if (!TIERS.contains(tier)) {
                throw new InvalidCatalog(where(source, l.number(), l.key()) + "unknown tier '" + tier + "' (tiers are "
                        + String.join(", ", TIERS) + ")");
            }
            if (parts[2].equals("name")) {
                if (l.value().isEmpty()) {
                    throw new InvalidCatalog(where(source, l.number(), l.key()) + "must not be empty");
                }
                names.put(tier, l.value());
                continue;
            }
            Feature feature = features.get(parts[2]);
            if (feature == null) {
                throw new InvalidCatalog(where(source, l.number(), l.key()) + "unknown feature '" + parts[2]
                        + "' (define feature." + parts[2] + ".type first)");
            }
            allowances.computeIfAbsent(tier, t -> new LinkedHashMap<>())
                    .put(feature.key(), allowance(feature, l.value(), s -> new InvalidCatalog(where(source, l.number(), l.key()) + s)));
        }
        Map<String, Plan> out = new LinkedHashMap<>();
        for (String tier : TIERS) {
            if (!names.containsKey(tier)) {
                throw new InvalidCatalog(source + ": plan." + tier + ".name: is missing (every tier needs a name)");
            }
            Map<String, Allowance> ordered = new LinkedHashMap<>();
            Map<String, Allowance> given = allowances.getOrDefault(tier, Map.of());
            features.keySet().stream().filter(given::containsKey).forEach(k -> ordered.put(k, given.get(k)));
            out.put(tier, new Plan(tier, names.get(tier), ordered));
        }
        return out;
    }

    /**
     * An allowance in the file's value syntax: {@code n [soft] [per period]}, {@code unlimited},
     * {@code true} or {@code false}.
     */
    static Allowance allowance(Feature feature, String value, java.util.function.Function<String, InvalidCatalog> error) {
        String[] tokens = value.toLowerCase(Locale.ROOT).split("\\s+");
        if (feature.type() == FeatureType.BOOLEAN) {
            if (tokens.length == 1 && (tokens[0].equals("true") || tokens[0].equals("false"))) {
                return new Allowance(tokens[0].equals("true"), null, Period.NONE, false);
            }
            throw error.apply("a boolean feature is true or false, not '" + value + "'");
        }
        if (tokens.length == 1 && tokens[0].equals("unlimited")) {
            return new Allowance(true, null, feature.period(), false);
        }
        long limit;
        try {
            limit = Long.parseLong(tokens[0].replace("_", ""));
        } catch (NumberFormatException e) {
            throw error.apply("expected a limit (a whole number), 'unlimited', then optionally 'soft' and 'per <period>'; got '"
                    + value + "'");
        }
        if (limit < 0) {
            throw error.apply("a limit must not be negative");
        }
        boolean soft = false;
        Period period = feature.period();
        int i = 1;
        if (i < tokens.length && tokens[i].equals("soft")) {
            soft = true;
            i++;
        }
        if (i < tokens.length && tokens[i].equals("per")) {
            if (i + 1 >= tokens.length) {
                throw error.apply("'per' needs a period: " + Period.choices());
            }
            String p = tokens[i + 1];
            period = Period.parse(p).orElseThrow(() -> error.apply("unknown period '" + p + "' (" + Period.choices() + ")"));
            if (feature.type() != FeatureType.COUNTER && period != Period.NONE) {
                throw error.apply("only counters reset; " + feature.key() + " is a " + feature.type().wire());
            }
            i += 2;
        }
        if (i != tokens.length) {
            throw error.apply("unexpected '" + tokens[i] + "' in '" + value + "'");
        }
        return new Allowance(true, limit, period, soft);
    }

    private static int separator(String line) {
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        return colon < 0 ? eq : Math.min(eq, colon);
    }

    private static String stripComment(String value) {
        int hash = value.indexOf(" #");
        return hash < 0 ? value : value.substring(0, hash);
    }

    private static String where(String source, int line, String key) {
        return "plans file " + source + " line " + line + " (" + key + "): ";
    }

    private static Map<String, FeatureType> productFeatures() {
        Map<String, FeatureType> m = new LinkedHashMap<>();
        m.put(Feature.MEMBERS, FeatureType.GAUGE);
        m.put(Feature.PROJECTS, FeatureType.GAUGE);
        m.put(Feature.API_KEYS, FeatureType.GAUGE);
        m.put(Feature.WEBHOOKS, FeatureType.GAUGE);
        m.put(Feature.API_CALLS, FeatureType.COUNTER);
        m.put(Feature.STORAGE, FeatureType.GAUGE);
        return Collections.unmodifiableMap(m);
    }
}
