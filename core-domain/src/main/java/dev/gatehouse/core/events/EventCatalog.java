package dev.gatehouse.core.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every event type the product can deliver, derived from the sealed {@link Event} family: each leaf
 * record gives its {@link EventSpec} (type and description), {@link Examples} one example of it, written by
 * {@link EventCodec} like a delivered event. Adding a record to the family adds it here; there is no
 * second list to forget.
 */
public final class EventCatalog {
    /** One entry: the wire type, a description, the record class and an example of it. */
    public record Entry(String type, String description, Class<? extends Event> recordClass, Event example) {
        public Map<String, Object> exampleData() {
            return EventCodec.data((Record) example);
        }
    }

    private static final List<Entry> ALL = build();

    private EventCatalog() {
    }

    public static List<Entry> all() {
        return ALL;
    }

    /** The leaf records of the family, in declaration order. */
    public static List<Class<? extends Event>> recordClasses() {
        List<Class<? extends Event>> out = new ArrayList<>();
        collect(Event.class, out);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void collect(Class<?> type, List<Class<? extends Event>> out) {
        if (type.isRecord()) {
            out.add((Class<? extends Event>) type);
            return;
        }
        for (Class<?> sub : type.getPermittedSubclasses()) {
            collect(sub, out);
        }
    }

    private static List<Entry> build() {
        List<Entry> out = new ArrayList<>();
        for (Class<? extends Event> c : recordClasses()) {
            EventSpec spec = c.getAnnotation(EventSpec.class);
            if (spec == null) {
                throw new IllegalStateException(c.getName() + " has no @EventSpec");
            }
            out.add(new Entry(spec.type(), spec.description(), c, example(c)));
        }
        return List.copyOf(out);
    }

    private static Event example(Class<? extends Event> c) {
        return Examples.of(c).orElseThrow(() -> new IllegalStateException(c.getName() + " has no example in Examples"));
    }
}
