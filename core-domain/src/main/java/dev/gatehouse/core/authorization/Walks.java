package dev.gatehouse.core.authorization;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The candidates of recent lookup-resources walks, kept for the next pages of the same listing (ADR
 * 0036): a page with a cursor naming a kept walk checks the walk's remaining candidates instead of
 * walking again, as long as the relationships have not changed since (the store's revision, or the
 * index's count of applied changes, is the one the walk saw), so every page answers exactly as a
 * fresh walk would. At most {@link #MAX_WALKS} walks and {@link #MAX_IDS} candidate ids are kept,
 * the oldest dropped first; a walk with more candidates than that is not kept.
 */
final class Walks {
    static final int MAX_WALKS = 64;
    static final int MAX_IDS = 200_000;

    record Walk(long id, String key, boolean indexed, long version, TreeSet<String> candidates) {
    }

    private final AtomicLong ids = new AtomicLong(System.nanoTime() & 0xffff_ffffL);
    private final LinkedHashMap<Long, Walk> kept = new LinkedHashMap<>();
    private long keptIds;

    /** The walk {@code id} when it is the same question ({@code key}) over unchanged relationships. */
    synchronized Optional<Walk> find(long id, String key, boolean indexed, long version) {
        Walk w = kept.get(id);
        if (w == null || !w.key().equals(key) || w.indexed() != indexed || w.version() != version) {
            return Optional.empty();
        }
        return Optional.of(w);
    }

    /** Keeps a walk's candidates; null when there are too many to keep. */
    synchronized Walk keep(String key, boolean indexed, long version, TreeSet<String> candidates) {
        if (candidates.size() > MAX_IDS) {
            return null;
        }
        Walk w = new Walk(ids.incrementAndGet(), key, indexed, version, candidates);
        kept.put(w.id(), w);
        keptIds += candidates.size();
        Iterator<Walk> oldest = kept.values().iterator();
        while ((kept.size() > MAX_WALKS || keptIds > MAX_IDS) && oldest.hasNext()) {
            Walk old = oldest.next();
            oldest.remove();
            keptIds -= old.candidates().size();
        }
        return w;
    }
}
