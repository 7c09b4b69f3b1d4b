package dev.gatehouse.core.events;

import dev.gatehouse.core.shared.EntityId;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one serializer of domain events: it writes the {@code data} of the outbox (and so of every
 * webhook body) and the audit summary of the same change. A record becomes a JSON-shaped map of its
 * components in declaration order: names in snake_case ({@code grantExpiresAt} → {@code grant_expires_at}),
 * ids as their text, instants in ISO-8601, durations in minutes, lists element by element; a null
 * component is left out unless marked {@link EventSpec.KeepNull}; a component that is itself a record
 * (a shared part such as an access request's facts) is written inline, and a record with a map component
 * named {@code payload} (a feature whose events are not typed field by field yet) is written as exactly
 * that map.
 */
public final class EventCodec {
    private EventCodec() {
    }

    /** The wire type of a record of the family. */
    public static String type(Class<?> eventClass) {
        EventSpec spec = eventClass.getAnnotation(EventSpec.class);
        if (spec == null) {
            throw new IllegalStateException(eventClass.getName() + " has no @EventSpec");
        }
        return spec.type();
    }

    /** The JSON-shaped data of a record (an event, or a part of one such as a vote). */
    public static Map<String, Object> data(Record r) {
        Map<String, Object> out = new LinkedHashMap<>();
        write(out, r);
        return out;
    }

    private static void write(Map<String, Object> out, Record r) {
        RecordComponent[] components = r.getClass().getRecordComponents();
        for (RecordComponent c : components) {
            if (c.getName().equals("payload") && Map.class.isAssignableFrom(c.getType())) {
                ((Map<?, ?>) read(c, r)).forEach((k, x) -> out.put((String) k, x));
                return; // a prebuilt payload is the whole data
            }
        }
        for (RecordComponent c : components) {
            Object v = read(c, r);
            if (v == null) {
                if (c.isAnnotationPresent(EventSpec.KeepNull.class)) {
                    out.put(snake(c.getName()), null);
                }
            } else if (v instanceof Record nested && !(v instanceof Event) && !(v instanceof EntityId)) {
                write(out, nested);
            } else {
                out.put(snake(c.getName()), value(v));
            }
        }
    }

    private static Object read(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass().getName(), e);
        }
    }

    private static Object value(Object v) {
        if (v instanceof EntityId id) {
            return id.text();
        }
        if (v instanceof Instant i) {
            return i.toString();
        }
        if (v instanceof Duration d) {
            return d.toMinutes();
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            c.forEach(x -> out.add(x == null ? null : value(x)));
            return out;
        }
        if (v instanceof Record r) {
            return data(r);
        }
        return v;
    }

    static String snake(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (char ch : camel.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                out.append('_').append(Character.toLowerCase(ch));
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    /** A prebuilt payload as an event keeps it: an unmodifiable copy that keeps order and null values. */
    public static Map<String, Object> copy(Map<String, Object> payload) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(payload, "payload")));
    }
}
