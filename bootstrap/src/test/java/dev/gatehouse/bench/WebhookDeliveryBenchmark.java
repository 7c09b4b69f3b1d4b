package dev.gatehouse.bench;

import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.Settings;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Origin;
import dev.gatehouse.core.shared.Principal;
import dev.gatehouse.core.tenancy.CreateOrganization;
import dev.gatehouse.core.webhooks.ManageWebhooks;
import dev.gatehouse.core.webhooks.UrlGuard;
import dev.gatehouse.core.webhooks.WebhookSettings;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Webhook delivery end to end (not JMH: it measures a pipeline, not a call): domain events committed
 * to the outbox, fanned out, signed and POSTed by the dispatcher with 32 requests in flight to a
 * local receiver (JDK {@code HttpServer}, 64 threads, answering 200 at once).
 * <ol>
 *   <li><b>Throughput</b>: {@code N} events are committed with the dispatcher stopped, then it is
 *       started; deliveries per second = N / time until the receiver has all N.</li>
 *   <li><b>Latency</b>: with the dispatcher running, events are committed one per transaction at a
 *       steady {@code rate} per second; for each, the time from its commit returning to its request
 *       arriving at the receiver (p50, p90, p99, max).</li>
 * </ol>
 * Besides wall-clock rates (which depend on whatever else the machine runs) it prints measures that
 * survive a loaded machine, for the throughput phase: CPU time per delivery of the dispatcher's
 * threads, of the receiver's, of the rest of this JVM (GC, JIT) and of the PostgreSQL server's
 * processes, and how many connections the receiver accepted.
 * {@code scripts/bench-webhooks.sh [memory|postgres] [N] [rate]}.
 */
public final class WebhookDeliveryBenchmark {
    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

    public static void main(String[] args) throws Exception {
        String store = args.length > 0 ? args[0] : "postgres";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        AtomicInteger seen = new AtomicInteger();
        Map<Integer, Long> arrivals = new ConcurrentHashMap<>();
        CountDownLatch[] done = new CountDownLatch[1];
        Set<Integer> connections = ConcurrentHashMap.newKeySet();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        AtomicInteger receiverThreads = new AtomicInteger();
        receiver.setExecutor(Executors.newFixedThreadPool(64, r -> new Thread(r, "receiver-" + receiverThreads.incrementAndGet())));
        receiver.createContext("/", ex -> {
            long at = System.nanoTime();
            connections.add(ex.getRemoteAddress().getPort());
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, -1);
            ex.close();
            Matcher m = SEQ.matcher(body);
            if (m.find() && arrivals.putIfAbsent(Integer.parseInt(m.group(1)), at) == null) {
                seen.incrementAndGet();
                done[0].countDown();
            }
        });
        receiver.start();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";

        PostgresBench postgres = null;
        Gatehouse gatehouse;
        WebhookSettings settings;
        if (store.equals("postgres")) {
            postgres = PostgresBench.start("webhooks", Map.of("gatehouse.webhooks.allow-http", "true",
                    "gatehouse.webhooks.allow-cidrs", "127.0.0.0/8"));
            gatehouse = postgres.bean(Gatehouse.class);
            settings = postgres.bean(WebhookSettings.class);
        } else {
            settings = WebhookSettings.defaults();
            gatehouse = Gatehouse.builder().webhookGuard(new UrlGuard(true, UrlGuard.cidrs("127.0.0.0/8"),
                    InetAddress::getAllByName)).settings(Settings.defaults().withWebhooks(settings)).build();
        }
        try {
            var user = gatehouse.identity().createUser().handle(new dev.gatehouse.core.identity.CreateUser.Command(Caller.system("bench"),
                    "owner@example.com", "a long benchmark password", "Owner", false)).value();
            Caller owner = new Caller(new Principal.User(user.id(), "owner@example.com", false), Origin.none());
            OrganizationId org = gatehouse.tenancy().createOrganization().handle(new CreateOrganization.Command(owner, "Bench", null, null,
                    null)).value().id();
            var hook = gatehouse.webhooks().manage().create(new ManageWebhooks.Create(owner, org, url, List.of("bench.*"), null, null, null));
            if (!hook.isOk()) {
                throw new IllegalStateException(hook.failure().toString());
            }
            // a benchmark-only type, appended to the outbox directly (use cases record typed events through Events)
            var outbox = gatehouse.stores().platform().eventOutbox();
            var ids = gatehouse.platform().ids();
            java.util.function.IntConsumer happened = seq -> outbox.append(new dev.gatehouse.core.events.DomainEvent(
                    new dev.gatehouse.core.shared.EventId(ids.newId()), "bench.happened", org, Clock.systemUTC().instant(),
                    Map.of("seq", seq)));
            var tx = gatehouse.platform().transactions();
            System.out.printf("store=%s concurrency=%d events=%d%n", store, settings.concurrency(), n);

            // 1. throughput: a backlog of n events, then the dispatcher
            done[0] = new CountDownLatch(n);
            for (int i = 0; i < n; i += 100) {
                int from = i;
                tx.inTransaction(() -> {
                    for (int k = from; k < Math.min(n, from + 100); k++) {
                        happened.accept(k);
                    }
                    return null;
                });
            }
            long database = checkpointer(postgres);
            connections.clear();
            Cpu before = Cpu.now(database);
            long start = System.nanoTime();
            gatehouse.webhooks().dispatcher().start();
            if (!done[0].await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("only " + seen.get() + " of " + n + " delivered");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Cpu used = Cpu.now(database).minus(before);
            System.out.printf("throughput: %d deliveries in %.2f s = %.0f deliveries/s (load average %s)%n", n, seconds,
                    n / seconds, loadAverage());
            System.out.printf("cpu per delivery: dispatcher and senders %.0f us, receiver %.0f us, rest of the JVM %.0f us,"
                            + " PostgreSQL %s; receiver connections: %d%n", used.gatehouse() / 1e3 / n, used.receiver() / 1e3 / n,
                    used.rest() / 1e3 / n, database < 0 ? "-" : String.format("%.0f us", used.database() / 1e3 / n),
                    connections.size());

            // 2. latency: events committed one by one at a steady rate, dispatcher running
            int m = Math.max(rate * 10, 500);
            arrivals.clear();
            done[0] = new CountDownLatch(m);
            long[] committed = new long[m];
            long period = 1_000_000_000L / rate;
            long next = System.nanoTime();
            for (int i = 0; i < m; i++) {
                int seq = n + i;
                tx.inTransaction(() -> {
                    happened.accept(seq);
                    return null;
                });
                committed[i] = System.nanoTime();
                next += period;
                LockSupport.parkNanos(next - System.nanoTime());
            }
            if (!done[0].await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("latency phase: only " + (m - done[0].getCount()) + " of " + m + " delivered");
            }
            long[] latency = new long[m];
            for (int i = 0; i < m; i++) {
                latency[i] = arrivals.get(n + i) - committed[i];
            }
            Arrays.sort(latency);
            System.out.printf("commit-to-first-attempt over %d events at %d/s: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    m, rate, pct(latency, 50), pct(latency, 90), pct(latency, 99), latency[m - 1] / 1e6);
        } finally {
            gatehouse.webhooks().dispatcher().close();
            receiver.stop(0);
            if (postgres != null) {
                postgres.close();
            }
        }
        System.exit(0);
    }

    /**
     * CPU time so far (ns): this JVM's threads by role, the rest of the process, and the PostgreSQL
     * server (its postmaster, found as the checkpointer's parent, and every process under it).
     */
    private record Cpu(long gatehouse, long receiver, long rest, long database) {
        static Cpu now(long checkpointer) {
            var threads = ManagementFactory.getThreadMXBean();
            long gatehouse = 0;
            long receiver = 0;
            for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info == null) {
                    continue;
                }
                long t = Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
                if (info.getThreadName().startsWith("gatehouse-webhook")) {
                    gatehouse += t;
                } else if (info.getThreadName().startsWith("receiver-") || info.getThreadName().equals("HTTP-Dispatcher")) {
                    receiver += t;
                }
            }
            long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            long database = 0;
            if (checkpointer > 0) {
                var postmaster = ProcessHandle.of(checkpointer).flatMap(ProcessHandle::parent);
                if (postmaster.isPresent()) {
                    database = Stream.concat(Stream.of(postmaster.get()), postmaster.get().descendants())
                            .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
                }
            }
            return new Cpu(gatehouse, receiver, process - gatehouse - receiver, database);
        }

        Cpu minus(Cpu o) {
            return new Cpu(gatehouse - o.gatehouse, receiver - o.receiver, rest - o.rest, database - o.database);
        }
    }

    /** The PostgreSQL checkpointer's process id; -1 without PostgreSQL or when not visible (another server). */
    private static long checkpointer(PostgresBench postgres) {
        if (postgres == null) {
            return -1;
        }
        try {
            return postgres.queryLong("SELECT coalesce(max(pid), -1) FROM pg_stat_activity WHERE backend_type = 'checkpointer'");
        } catch (IllegalStateException e) {
            return -1;
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static double pct(long[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, i)] / 1e6;
    }
}
