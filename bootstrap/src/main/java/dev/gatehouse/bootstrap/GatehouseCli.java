package dev.gatehouse.bootstrap;

import dev.gatehouse.postgres.PostgresStores;
import io.micronaut.runtime.server.EmbeddedServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** The {@code gatehouse} command: {@code serve} (default), {@code migrate}, {@code authz validate}, {@code version}. */
@Command(name = "gatehouse", mixinStandardHelpOptions = true, versionProvider = GatehouseCli.Version.class,
        description = "Gatehouse: tenancy, keys, authorization, approvals, entitlements, webhooks and audit for multi-tenant SaaS. "
                + "--debug (anywhere on the line) shows the stack trace of a failure.",
        subcommands = {GatehouseCli.Serve.class, GatehouseCli.Migrate.class, AuthzCommands.class, GatehouseCli.PrintVersion.class,
                CdsTraining.class})
public final class GatehouseCli implements Callable<Integer> {

    public static void main(String[] args) {
        boolean debug = java.util.Arrays.asList(args).contains("--debug");
        String[] rest = java.util.Arrays.stream(args).filter(a -> !a.equals("--debug")).toArray(String[]::new);
        int code = commandLine(debug).execute(rest);
        if (code != 0 || rest.length == 0 || !isServe(rest)) {
            System.exit(code);
        }
    }

    private static boolean isServe(String[] args) {
        return args.length == 0 || "serve".equals(args[0]) || args[0].startsWith("-");
    }

    static CommandLine commandLine() {
        return commandLine(false);
    }

    /**
     * The command line; a command that fails prints one line naming the cause and the setting to fix
     * ({@link StartFailure}), with the stack trace only when {@code debug} ({@code --debug}).
     */
    static CommandLine commandLine(boolean debug) {
        CommandLine cli = new CommandLine(new GatehouseCli());
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (debug) {
                throw e;
            }
            commandLine.getErr().println("gatehouse: " + StartFailure.describe(e) + " (run with --debug for the stack trace)");
            return 1;
        });
        return cli;
    }

    /** No subcommand: serve on the configured port. */
    @Override
    public Integer call() throws Exception {
        return new Serve().call();
    }

    @Command(name = "serve", description = "Start the HTTP server (default). Configured from GATEHOUSE_* environment variables.")
    static final class Serve implements Callable<Integer> {
        @Option(names = "--port", description = "Port to listen on (default: $GATEHOUSE_PORT or 8080; 0 picks a free port).")
        Integer port;

        @Override
        public Integer call() throws Exception {
            ServerConfig config = ServerConfig.fromEnvironment(System.getenv(), port);
            EmbeddedServer server = GatehouseServer.start(config, Map.of());
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.getApplicationContext().close();
                stopped.countDown();
            }, "gatehouse-shutdown"));
            org.slf4j.LoggerFactory.getLogger(GatehouseCli.class).info("Gatehouse listening on {}", server.getURL());
            stopped.await();
            return 0;
        }
    }

    @Command(name = "migrate", description = "Apply database migrations to GATEHOUSE_DATABASE_URL and exit.")
    static final class Migrate implements Callable<Integer> {
        @Override
        public Integer call() {
            ServerConfig config = ServerConfig.fromEnvironment(System.getenv(), null);
            if (config.database().isEmpty()) {
                System.err.println("GATEHOUSE_DATABASE_URL is not set: nothing to migrate (the embedded default keeps data in memory).");
                return 2;
            }
            var db = config.database().get();
            int applied = PostgresStores.migrate(db.jdbcUrl(), db.user(), db.password());
            System.out.println("Applied " + applied + " migration(s).");
            return 0;
        }
    }

    @Command(name = "version", description = "Print the version and exit.")
    static final class PrintVersion implements Callable<Integer> {
        @Override
        public Integer call() {
            System.out.println("gatehouse " + Version.version());
            return 0;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        static String version() {
            String v = GatehouseCli.class.getPackage().getImplementationVersion();
            return v != null ? v : "development";
        }

        @Override
        public String[] getVersion() {
            return new String[]{"gatehouse " + version()};
        }
    }
}
