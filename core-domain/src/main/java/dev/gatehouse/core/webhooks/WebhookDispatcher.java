package dev.gatehouse.core.webhooks;

import dev.gatehouse.core.events.Announcer;
import dev.gatehouse.core.events.DomainEvent;
import dev.gatehouse.core.events.WebhookEvent;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.DeliveryId;
import dev.gatehouse.core.shared.EventId;
import dev.gatehouse.core.shared.IdGenerator;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.core.shared.WebhookId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers the outbox to the endpoints. One {@link #runOnce()} pass:
 * <ol>
 *   <li><b>Fan-out</b>: in one transaction, claims outbox events not yet fanned out (other instances
 *       skip them), adds one {@code pending} delivery per active endpoint of the event's organization
 *       whose filters match, and marks the events fanned out; a crash before commit leaves them
 *       unclaimed, so none is lost and none is fanned out twice.</li>
 *   <li><b>Dispatch</b>: claims due deliveries with a lease ({@link WebhookSettings#lease()}),
 *       sends them with at most {@link WebhookSettings#concurrency()} requests in flight, and
 *       records the outcomes many per transaction. A dispatcher that dies mid-flight leaves leased
 *       rows that another (or the restarted) one takes after the lease: at-least-once.</li>
 * </ol>
 * {@link #start()} runs passes on a thread, waking on {@link #wake()} (LISTEN/NOTIFY in PostgreSQL,
 * the use cases in memory) or after {@code idle} at the latest. With a backlog, claims come in
 * batches (ADR 0041): up to {@code concurrency} more deliveries wait claimed behind the ones in
 * flight (when the lease outlasts three timeouts), and the next claim is made once half of that room
 * is free, so a claim (one statement) serves many deliveries; without a backlog every free slot is
 * filled at once (latency). The outbox is read for fan-out only when woken, after an idle wait, or
 * while it still has a full batch, not after every finished request.
 */
public final class WebhookDispatcher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class.getName());
    static final int FAN_OUT_BATCH = 500;
    static final int RECORD_BATCH = 64;
    /** PostgreSQL's uuid order (unsigned bytes), so every instance locks endpoint rows in the same order. */
    private static final java.util.Comparator<java.util.UUID> UUID_ORDER = java.util.Comparator
            .comparing(java.util.UUID::getMostSignificantBits, Long::compareUnsigned)
            .thenComparing(java.util.UUID::getLeastSignificantBits, Long::compareUnsigned);
    private final java.util.concurrent.ConcurrentLinkedQueue<Outcome> outcomes = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.locks.ReentrantLock recording = new java.util.concurrent.locks.ReentrantLock();
    private final WebhookEndpoints endpoints;
    private final WebhookDeliveries deliveries;
    private final SignedSender sender;
    private final RetrySchedule schedule;
    private final WebhookSettings settings;
    private final Announcer announcer;
    private final Transactions tx;
    private final Clock clock;
    private final IdGenerator ids;
    private final Duration idle;
    private final Semaphore inFlight;
    /** Requests in flight plus deliveries claimed and queued behind them. */
    private final int slots;
    private final Object signal = new Object();
    private boolean woken;
    /** The outbox may hold events not fanned out yet (a wake-up, an idle wait, a full fan-out batch). */
    private volatile boolean eventsDue = true;
    /** The last claim filled its batch: more are due, so claims wait for half the slots (batching). */
    private volatile boolean backlog;
    private final AtomicBoolean running = new AtomicBoolean();
    private ExecutorService senders;
    private Thread loop;

    public WebhookDispatcher(WebhookEndpoints endpoints, WebhookDeliveries deliveries, SignedSender sender,
                             RetrySchedule schedule, WebhookSettings settings, Announcer announcer, Transactions tx,
                             Clock clock, IdGenerator ids, Duration idle) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.sender = sender;
        this.schedule = schedule;
        this.settings = settings;
        this.announcer = announcer;
        this.tx = tx;
        this.clock = clock;
        this.ids = ids;
        this.idle = idle;
        boolean roomToQueue = settings.lease().compareTo(settings.timeout().multipliedBy(3)) >= 0;
        this.slots = roomToQueue ? 2 * settings.concurrency() : settings.concurrency();
        this.inFlight = new Semaphore(slots);
    }

    /** New work may be due (events appended, a delivery queued again): the loop runs a pass now. */
    public void wake() {
        eventsDue = true;
        signal();
    }

    private void signal() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /** A request finished: the loop claims again when enough slots are free to make a batch. */
    private void slotFreed() {
        // without a backlog the last claim took everything due; what becomes due later wakes the loop
        // itself (fan-out, a manual retry) or waits for the idle poll (a scheduled retry)
        if (backlog && inFlight.availablePermits() >= slots / 2) {
            signal();
        }
    }

    public synchronized void start() {
        if (loop != null) {
            return;
        }
        running.set(true);
        deliveries.onAnnounce(this::wake);
        senders = Executors.newFixedThreadPool(settings.concurrency(), r -> {
            Thread t = new Thread(r, "gatehouse-webhook-sender");
            t.setDaemon(true);
            return t;
        });
        loop = new Thread(this::loop, "gatehouse-webhook-dispatcher");
        loop.setDaemon(true);
        loop.start();
    }

    private void loop() {
        long backoff = 0;
        while (running.get()) {
            boolean more;
            try {
                more = passAsync();
                backoff = 0;
            } catch (RuntimeException e) {
                // the store is unreachable, say: back off (up to 10 s) instead of failing every 250 ms
                backoff = Math.min(10_000, backoff == 0 ? idle.toMillis() * 2 : backoff * 2);
                LOG.log(Level.WARNING, "webhook dispatch pass failed (next try in " + backoff + " ms): " + e);
                more = false;
            }
            if (more) {
                continue;
            }
            synchronized (signal) {
                if ((backoff > 0 || !woken) && running.get()) {
                    try {
                        signal.wait(backoff > 0 ? backoff : idle.toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (!woken) {
                    eventsDue = true; // the idle poll: another instance may have appended without a wake-up here
                }
                woken = false;
            }
        }
    }

    /** One pass, sending on the pool without waiting for the responses; true when a full batch was found. */
    private boolean passAsync() {
        boolean fullFanOut = false;
        if (eventsDue) {
            eventsDue = false;
            fullFanOut = fanOut() == FAN_OUT_BATCH;
            if (fullFanOut) {
                eventsDue = true;
            }
        }
        int free = inFlight.availablePermits();
        if (free == 0 || (backlog && free < slots / 2)) {
            return fullFanOut; // the senders signal when enough slots are free
        }
        int want = Math.min(free, settings.batch());
        Instant now = clock.instant();
        List<WebhookDelivery> due = deliveries.claimDue(now, now.plus(settings.lease()), want);
        backlog = due.size() == want;
        Map<WebhookId, Optional<WebhookEndpoint>> endpoints = endpointsOf(due);
        for (WebhookDelivery d : due) {
            inFlight.acquireUninterruptibly();
            senders.execute(() -> {
                try {
                    Outcome o = attempt(d, endpoints.get(d.endpointId()));
                    if (o != null) {
                        outcomes.add(o);
                    }
                    drainOutcomes();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "webhook delivery " + d.id() + " failed to record: " + e);
                } finally {
                    inFlight.release();
                    slotFreed();
                }
            });
        }
        return fullFanOut || (backlog && inFlight.availablePermits() >= slots / 2);
    }

    private Map<WebhookId, Optional<WebhookEndpoint>> endpointsOf(List<WebhookDelivery> due) {
        Map<WebhookId, Optional<WebhookEndpoint>> out = new HashMap<>();
        if (due.isEmpty()) {
            return out;
        }
        tx.readOnly(() -> {
            for (WebhookDelivery d : due) {
                out.computeIfAbsent(d.endpointId(), id -> endpoints.byId(id));
            }
            return null;
        });
        return out;
    }

    /**
     * Records the queued outcomes, many per transaction: whichever sender gets the lock drains the
     * queue for everyone (flat combining), so the endpoint's counters are written once per batch
     * instead of once per request. A sender that finds the lock taken leaves its outcome to the
     * holder, which checks the queue again after releasing it.
     */
    private void drainOutcomes() {
        while (!outcomes.isEmpty() && recording.tryLock()) {
            try {
                List<Outcome> batch = new ArrayList<>();
                Outcome o;
                while (batch.size() < RECORD_BATCH && (o = outcomes.poll()) != null) {
                    batch.add(o);
                }
                if (!batch.isEmpty()) {
                    recordAll(batch);
                }
            } finally {
                recording.unlock();
            }
        }
    }

    /**
     * One synchronous pass (tests, with an injected clock): fan out, then attempt every due delivery
     * on the calling thread. Returns the number of attempts made.
     */
    public int runOnce() {
        fanOut();
        int attempts = 0;
        while (true) {
            Instant now = clock.instant();
            List<WebhookDelivery> due = deliveries.claimDue(now, now.plus(settings.lease()), settings.batch());
            if (due.isEmpty()) {
                return attempts;
            }
            for (WebhookDelivery d : due) {
                deliver(d);
                attempts++;
            }
        }
    }

    /** Fans out one batch of outbox events; returns how many events it took. */
    public int fanOut() {
        return tx.inTransaction(() -> {
            List<DomainEvent> events = deliveries.claimEvents(FAN_OUT_BATCH);
            if (events.isEmpty()) {
                return 0;
            }
            Instant now = clock.instant();
            Map<Object, List<WebhookEndpoint>> byOrg = new LinkedHashMap<>();
            List<EventId> fanned = new ArrayList<>(events.size());
            List<WebhookDelivery> added = new ArrayList<>();
            for (DomainEvent e : events) {
                fanned.add(e.id());
                if (e.organizationId() == null) {
                    continue;
                }
                List<WebhookEndpoint> active = byOrg.computeIfAbsent(e.organizationId(),
                        o -> endpoints.activeOf(e.organizationId()));
                String payload = null;
                for (WebhookEndpoint ep : active) {
                    if (ep.subscribesTo(e.type())) {
                        payload = payload == null ? Payloads.of(e) : payload;
                        added.add(WebhookDelivery.pending(new DeliveryId(ids.newId()), ep.id(),
                                e.organizationId(), e.id(), e.type(), payload, now));
                    }
                }
            }
            deliveries.addAll(added);
            deliveries.markFannedOut(fanned);
            if (!added.isEmpty()) {
                deliveries.announce();
            }
            return events.size();
        });
    }

    /** Attempts one claimed delivery and records the outcome. */
    void deliver(WebhookDelivery d) {
        Optional<WebhookEndpoint> endpoint = tx.readOnly(() -> endpoints.byId(d.endpointId()));
        Outcome o = attempt(d, endpoint);
        if (o != null) {
            recordAll(List.of(o));
        }
    }

    /** One delivery's attempt; null when its endpoint is gone (deleted with its deliveries). */
    private Outcome attempt(WebhookDelivery d, Optional<WebhookEndpoint> endpoint) {
        if (endpoint == null || endpoint.isEmpty()) {
            return null;
        }
        if (!endpoint.get().active()) {
            return new Outcome(d, null);
        }
        return new Outcome(d, send(endpoint.get(), d.messageId(), d.payload()));
    }

    /** A delivery and its attempt's response; a null response: not attempted, the endpoint is disabled. */
    record Outcome(WebhookDelivery delivery, WebhookSender.Response response) {
    }

    /** Signs and sends ({@link SignedSender}); the connection-time SSRF check refuses before any byte leaves. */
    WebhookSender.Response send(WebhookEndpoint endpoint, String messageId, String payload) {
        return sender.send(endpoint, messageId, payload);
    }

    /**
     * In one transaction, the outcomes of attempts: each delivery's next state, and per endpoint (rows
     * locked in id order) the counters, the failing run and disabling.
     */
    void recordAll(List<Outcome> batch) {
        tx.inTransaction(() -> {
            Instant now = clock.instant();
            java.util.TreeMap<java.util.UUID, List<Outcome>> byEndpoint = new java.util.TreeMap<>(UUID_ORDER);
            for (Outcome o : batch) {
                byEndpoint.computeIfAbsent(o.delivery().endpointId().value(), k -> new ArrayList<>()).add(o);
            }
            List<WebhookDelivery> attempted = new ArrayList<>(batch.size());
            List<WebhookEndpoint> changed = new ArrayList<>();
            for (var entry : byEndpoint.entrySet()) {
                Optional<WebhookEndpoint> locked = endpoints.lockById(new WebhookId(entry.getKey()));
                if (locked.isEmpty()) {
                    continue;
                }
                WebhookEndpoint ep = locked.get();
                WebhookEndpoint before = ep;
                for (Outcome o : entry.getValue()) {
                    ep = recordOne(ep, o, now, attempted);
                }
                if (ep != before) {
                    changed.add(ep);
                }
            }
            deliveries.updateAll(attempted);
            changed.forEach(endpoints::update);
            return null;
        });
    }

    private WebhookEndpoint recordOne(WebhookEndpoint ep, Outcome o, Instant now, List<WebhookDelivery> attempted) {
        WebhookDelivery d = o.delivery();
        WebhookSender.Response r = o.response();
        if (r == null) {
            attempted.add(d.attempted(DeliveryStatus.FAILED, null, null, 0, null, "the endpoint is disabled", now)
                    .withAttempts(d.attempts()));
            return ep;
        }
        String error = r.error() != null ? r.error()
                : r.success() ? null
                : r.status() >= 300 && r.status() < 400 ? "redirect (" + r.status() + ") not followed"
                : "HTTP " + r.status();
        boolean gone = r.status() == 410;
        DeliveryStatus next;
        Instant nextAt = null;
        if (r.success()) {
            next = DeliveryStatus.SUCCESS;
        } else if (gone) {
            next = DeliveryStatus.FAILED;
        } else {
            boolean honour = r.status() == 429 || r.status() >= 500;
            Duration delay = schedule.next(d.attempts() + 1, honour ? r.retryAfter() : null);
            next = delay == null ? DeliveryStatus.FAILED : DeliveryStatus.RETRYING;
            nextAt = delay == null ? null : now.plus(delay);
        }
        attempted.add(d.attempted(next, nextAt, r.status() == 0 ? null : r.status(), r.durationMs(),
                r.excerpt(), error, now));
        boolean disable = ep.active() && !r.success() && (gone
                || (ep.failingSince() != null && !now.isBefore(ep.failingSince().plus(settings.disableAfter()))));
        String reason = gone ? "the endpoint answered 410 Gone"
                : "every attempt failed for " + settings.disableAfter().toDays() + " days";
        WebhookEndpoint after = ep.afterAttempt(r.success(), now, disable, reason);
        if (disable) {
            announcer.announce(Caller.system("webhooks"), new WebhookEvent.EndpointDisabled(after.facts(), reason), "webhook",
                    ep.id());
        }
        return after;
    }

    @Override
    public void close() {
        running.set(false);
        wake();
        Thread t;
        synchronized (this) {
            t = loop;
        }
        if (t != null) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (senders != null) {
            senders.shutdown();
            try {
                senders.awaitTermination(settings.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            senders.shutdownNow();
        }
        sender.close();
    }
}
