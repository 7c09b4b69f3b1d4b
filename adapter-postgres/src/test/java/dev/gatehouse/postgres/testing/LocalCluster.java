package dev.gatehouse.postgres.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster started from the installed server binaries: a temporary directory
 * holding the data directory, the Unix socket and the logs; trust authentication for the superuser
 * {@value #SUPERUSER} on 127.0.0.1 and a free port; durability switched off (fsync, synchronous
 * commit, full page writes) because nothing in it outlives the test run, unless the system property
 * {@value #DURABLE_PROPERTY} is {@code true} (benchmarks that measure durable commits).
 *
 * <p>{@code initdb} refuses to run as root, so when the JVM runs as root the directory is handed to
 * the OS user {@value #OS_USER} and {@code initdb}/{@code pg_ctl} run through {@code runuser}.
 * Every command's output goes to {@code harness.log}, the server's to {@code server.log}; failures
 * quote the tail of both.
 */
final class LocalCluster {
    static final String SUPERUSER = "gatehouse";
    static final String OS_USER = "postgres";
    static final String BINDIR_ENV = "GATEHOUSE_TEST_PG_BINDIR";
    /** Set to {@code true} for a cluster as durable as a production server (benchmarks of commits). */
    static final String DURABLE_PROPERTY = "gatehouse.test.pg.durable";
    private static final String DIR_PREFIX = "gatehouse-pg-";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final Path harnessLog;
    private final Path serverLog;
    private final boolean asOsUser;
    private int port;
    private volatile boolean paused;

    private LocalCluster(Path bin, Path dir, boolean asOsUser) {
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.harnessLog = dir.resolve("harness.log");
        this.serverLog = dir.resolve("server.log");
        this.asOsUser = asOsUser;
    }

    /** Creates, initializes and starts a cluster; on failure everything created is removed again. */
    static LocalCluster start() {
        Path bin = findBinDir().orElseThrow(() -> new IllegalStateException(
                "No PostgreSQL server binaries (initdb, pg_ctl, postgres) were found via $" + BINDIR_ENV
                        + ", `pg_config --bindir`, /usr/lib/postgresql/*/bin or PATH, so the tests cannot start a "
                        + "throwaway database. Install them (Debian/Ubuntu: `apt-get install postgresql`; the server "
                        + "need not run, the tests start their own), or set GATEHOUSE_TEST_DATABASE_URL (plus "
                        + "GATEHOUSE_TEST_DATABASE_USER/_PASSWORD) to a server where that user may CREATE DATABASE."));
        reapAbandonedClusters(bin);
        boolean root = runningAsRoot();
        LocalCluster cluster;
        try {
            Path dir = Files.createTempDirectory(DIR_PREFIX);
            Files.writeString(dir.resolve("owner.pid"), Long.toString(ProcessHandle.current().pid()));
            if (root) {
                UserPrincipal owner = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(OS_USER);
                Files.setOwner(dir, owner);
            }
            cluster = new LocalCluster(bin, dir, root);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot prepare a directory for the test PostgreSQL cluster"
                    + (root ? " (running as root: the OS user '" + OS_USER + "' must exist)" : "") + ": " + e, e);
        }
        try {
            cluster.initdb();
            cluster.startServer();
            return cluster;
        } catch (RuntimeException e) {
            String logs = cluster.logTail();
            cluster.stop();
            throw new IllegalStateException(e.getMessage() + "\n" + logs, e);
        }
    }

    int port() {
        return port;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /**
     * Shuts the server down and keeps its data ({@code pg_ctl stop -m fast}: sessions are ended with
     * {@code 57P01 admin_shutdown}, as in a planned restart); {@link #restartServer()} brings it back.
     */
    void shutDownServer() {
        resume();
        run(command("pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "-t", "60", "stop"));
    }

    /** Starts a server shut down with {@link #shutDownServer()} again, on the same port. */
    void restartServer() {
        run(command("pg_ctl", "-D", data.toString(), "-l", serverLog.toString(), "-w", "-t", "60",
                "-o", serverOptions(port), "start"));
    }

    /**
     * Freezes the server: SIGSTOP to the postmaster (first, so it forks nothing new) and then to
     * every process under it. Connections stay open and the kernel still accepts new ones, but
     * nothing answers: a hung server, as the network sees it.
     */
    void pause() {
        long postmaster = postmasterPid();
        List<Long> pids = new ArrayList<>();
        pids.add(postmaster);
        ProcessHandle.of(postmaster).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
        paused = true;
        signal("STOP", pids);
        // A backend forked between listing and stopping the postmaster is caught by a second pass.
        ProcessHandle.of(postmaster).ifPresent(p -> signal("STOP", p.descendants().map(ProcessHandle::pid).toList()));
    }

    /** Lets a {@link #pause() paused} server run again (SIGCONT to it and every process under it). */
    void resume() {
        if (!paused) {
            return;
        }
        long postmaster = postmasterPid();
        List<Long> pids = new ArrayList<>();
        ProcessHandle.of(postmaster).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
        pids.add(postmaster);
        signal("CONT", pids);
        paused = false;
    }

    private long postmasterPid() {
        try {
            return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid"), StandardCharsets.UTF_8).get(0).strip());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("The test PostgreSQL server is not running (no postmaster.pid in " + data + ")", e);
        }
    }

    private void signal(String signal, List<Long> pids) {
        if (pids.isEmpty()) {
            return;
        }
        List<String> cmd = new ArrayList<>(List.of("kill", "-" + signal));
        pids.forEach(pid -> cmd.add(Long.toString(pid)));
        // A process that ended meanwhile makes kill exit non-zero; the others were still signalled.
        tryRun(cmd);
    }

    /** Stops the server at once (no checkpoint: the data is thrown away) and deletes the directory. */
    void stop() {
        try {
            if (paused) {
                resume();
            }
            if (Files.exists(data.resolve("postmaster.pid"))) {
                run(command("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "-t", "30", "stop"));
            }
        } catch (RuntimeException e) {
            System.err.println("[TestPostgres] could not stop the test cluster in " + dir + ": " + e.getMessage());
        } finally {
            deleteRecursively(dir);
        }
    }

    /** The last lines of the harness and server logs, for failure messages. */
    String logTail() {
        return "--- " + harnessLog + " (tail) ---\n" + tail(harnessLog, 40)
                + "--- " + serverLog + " (tail) ---\n" + tail(serverLog, 40);
    }

    private void initdb() {
        // C.UTF-8 gives Unicode-aware lower() for searches; not every platform has it (macOS), so fall
        // back to the plain C locale. Sorting does not depend on it: the adapter orders text COLLATE "C".
        List<String> base = List.of("-D", data.toString(), "--no-sync", "-A", "trust", "-U", SUPERUSER, "-E", "UTF8");
        List<String> withLocale = new ArrayList<>(base);
        withLocale.add("--locale=C.UTF-8");
        if (tryRun(command("initdb", withLocale.toArray(String[]::new)))) {
            return;
        }
        deleteRecursively(data);
        List<String> noLocale = new ArrayList<>(base);
        noLocale.add("--no-locale");
        run(command("initdb", noLocale.toArray(String[]::new)));
    }

    private void startServer() {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            port = freePort();
            try {
                run(command("pg_ctl", "-D", data.toString(), "-l", serverLog.toString(), "-w", "-t", "60",
                        "-o", serverOptions(port), "start"));
                return;
            } catch (RuntimeException e) {
                last = e;
                // Another process may have taken the port between probing and binding: try another one.
                String log = tail(serverLog, 20);
                if (!log.contains("could not bind") && !log.contains("already in use")) {
                    throw e;
                }
            }
        }
        throw last;
    }

    private String serverOptions(int port) {
        String durability = Boolean.getBoolean(DURABLE_PROPERTY) ? " -c fsync=on -c synchronous_commit=on -c full_page_writes=on"
                : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        return "-p " + port + " -k '" + dir + "' -c listen_addresses=127.0.0.1" + durability + " -c max_connections=200";
    }

    private List<String> command(String program, String... args) {
        List<String> cmd = new ArrayList<>();
        if (asOsUser) {
            cmd.addAll(List.of(runuser(), "-u", OS_USER, "--"));
        }
        cmd.add(bin.resolve(program).toString());
        cmd.addAll(Arrays.asList(args));
        return cmd;
    }

    private void run(List<String> cmd) {
        if (!tryRun(cmd)) {
            throw new IllegalStateException("Test PostgreSQL command failed: " + String.join(" ", cmd));
        }
    }

    private boolean tryRun(List<String> cmd) {
        try {
            Files.writeString(harnessLog, "$ " + String.join(" ", cmd) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(harnessLog.toFile()));
            // Settings meant for another server must not leak into initdb/pg_ctl.
            pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
            Process p = pb.start();
            if (!p.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("Test PostgreSQL command timed out after " + COMMAND_TIMEOUT + ": "
                        + String.join(" ", cmd));
            }
            Files.writeString(harnessLog, "[exit " + p.exitValue() + "]\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            return p.exitValue() == 0;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + String.join(" ", cmd), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", cmd), e);
        }
    }

    static Optional<Path> findBinDir() {
        List<Path> candidates = new ArrayList<>();
        String fromEnv = System.getenv(BINDIR_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            candidates.add(Path.of(fromEnv));
        }
        pgConfigBinDir().ifPresent(candidates::add);
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.sorted(Comparator.comparing((Path p) -> versionOf(p.getFileName().toString())).reversed())
                        .map(p -> p.resolve("bin"))
                        .forEach(candidates::add);
            } catch (IOException ignored) {
                // an unreadable directory is simply not a candidate
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) {
                    candidates.add(Path.of(entry));
                }
            }
        }
        return candidates.stream().filter(LocalCluster::hasServerBinaries).findFirst();
    }

    private static boolean hasServerBinaries(Path dir) {
        return Stream.of("initdb", "pg_ctl", "postgres").allMatch(b -> Files.isExecutable(dir.resolve(b)));
    }

    private static Optional<Path> pgConfigBinDir() {
        try {
            Process p = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.isEmpty()
                    ? Optional.of(Path.of(out)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // no pg_config on PATH
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static int versionOf(String name) {
        try {
            return Integer.parseInt(name.split("\\.")[0]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static boolean runningAsRoot() {
        if ("root".equals(System.getProperty("user.name"))) {
            return true;
        }
        try {
            Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor(10, TimeUnit.SECONDS) && "0".equals(out);
        } catch (IOException e) {
            return false; // no `id`: not a Unix root
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String runuser() {
        for (String candidate : List.of("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return "runuser";
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free TCP port on 127.0.0.1", e);
        }
    }

    /**
     * Removes clusters left behind by test JVMs that were killed before they could clean up (their
     * {@code owner.pid} names a process that no longer runs).
     */
    private static void reapAbandonedClusters(Path bin) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, DIR_PREFIX + "*")) {
            for (Path d : dirs) {
                Path pidFile = d.resolve("owner.pid");
                if (!Files.isRegularFile(pidFile)) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(Files.readString(pidFile).strip());
                } catch (NumberFormatException e) {
                    continue;
                }
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                new LocalCluster(bin, d, runningAsRoot()).stop();
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("[TestPostgres] could not reap abandoned test clusters: " + e);
        }
    }

    private static String tail(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return "(no file)\n";
            }
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            StringBuilder out = new StringBuilder();
            for (String line : all.subList(Math.max(0, all.size() - lines), all.size())) {
                out.append(line).append('\n');
            }
            return out.toString();
        } catch (IOException e) {
            return "(unreadable: " + e + ")\n";
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    System.err.println("[TestPostgres] could not delete " + p + ": " + e);
                }
            });
        } catch (IOException e) {
            System.err.println("[TestPostgres] could not delete " + root + ": " + e);
        }
    }

    @Override
    public String toString() {
        return "LocalCluster[" + dir + ", port " + port + ", " + bin + (asOsUser ? ", as " + OS_USER : "") + "]";
    }
}
