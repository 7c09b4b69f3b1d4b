package dev.gatehouse.core.authorization;

import dev.gatehouse.core.shared.Result;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The relationships of a database {@link Relationships} store held in memory for the
 * {@link LocalAuthorizer} (ADR 0036), kept consistent by a {@link RelationshipChanges} feed.
 *
 * <p><b>What it holds.</b> Per object, on first use: all relationships of which it is the resource
 * (one query, for checks), and separately all of which it is the subject (one query, for
 * lookup-resources' reverse walk); an object with none is held as empty. At most
 * {@link Settings#maxRelationships} relationships in all (an empty object counts as one): past that,
 * the least recently used objects are dropped (second chance); an object with more than a tenth of the
 * budget is read but not held. Filtered queries ({@link #find}) and writes go to the store.
 *
 * <p><b>Consistency.</b> A change announced by the feed drops the objects it touched; an object read
 * while one of its changes was being announced is answered but not kept, so nothing older than an
 * announced change stays. {@link #serves} says whether a read may be answered here:
 * <ul>
 *   <li>inside a database transaction never (the transaction's own snapshot and writes);</li>
 *   <li>with a revision (an at-least-as-fresh token) once that revision has been announced, waiting
 *       up to {@link Settings#tokenWait} for it;</li>
 *   <li>without one when a freshness mark asked at most {@link Settings#maxStaleness} ago has come
 *       back: every change committed before then has been applied. Marks are asked for as reads need
 *       them (every half bound under load), so a change on another instance is seen within the bound,
 *       usually within milliseconds. When marks stop coming back (the feed is down) reads go to the
 *       database until one does.</li>
 * </ul>
 * This process's own commits are announced to it by the store right after they commit, so a caller
 * reads its own writes at once.
 */
public final class RelationshipIndex implements Relationships, RelationshipChanges.Listener {

    /**
     * @param maxRelationships how many relationships to hold at most
     * @param maxStaleness how old a change committed elsewhere may be and still be missing from an answer
     * @param tokenWait how long a read with a token waits for its revision to be announced before it
     *                  reads the database instead
     */
    public record Settings(long maxRelationships, Duration maxStaleness, Duration tokenWait) {
        public static final Settings DEFAULTS = new Settings(100_000, Duration.ofSeconds(1), Duration.ofMillis(100));

        public Settings {
            if (maxRelationships < 10) {
                throw new IllegalArgumentException("maxRelationships must be at least 10, not " + maxRelationships);
            }
            if (maxStaleness.isNegative() || maxStaleness.isZero() || tokenWait.isNegative()) {
                throw new IllegalArgumentException("maxStaleness must be positive and tokenWait not negative");
            }
        }
    }

    private static final int STRIPES = 1024;
    private static final int REMEMBERED_REVISIONS = 65_536;

    private final Relationships store;
    private final RelationshipChanges changes;
    private final long maxWeight;
    private final long maxEntryWeight;
    private final long bound;
    private final long halfBound;
    private final long tokenWait;

    /** type → id → what the object is the resource of, by relation. */
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, Entry>> resources = new ConcurrentHashMap<>();
    /** type → id → what the object (or the wildcard {@code type:*}) is the subject of. */
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, Entry>> subjects = new ConcurrentHashMap<>();
    private final AtomicLong weight = new AtomicLong();
    /** Bumped by every drop of an object (its stripe) and of everything (the epoch): a load in flight then keeps nothing. */
    private final AtomicLongArray stripes = new AtomicLongArray(STRIPES);
    private final AtomicLong epoch = new AtomicLong();
    private final ReentrantLock eviction = new ReentrantLock();

    private final Object freshness = new Object();
    /** {@link System#nanoTime()} when the newest mark that came back was asked for. */
    private volatile long freshAsOf;
    private volatile boolean everFresh;
    private final AtomicLong lastAsked = new AtomicLong();
    private final AtomicLong markIds = new AtomicLong();
    private final Map<Long, Long> pendingMarks = new ConcurrentHashMap<>();

    private final Set<Long> announced = new HashSet<>();
    private final ArrayDeque<Long> announcedOrder = new ArrayDeque<>();
    private long forgottenBelow;
    private final AtomicLong applied = new AtomicLong();

    private RelationshipIndex(Relationships store, RelationshipChanges changes, Settings settings) {
        this.store = store;
        this.changes = changes;
        this.maxWeight = settings.maxRelationships();
        this.maxEntryWeight = Math.max(1, settings.maxRelationships() / 10);
        this.bound = settings.maxStaleness().toNanos();
        this.halfBound = bound / 2;
        this.tokenWait = settings.tokenWait().toNanos();
    }

    /** An index over {@code store}, listening to {@code changes} from now on. */
    public static RelationshipIndex over(Relationships store, RelationshipChanges changes, Settings settings) {
        RelationshipIndex index = new RelationshipIndex(store, changes, settings);
        changes.start(index);
        return index;
    }

    /** The store behind the index: the database. */
    public Relationships store() {
        return store;
    }

    /**
     * Whether a read may be answered from the index: not inside a database transaction; with
     * {@code atLeast}, once that revision has been announced; without, when the index is fresh within
     * the bound.
     */
    public boolean serves(OptionalLong atLeast) {
        if (changes.inTransaction()) {
            return false;
        }
        return atLeast.isPresent() ? awaitAnnounced(atLeast.getAsLong()) : fresh();
    }

    /** How many changes (and resets) the index has applied: unchanged means it answers as before. */
    public long applied() {
        return applied.get();
    }

    /** How many relationships it holds (an empty object counts as one). */
    public long size() {
        return weight.get();
    }

    // ---- reads

    @Override
    public List<Relationship> subjectsOf(ObjectRef resource, String relation) {
        Entry e = entry(resources, resource.type(), resource.id(), true);
        List<Relationship> list = e.byRelation.get(relation);
        return list == null ? List.of() : list;
    }

    @Override
    public java.util.function.Function<String, List<Relationship>> relationsOf(ObjectRef resource) {
        Entry e = entry(resources, resource.type(), resource.id(), true);
        return relation -> {
            List<Relationship> list = e.byRelation.get(relation);
            return list == null ? List.of() : list;
        };
    }

    @Override
    public List<Relationship> relatedTo(String subjectType, String subjectId, Optional<String> subjectRelation) {
        Entry e = entry(subjects, subjectType, subjectId, false);
        if (subjectRelation.isEmpty()) {
            return e.all;
        }
        List<Relationship> out = new ArrayList<>();
        for (Relationship r : e.all) {
            if (r.subject().relation().equals(subjectRelation.get())) {
                out.add(r);
            }
        }
        return out;
    }

    @Override
    public List<Relationship> find(RelationshipFilter filter) {
        return store.find(filter);
    }

    @Override
    public long revision() {
        return store.revision();
    }

    // ---- writes: the store announces its own commits to the feed

    @Override
    public Result<Long> write(List<RelationshipUpdate> updates) {
        return store.write(updates);
    }

    @Override
    public Result<Long> deleteWhere(RelationshipFilter filter) {
        return store.deleteWhere(filter);
    }

    // ---- the feed

    @Override
    public void changed(long revision, Collection<String> objects, boolean everything) {
        if (everything) {
            dropAll();
        } else {
            for (String object : objects) {
                int colon = object.indexOf(':');
                if (colon > 0) {
                    drop(object.substring(0, colon), object.substring(colon + 1));
                }
            }
        }
        applied.incrementAndGet();
        synchronized (announced) {
            if (revision > 0 && revision >= forgottenBelow && announced.add(revision)) {
                announcedOrder.add(revision);
                if (announcedOrder.size() > REMEMBERED_REVISIONS) {
                    long oldest = announcedOrder.poll();
                    announced.remove(oldest);
                    forgottenBelow = Math.max(forgottenBelow, oldest + 1);
                }
            }
            announced.notifyAll();
        }
    }

    @Override
    public void marked(long id) {
        Long asked = pendingMarks.remove(id);
        if (asked == null) {
            return;
        }
        // older marks still pending were lost (sent while the feed was not listening) or are superseded
        pendingMarks.keySet().removeIf(older -> older < id);
        synchronized (freshness) {
            if (!everFresh || asked - freshAsOf > 0) {
                freshAsOf = asked;
                everFresh = true;
            }
            freshness.notifyAll();
        }
    }

    /** Drops everything, and forgets which revisions were announced (an operator may have restarted them). */
    @Override
    public void reset() {
        synchronized (freshness) {
            everFresh = false;
            pendingMarks.clear();
        }
        synchronized (announced) {
            announced.clear();
            announcedOrder.clear();
        }
        dropAll();
        applied.incrementAndGet();
    }

    // ---- freshness

    private boolean fresh() {
        long now = System.nanoTime();
        if (everFresh) {
            long age = now - freshAsOf;
            if (age <= halfBound) {
                return true;
            }
            askMark(now);
            if (age <= bound) {
                return true;
            }
        } else {
            askMark(now);
        }
        // stale: wait for a mark, unless one asked a whole bound ago has not come back (the feed is down)
        if (oldestPendingAge(now) > bound) {
            return false;
        }
        long deadline = now + bound;
        synchronized (freshness) {
            while (true) {
                long t = System.nanoTime();
                if (everFresh && t - freshAsOf <= bound) {
                    return true;
                }
                long left = deadline - t;
                if (left <= 0) {
                    return false;
                }
                waitNanos(freshness, left);
            }
        }
    }

    private void askMark(long now) {
        long last = lastAsked.get();
        if (pendingMarks.isEmpty() || now - last > halfBound / 4) {
            if (lastAsked.compareAndSet(last, now)) {
                long id = markIds.incrementAndGet();
                pendingMarks.put(id, now);
                if (pendingMarks.size() > 64) {
                    pendingMarks.entrySet().removeIf(e -> now - e.getValue() > 10 * bound);
                }
                changes.mark(id);
            }
        }
    }

    private long oldestPendingAge(long now) {
        long oldest = 0;
        for (long asked : pendingMarks.values()) {
            oldest = Math.max(oldest, now - asked);
        }
        return oldest;
    }

    private boolean awaitAnnounced(long revision) {
        long deadline = System.nanoTime() + tokenWait;
        synchronized (announced) {
            while (true) {
                if (announced.contains(revision)) {
                    return true;
                }
                if (revision < forgottenBelow) {
                    return false;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                waitNanos(announced, left);
            }
        }
    }

    private static void waitNanos(Object monitor, long nanos) {
        try {
            monitor.wait(Math.max(1, nanos / 1_000_000), (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the relationship index", e);
        }
    }

    // ---- the maps

    /** What an object is the resource of (by relation) or the subject of (all, in store order). */
    private static final class Entry {
        final Map<String, List<Relationship>> byRelation;
        final List<Relationship> all;
        final int weight;
        volatile boolean used;

        Entry(Map<String, List<Relationship>> byRelation, List<Relationship> all, int size) {
            this.byRelation = byRelation;
            this.all = all;
            this.weight = Math.max(1, size);
        }
    }

    private Entry entry(ConcurrentHashMap<String, ConcurrentHashMap<String, Entry>> map, String type, String id,
                        boolean asResource) {
        ConcurrentHashMap<String, Entry> byId = map.get(type);
        if (byId != null) {
            Entry e = byId.get(id);
            if (e != null) {
                if (!e.used) {
                    e.used = true;
                }
                return e;
            }
        }
        int stripe = stripe(type, id);
        long before = stripes.get(stripe);
        long epochBefore = epoch.get();
        Entry loaded = load(type, id, asResource);
        if (loaded.weight > maxEntryWeight) {
            return loaded;
        }
        if (byId == null) {
            byId = map.computeIfAbsent(type, t -> new ConcurrentHashMap<>());
        }
        Entry previous = byId.put(id, loaded);
        weight.addAndGet(loaded.weight - (previous == null ? 0 : previous.weight));
        if (stripes.get(stripe) != before || epoch.get() != epochBefore) {
            // a change to this object (or everything) was announced while it was read: do not keep it
            if (byId.remove(id, loaded)) {
                weight.addAndGet(-loaded.weight);
            }
        } else if (weight.get() > maxWeight) {
            evict();
        }
        return loaded;
    }

    private Entry load(String type, String id, boolean asResource) {
        if (asResource) {
            List<Relationship> rows = store.find(RelationshipFilter.any().withResourceType(type).withResourceId(id));
            Map<String, List<Relationship>> byRelation = new HashMap<>();
            for (Relationship r : rows) {
                byRelation.computeIfAbsent(r.relation(), k -> new ArrayList<>(2)).add(r);
            }
            byRelation.replaceAll((k, v) -> RelationshipList.of(v));
            return new Entry(byRelation, List.of(), rows.size());
        }
        List<Relationship> rows = List.copyOf(store.relatedTo(type, id, Optional.empty()));
        return new Entry(Map.of(), rows, rows.size());
    }

    private static int stripe(String type, String id) {
        int h = type.hashCode() * 31 + id.hashCode();
        return (h ^ (h >>> 16)) & (STRIPES - 1);
    }

    private void drop(String type, String id) {
        stripes.incrementAndGet(stripe(type, id));
        remove(resources, type, id);
        remove(subjects, type, id);
    }

    private void remove(ConcurrentHashMap<String, ConcurrentHashMap<String, Entry>> map, String type, String id) {
        ConcurrentHashMap<String, Entry> byId = map.get(type);
        if (byId != null) {
            Entry e = byId.remove(id);
            if (e != null) {
                weight.addAndGet(-e.weight);
            }
        }
    }

    private void dropAll() {
        epoch.incrementAndGet();
        eviction.lock();
        try {
            for (var byId : List.of(resources, subjects)) {
                for (var ids : byId.values()) {
                    for (var e : ids.entrySet()) {
                        if (ids.remove(e.getKey(), e.getValue())) {
                            weight.addAndGet(-e.getValue().weight);
                        }
                    }
                }
            }
        } finally {
            eviction.unlock();
        }
    }

    /** Second chance: drops objects not used since the last sweep until at most 3/4 of the budget is held. */
    private void evict() {
        if (!eviction.tryLock()) {
            return;
        }
        try {
            long target = maxWeight * 3 / 4;
            for (int pass = 0; pass < 3 && weight.get() > target; pass++) {
                for (var byId : List.of(resources, subjects)) {
                    for (var ids : byId.values()) {
                        for (var it = ids.entrySet().iterator(); it.hasNext() && weight.get() > target; ) {
                            var next = it.next();
                            Entry e = next.getValue();
                            if (e.used && pass < 2) {
                                e.used = false;
                            } else if (ids.remove(next.getKey(), e)) {
                                weight.addAndGet(-e.weight);
                            }
                        }
                    }
                }
            }
        } finally {
            eviction.unlock();
        }
    }
}
