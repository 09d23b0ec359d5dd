package org.patmap.neo4jlocal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.cli.ExecutionContext;
import org.neo4j.commandline.admin.security.SetInitialPasswordCommand;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.SettingValueParsers;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.logging.log4j.Log4jLog;
import org.neo4j.logging.log4j.Log4jLogProvider;

import picocli.CommandLine;
import sun.misc.Signal;

/**
 * Runs an embedded Neo4j Community DBMS with only the Bolt connector, on 127.0.0.1.
 *
 * <pre>
 * PATMAP_NEO4J_PASSWORD=... java [jvm options] -cp "neo4j-local.jar:lib/*" org.patmap.neo4jlocal.LocalNeo4j \
 *     --data-dir DIR --bolt-port PORT [--page-cache 256m] [--tx-timeout 5m] [--exit-on-stdin-eof]
 * </pre>
 *
 * Protocol: exactly one line {@code PATMAP_NEO4J_READY bolt://127.0.0.1:PORT} on stdout once Bolt accepts the
 * password; everything else goes to stderr or to log files under DIR/logs. Exit code 0 after a clean shutdown
 * (SIGTERM, SIGINT or, with --exit-on-stdin-eof, end of stdin), 1 on a startup failure, 2 on bad usage.
 */
public final class LocalNeo4j {
    static final String READY_PREFIX = "PATMAP_NEO4J_READY ";
    static final String PASSWORD_ENV = "PATMAP_NEO4J_PASSWORD";
    private static final String HOST = "127.0.0.1";
    private static final int MIN_PASSWORD_LENGTH = 8;

    private final Options options;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final Object lifecycle = new Object();
    private DatabaseManagementService dbms;
    private Log4jLogProvider userLog;
    private boolean stopped;

    private LocalNeo4j(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        // Only the READY line may appear on the real stdout: route any library chatter to stderr.
        PrintStream protocolOut = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setOut(System.err);

        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("neo4j-local: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        String password = System.getenv(PASSWORD_ENV);
        if (password == null || password.isEmpty()) {
            fail("environment variable " + PASSWORD_ENV + " must hold the password for the Neo4j user 'neo4j'");
        }
        if (password.length() < MIN_PASSWORD_LENGTH) {
            fail(PASSWORD_ENV + " must be at least " + MIN_PASSWORD_LENGTH + " characters long (Neo4j's minimum)");
        }

        new LocalNeo4j(options).run(password, protocolOut);
    }

    @SuppressWarnings("try") // the lock channel is held, not used, for the life of the DBMS
    private void run(String password, PrintStream protocolOut) {
        installStopTriggers();
        try (FileChannel lockChannel = lockDataDir()) {
            boolean freshStore = PasswordSetup.seedInitialPasswordIfNew(options.dataDir, password);
            startDbms();
            Log4jLog log = userLog.getLog(LocalNeo4j.class);
            log.info("patmap: DBMS started" + (freshStore ? " (new store, initial password seeded) " : " ")
                    + sinceJvmStart());
            // A Bolt login is much cheaper than a first Cypher query: only touch the password when it is not the
            // wanted one yet (new store, or PATMAP_NEO4J_PASSWORD changed).
            if (BoltLoginCheck.login(HOST, options.boltPort, "neo4j", password) != BoltLoginCheck.Result.OK) {
                PasswordSetup.ensurePassword(dbms, password);
                log.info("patmap: password of user neo4j set " + sinceJvmStart());
                BoltLoginCheck.Result again = BoltLoginCheck.login(HOST, options.boltPort, "neo4j", password);
                if (again != BoltLoginCheck.Result.OK) {
                    throw new StartupException("Bolt login as neo4j still fails after setting its password: " + again);
                }
            }
            log.info("patmap: Bolt login as neo4j works, ready on bolt://" + HOST + ":" + options.boltPort + " "
                    + sinceJvmStart());

            if (stopRequested.getCount() > 0) {
                protocolOut.println(READY_PREFIX + "bolt://" + HOST + ":" + options.boltPort);
                protocolOut.flush();
                stopRequested.await();
            }
            stop();
        } catch (StartupException e) {
            stop();
            fail(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
        } catch (Throwable e) {
            stop();
            System.err.println("neo4j-local: unexpected failure: " + e);
            e.printStackTrace(System.err);
            System.exit(1);
        }
        System.exit(0);
    }

    /**
     * SIGTERM/SIGINT (and stdin EOF when asked) release the main thread, which then shuts down and exits 0. Our own
     * signal handlers (sun.misc.Signal, as Neo4j's server uses too) because with only a shutdown hook the JVM would
     * exit 143/130 on those signals.
     */
    private void installStopTriggers() {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> stopRequested.countDown());
        }
        // Any other way out of the JVM (SIGHUP, System.exit elsewhere) still closes the store cleanly.
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "neo4j-local-shutdown"));

        if (options.exitOnStdinEof) {
            Thread watcher = new Thread(() -> {
                byte[] buffer = new byte[256];
                try (InputStream in = System.in) {
                    while (in.read(buffer) >= 0) {
                        // discard: stdin only tells us the parent is alive
                    }
                } catch (IOException ignored) {
                    // a broken pipe means the parent is gone as well
                }
                System.err.println("neo4j-local: stdin closed (parent process gone), shutting down");
                stopRequested.countDown();
            }, "neo4j-local-stdin-watch");
            watcher.setDaemon(true);
            watcher.start();
        }
    }

    /**
     * Our own lock on DIR, taken before Neo4j starts, so that a second launcher on the same directory fails at
     * once with a message that names the directory (Neo4j's store lock would catch it too, but later and deeper).
     */
    private FileChannel lockDataDir() throws IOException, StartupException {
        Files.createDirectories(options.dataDir);
        Path lockFile = options.dataDir.resolve("neo4j-local.lock");
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new StartupException("another Neo4j is already running on data dir " + options.dataDir
                    + " (" + lockFile + " is locked); stop it first or use a different data dir");
        }
        return channel;
    }

    private void startDbms() throws StartupException {
        Path home = options.dataDir;
        Map<org.neo4j.graphdb.config.Setting<?>, Object> settings = Map.ofEntries(
                Map.entry(GraphDatabaseSettings.data_directory, home.resolve("data")),
                Map.entry(GraphDatabaseSettings.logs_directory, home.resolve("logs")),
                Map.entry(GraphDatabaseSettings.transaction_logs_root_path, home.resolve("data").resolve("transactions")),
                Map.entry(GraphDatabaseSettings.default_listen_address, new SocketAddress(HOST)),
                Map.entry(GraphDatabaseSettings.default_advertised_address, new SocketAddress(HOST)),
                Map.entry(GraphDatabaseSettings.auth_enabled, true),
                Map.entry(GraphDatabaseSettings.pagecache_memory, options.pageCacheBytes),
                Map.entry(GraphDatabaseSettings.transaction_timeout, options.transactionTimeout),
                Map.entry(GraphDatabaseSettings.routing_enabled, false),
                // no anonymous usage report (the server distribution asks about it; embedded would just send it)
                Map.entry(GraphDatabaseSettings.udc_enabled, false),
                // Netty waits a 5 s quiet period twice (boss + workers) when Bolt stops; the DBs are closed by then
                Map.entry(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 1),
                Map.entry(BoltConnector.enabled, true),
                Map.entry(BoltConnector.listen_address, new SocketAddress(HOST, options.boltPort)),
                Map.entry(BoltConnector.advertised_address, new SocketAddress(HOST, options.boltPort)),
                Map.entry(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED),
                Map.entry(HttpConnector.enabled, false),
                Map.entry(HttpsConnector.enabled, false));

        // The user log (what a server writes to logs/neo4j.log); debug.log, query.log etc. come from Neo4j's
        // default log4j setup under logs_directory.
        Log4jLogProvider log;
        try {
            Files.createDirectories(home.resolve("logs"));
            OutputStream neo4jLog = Files.newOutputStream(home.resolve("logs").resolve("neo4j.log"),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            log = new Log4jLogProvider(neo4jLog);
        } catch (IOException e) {
            throw new StartupException("cannot write logs under " + home.resolve("logs") + ": " + e.getMessage(), e);
        }

        DatabaseManagementService started;
        try {
            started = new DatabaseManagementServiceBuilder(home).setConfig(settings).setUserLogProvider(log).build();
        } catch (RuntimeException e) {
            log.close();
            throw explainStartFailure(e);
        }
        synchronized (lifecycle) {
            dbms = started;
            userLog = log;
            if (stopped) {
                // a shutdown hook ran while we were starting
                started.shutdown();
                log.close();
            }
        }
    }

    private StartupException explainStartFailure(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t.getClass().getSimpleName().equals("FileLockException") || message.contains("locked by another")) {
                return new StartupException("the Neo4j store in " + options.dataDir
                        + " is locked by another process (another Neo4j is using it); stop it first or use a different data dir", e);
            }
            if (t instanceof BindException || message.contains("Address already in use")) {
                return new StartupException("Bolt port " + HOST + ":" + options.boltPort
                        + " is already in use; pick another port", e);
            }
        }
        return new StartupException("Neo4j failed to start (details in " + options.dataDir.resolve("logs")
                + "): " + rootMessage(e), e);
    }

    private static String rootMessage(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (out.length() > 0) {
                out.append(" <- ");
            }
            out.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return out.toString();
    }

    private static String sinceJvmStart() {
        return ProcessHandle.current().info().startInstant()
                .map(start -> "(" + Duration.between(start, java.time.Instant.now()).toMillis() + " ms after JVM start)")
                .orElse("");
    }

    private void stop() {
        DatabaseManagementService toStop;
        Log4jLogProvider logToClose;
        synchronized (lifecycle) {
            if (stopped) {
                return;
            }
            stopped = true;
            toStop = dbms;
            logToClose = userLog;
        }
        if (toStop != null) {
            try {
                toStop.shutdown();
            } catch (RuntimeException e) {
                System.err.println("neo4j-local: error during shutdown: " + e);
            }
        }
        if (logToClose != null) {
            logToClose.close();
        }
    }

    private static void fail(String message) {
        System.err.println("neo4j-local: " + message);
        System.exit(1);
    }

    /** A startup problem with a message meant for the person running patmap. */
    static final class StartupException extends Exception {
        private static final long serialVersionUID = 1L;

        StartupException(String message) {
            super(message);
        }

        StartupException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Command-line options. */
    static final class Options {
        static final String USAGE = "usage: LocalNeo4j --data-dir DIR --bolt-port PORT [--page-cache 256m]"
                + " [--tx-timeout 5m] [--exit-on-stdin-eof]";

        Path dataDir;
        int boltPort = -1;
        long pageCacheBytes = SettingValueParsers.BYTES.parse("256m");
        Duration transactionTimeout = Duration.ofMinutes(5);
        boolean exitOnStdinEof;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--data-dir" -> o.dataDir = Path.of(value(args, ++i, arg)).toAbsolutePath().normalize();
                    case "--bolt-port" -> o.boltPort = parsePort(value(args, ++i, arg));
                    case "--page-cache" -> o.pageCacheBytes = parse(value(args, ++i, arg), arg, SettingValueParsers.BYTES::parse);
                    case "--tx-timeout" -> o.transactionTimeout = parse(value(args, ++i, arg), arg, SettingValueParsers.DURATION::parse);
                    case "--exit-on-stdin-eof" -> o.exitOnStdinEof = true;
                    default -> throw new IllegalArgumentException("unknown argument " + arg);
                }
            }
            if (o.dataDir == null) {
                throw new IllegalArgumentException("--data-dir is required");
            }
            if (o.boltPort < 0) {
                throw new IllegalArgumentException("--bolt-port is required");
            }
            return o;
        }

        private static String value(String[] args, int i, String name) {
            if (i >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            return args[i];
        }

        private static int parsePort(String text) {
            try {
                int port = Integer.parseInt(text);
                if (port >= 1 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException ignored) {
                // fall through
            }
            throw new IllegalArgumentException("--bolt-port must be a number from 1 to 65535, got " + text);
        }

        private static <T> T parse(String text, String name, java.util.function.Function<String, T> parser) {
            try {
                return parser.apply(text);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(name + ": cannot parse '" + text + "': " + e.getMessage());
            }
        }
    }

    /** Makes the built-in user 'neo4j' have the wanted password, with no forced change. */
    static final class PasswordSetup {
        private PasswordSetup() {}

        /**
         * Before the very first start of a store, does what {@code neo4j-admin dbms set-initial-password} does
         * (writes data/dbms/auth.ini, read when the system database is created), which spares the first start a
         * Cypher ALTER USER on a cold JVM (several seconds). Returns whether the store was new.
         */
        static boolean seedInitialPasswordIfNew(Path home, String password) throws StartupException {
            Path systemStore = home.resolve("data").resolve("databases").resolve(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
            if (Files.exists(systemStore)) {
                return false;
            }
            PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
            ExecutionContext context = new ExecutionContext(
                    home, home.resolve("conf"), discard, System.err, new DefaultFileSystemAbstraction());
            int exit = new CommandLine(new SetInitialPasswordCommand(context)).execute("--", password);
            if (exit != 0) {
                throw new StartupException("could not set the initial password of user neo4j (exit " + exit + ")");
            }
            return true;
        }

        static void ensurePassword(DatabaseManagementService dbms, String password) throws StartupException {
            var system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
            try {
                system.executeTransactionally(
                        "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
            } catch (QueryExecutionException e) {
                if (!String.valueOf(e.getMessage()).contains("Old password and new password cannot be the same")) {
                    throw new StartupException("could not set the password of user neo4j: " + e.getMessage(), e);
                }
                // Already the wanted password: only make sure no change is required.
                system.executeTransactionally("ALTER USER neo4j SET PASSWORD CHANGE NOT REQUIRED");
            }
        }
    }
}
