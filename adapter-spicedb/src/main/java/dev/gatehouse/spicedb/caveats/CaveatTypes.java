package dev.gatehouse.spicedb.caveats;

import com.google.common.primitives.UnsignedLong;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.CelByteString;
import dev.cel.common.values.NullValue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** SpiceDB's caveat parameter types: their CEL types and how a JSON context value becomes one. */
final class CaveatTypes {
    private CaveatTypes() {
    }

    /** A parameter type and its conversion from a JSON value (throws {@link IllegalArgumentException}). */
    interface ParamType {
        CelType celType();

        Object convert(Object json);
    }

    private record Simple(String name, CelType celType, java.util.function.Function<Object, Object> converter)
            implements ParamType {
        @Override
        public Object convert(Object json) {
            if (json == null) {
                throw new IllegalArgumentException("expected a " + name + ", found null");
            }
            return converter.apply(json);
        }
    }

    private record ListOf(ParamType element) implements ParamType {
        @Override
        public CelType celType() {
            return ListType.create(element.celType());
        }

        @Override
        public Object convert(Object json) {
            if (!(json instanceof List<?> list)) {
                throw new IllegalArgumentException("expected a list, found " + describe(json));
            }
            List<Object> out = new ArrayList<>();
            for (Object o : list) {
                out.add(element.convert(o));
            }
            return out;
        }
    }

    private record MapOf(ParamType value) implements ParamType {
        @Override
        public CelType celType() {
            return MapType.create(SimpleType.STRING, value.celType());
        }

        @Override
        public Object convert(Object json) {
            if (!(json instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("expected a map, found " + describe(json));
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (var e : map.entrySet()) {
                out.put(String.valueOf(e.getKey()), value.convert(e.getValue()));
            }
            return out;
        }
    }

    /** {@code int}, {@code list<string>}, {@code map<any>}, … as the schema parser gives them (no spaces). */
    static ParamType parse(String text) {
        int lt = text.indexOf('<');
        String base = lt < 0 ? text : text.substring(0, lt);
        List<String> generics = new ArrayList<>();
        if (lt >= 0) {
            if (!text.endsWith(">")) {
                throw new IllegalArgumentException("unbalanced generic type");
            }
            int depth = 0;
            int start = lt + 1;
            for (int i = lt + 1; i < text.length() - 1; i++) {
                char c = text.charAt(i);
                if (c == '<') {
                    depth++;
                } else if (c == '>') {
                    depth--;
                } else if (c == ',' && depth == 0) {
                    generics.add(text.substring(start, i));
                    start = i + 1;
                }
            }
            generics.add(text.substring(start, text.length() - 1));
        }
        switch (base) {
            case "list":
                requireGenerics(base, generics, 1);
                return new ListOf(parse(generics.get(0)));
            case "map":
                requireGenerics(base, generics, 1);
                return new MapOf(parse(generics.get(0)));
            default:
                requireGenerics(base, generics, 0);
                return simple(base);
        }
    }

    private static void requireGenerics(String base, List<String> generics, int count) {
        if (generics.size() != count) {
            throw new IllegalArgumentException("type `" + base + "` takes " + count + " type argument(s), found "
                    + generics.size());
        }
    }

    private static ParamType simple(String name) {
        return switch (name) {
            case "int" -> new Simple(name, SimpleType.INT, CaveatTypes::toLong);
            case "uint" -> new Simple(name, SimpleType.UINT, v -> {
                long l = toLong(v);
                if (l < 0) {
                    throw new IllegalArgumentException("expected a uint, found " + v);
                }
                return UnsignedLong.valueOf(l);
            });
            case "double" -> new Simple(name, SimpleType.DOUBLE, v -> {
                if (v instanceof Number n) {
                    return n.doubleValue();
                }
                throw new IllegalArgumentException("expected a double, found " + describe(v));
            });
            case "bool" -> new Simple(name, SimpleType.BOOL, v -> {
                if (v instanceof Boolean b) {
                    return b;
                }
                throw new IllegalArgumentException("expected a bool, found " + describe(v));
            });
            case "string" -> new Simple(name, SimpleType.STRING, v -> {
                if (v instanceof String s) {
                    return s;
                }
                throw new IllegalArgumentException("expected a string, found " + describe(v));
            });
            case "bytes" -> new Simple(name, SimpleType.BYTES, v -> {
                if (v instanceof String s) {
                    return CelByteString.of(s.getBytes(StandardCharsets.UTF_8));
                }
                throw new IllegalArgumentException("expected bytes as a string, found " + describe(v));
            });
            case "duration" -> new Simple(name, SimpleType.DURATION, v -> {
                if (v instanceof String s) {
                    return goDuration(s);
                }
                throw new IllegalArgumentException("expected a duration string such as \"1h30m\", found " + describe(v));
            });
            case "timestamp" -> new Simple(name, SimpleType.TIMESTAMP, v -> {
                if (v instanceof String s) {
                    try {
                        return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException("expected an RFC 3339 timestamp, found \"" + s + "\"");
                    }
                }
                throw new IllegalArgumentException("expected an RFC 3339 timestamp string, found " + describe(v));
            });
            case "ipaddress" -> new Simple(name, CelCaveatEvaluator.IPADDRESS, v -> {
                if (v instanceof String s) {
                    return IpAddress.parse(s);
                }
                throw new IllegalArgumentException("expected an IP address string, found " + describe(v));
            });
            case "any" -> new ParamType() {
                @Override
                public CelType celType() {
                    return SimpleType.DYN;
                }

                @Override
                public Object convert(Object json) {
                    return any(json);
                }
            };
            default -> throw new IllegalArgumentException("unknown type `" + name + "`");
        };
    }

    private static Object any(Object json) {
        if (json == null) {
            return NullValue.NULL_VALUE;
        }
        if (json instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(o -> out.add(any(o)));
            return out;
        }
        if (json instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), any(v)));
            return out;
        }
        return json;
    }

    private static long toLong(Object v) {
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Number n) {
            BigDecimal d = new BigDecimal(n.toString());
            try {
                return d.longValueExact();
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("expected an integer, found " + v);
            }
        }
        throw new IllegalArgumentException("expected an integer, found " + describe(v));
    }

    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");

    /** Go's {@code time.ParseDuration}: {@code 300ms}, {@code -1.5h}, {@code 2h45m}. */
    static Duration goDuration(String s) {
        String text = s;
        boolean negative = false;
        if (text.startsWith("-") || text.startsWith("+")) {
            negative = text.startsWith("-");
            text = text.substring(1);
        }
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = DURATION_PART.matcher(text);
        int pos = 0;
        BigDecimal nanos = BigDecimal.ZERO;
        while (pos < text.length()) {
            if (!m.find(pos) || m.start() != pos) {
                throw new IllegalArgumentException("invalid duration \"" + s + "\"");
            }
            BigDecimal value = new BigDecimal(m.group(1).startsWith(".") ? "0" + m.group(1) : m.group(1));
            long unit = switch (m.group(2)) {
                case "ns" -> 1L;
                case "us", "µs", "μs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            nanos = nanos.add(value.multiply(BigDecimal.valueOf(unit)));
            pos = m.end();
        }
        if (pos == 0) {
            throw new IllegalArgumentException("invalid duration \"" + s + "\"");
        }
        Duration d = Duration.ofNanos(nanos.longValue());
        return negative ? d.negated() : d;
    }

    private static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String) {
            return "a string";
        }
        if (v instanceof Boolean) {
            return "a bool";
        }
        if (v instanceof Number) {
            return "a number";
        }
        if (v instanceof List) {
            return "a list";
        }
        if (v instanceof Map) {
            return "a map";
        }
        return v.getClass().getSimpleName();
    }

}
