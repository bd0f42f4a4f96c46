package com.acme.chat.localstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Starts, watches and stops the stack's processes. Each running component has a pid file
 * ({@code .local/run/<name>.pid}) holding its pid and start time, so a recycled pid is
 * never mistaken for ours. All state-changing operations hold a file lock, so
 * {@code ./chatctl} and a concurrent build cannot race.
 *
 * <p>
 * Ownership: servers started by {@code ./chatctl up} stay until {@code ./chatctl down}.
 * Servers a build started (because none were running) belong to that build's Maven
 * process: a small reaper process stops them when it ends. A build that finds servers
 * already running reuses them and leaves them alone.
 */
public final class LocalStack {

    private static final Object JVM_LOCK = new Object();

    /**
     * Guarded by {@link #JVM_LOCK}: whether this JVM holds the file lock (file locks are
     * per JVM, not per thread).
     */
    private static boolean lockHeld;

    private final StackHome home;

    private final Consumer<String> out;

    public LocalStack(StackHome home, Consumer<String> out) {
        this.home = home;
        this.out = out;
    }

    public static LocalStack locate(Consumer<String> out) {
        return new LocalStack(StackHome.locate(), out);
    }

    public StackHome home() {
        return home;
    }

    /**
     * Every component, servers first, in start order: the shared servers, the private
     * server instances of outage tests, the developer's services and the end-to-end
     * tests' services.
     */
    public static List<Component> components() {
        return Stream.of(Servers.all(), Servers.privateInstances(), Services.all(), Services.forTests(""))
            .flatMap(List::stream)
            .toList();
    }

    /**
     * @return whether the component is one of the shared servers or the developer's
     * services, which {@code ./chatctl} manages (the others exist only while tests run)
     */
    public static boolean isStackComponent(Component component) {
        return Servers.all().contains(component) || Services.all().contains(component);
    }

    public static Component component(String name) {
        return components().stream()
            .filter(c -> c.name().equals(name))
            .findFirst()
            .orElseThrow(() -> new StackException("Unknown component '" + name + "'. Known: "
                    + String.join(", ", components().stream().map(Component::name).toList())));
    }

    /** What {@code ./chatctl status} shows for one component. */
    public enum State {

        /** Running and ready. */
        UP,
        /** Running, not ready (yet). */
        STARTING,
        /** Not running. */
        DOWN,
        /** Not ours, but something else holds its port. */
        PORT_TAKEN

    }

    public State state(Component component) {
        if (process(component).isPresent()) {
            return component.isReady(home, LogTail.whole(home.log(component.name()))) ? State.UP : State.STARTING;
        }
        return component.ports().stream().anyMatch(Probes::portOpen) ? State.PORT_TAKEN : State.DOWN;
    }

    /** The live process of a component we started, if any. */
    public Optional<ProcessHandle> process(Component component) {
        return process(component.name());
    }

    Optional<ProcessHandle> process(String name) {
        return readPid(pidFile(name));
    }

    // ---------------------------------------------------------------- start

    /**
     * Starts the four servers, staggered: Redis and S3 together, then Cassandra, then
     * Kafka.
     */
    public void startServers() {
        locked(() -> {
            startInOrder(Servers.all());
            return null;
        });
    }

    /** Starts the six services together and waits until every one is ready. */
    public void startServices() {
        locked(() -> {
            startInOrder(Services.all());
            return null;
        });
    }

    /**
     * For a build's integration tests: the four shared servers, reused when they run (a
     * {@code ./chatctl up} stack, an earlier module), else started for this build. The
     * tests work in a namespace of their own, so a running stack's services do not
     * disturb them and are not disturbed.
     */
    public void ensureServersForBuild() {
        ensureForBuild(Servers.all());
    }

    /**
     * For a build's end-to-end tests: the shared servers, and the tests' own six services
     * ({@link Services#forTests}) started afresh in {@code namespace}. A set left running
     * by an earlier run is replaced, because its namespace is not this run's.
     * @param namespace the test run's {@code chat.namespace}
     */
    public void ensureTestServicesForBuild(String namespace) {
        locked(() -> {
            ensureServersForBuild();
            stop(Services.forTests(namespace));
            ensureForBuild(Services.forTests(namespace));
            return null;
        });
    }

    /**
     * Starts the private instance of a server (see {@link Servers#privateInstances}) for
     * this build, on empty data, unless it already runs. Outage tests stop and start it;
     * the shared servers stay untouched.
     * @param kind {@code redis}, {@code s3}, {@code cassandra} or {@code kafka}
     * @return the instance, running and ready
     */
    public Component ensurePrivateForBuild(String kind) {
        Component instance = Servers.privateInstance(kind);
        return locked(() -> {
            if (process(instance).isEmpty()) {
                deleteTree(home.base().resolve("data").resolve(instance.name()));
            }
            ensureForBuild(List.of(instance));
            return instance;
        });
    }

    /**
     * Starts extra components for this build (the fault tests' additional service
     * instances), together, and waits until they are ready; stopped when the build ends.
     */
    public void startForBuild(List<Component> components) {
        ensureForBuild(components);
    }

    /**
     * Starts whichever of {@code wanted} do not run yet. What this call starts belongs to
     * the calling Maven build and is stopped when that build ends; what already ran
     * (./chatctl up, an earlier module) is reused as is.
     */
    private void ensureForBuild(List<Component> wanted) {
        locked(() -> {
            List<Component> missing = wanted.stream().filter(c -> process(c).isEmpty()).toList();
            if (missing.isEmpty()) {
                return null;
            }
            out.accept("Starting for the build: " + String.join(", ", missing.stream().map(Component::name).toList()));
            // Claimed before they start: when one fails to start, the build's end still
            // stops the others.
            Optional<ProcessHandle> build = BuildOwner.find();
            if (build.isPresent()) {
                BuildOwner.claim(this, missing, build.get());
            }
            else {
                out.accept("No Maven process found above this JVM: these stay up; ./chatctl down stops them.");
            }
            startInOrder(missing);
            return null;
        });
    }

    /**
     * Staggered start (CPU is the constraint): Redis and S3, then Cassandra, then Kafka,
     * then services together.
     */
    private void startInOrder(List<Component> components) {
        List<Component> cheap = components.stream()
            .filter(c -> c instanceof Servers.Redis || c instanceof Servers.S3)
            .toList();
        startTogether(cheap);
        components.stream().filter(c -> c instanceof Servers.Cassandra).forEach(c -> startUnlocked(c).join());
        components.stream().filter(c -> c instanceof Servers.Kafka).forEach(c -> startUnlocked(c).join());
        startTogether(components.stream().filter(c -> c instanceof Services.Service).toList());
    }

    /**
     * Starts one component (a no-op when it already runs) and waits until it is ready.
     */
    public void start(Component component) {
        locked(() -> {
            startUnlocked(component).join();
            return null;
        });
    }

    private void startTogether(List<Component> group) {
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (Component component : group) {
            starts.add(startUnlocked(component));
        }
        try {
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
        }
        catch (CompletionException ex) {
            if (ex.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw ex;
        }
    }

    /** Spawns the process now; the returned future completes when it is ready. */
    private CompletableFuture<Void> startUnlocked(Component component) {
        if (process(component).isPresent()) {
            return CompletableFuture.runAsync(() -> awaitReady(component, LogTail.whole(home.log(component.name())),
                    process(component).orElseThrow(), Instant.now()));
        }
        for (int port : component.ports()) {
            if (Probes.portOpen(port)) {
                throw new StackException("Port " + port + " (" + component.name() + ") is already taken by a process"
                        + " this checkout did not start. Find it with: ss -ltnp 'sport = :" + port + "'"
                        + " and stop it, or stop the other checkout's stack with its ./chatctl down.");
            }
        }
        component.prepare(home);
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            // Own session: Ctrl-C in the terminal that ran ./chatctl up must not kill the
            // servers.
            command.add("/usr/bin/setsid");
        }
        if (component.dropMemoryLock() && isRoot() && Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            // As root, Cassandra's JNA mlockall would pin the whole heap (1.4 GB RSS idle
            // instead of ~500 MB).
            command.addAll(List.of("/usr/bin/setpriv", "--inh-caps=-ipc_lock", "--bounding-set=-ipc_lock", "--"));
        }
        command.addAll(component.command(home));
        Path log = home.log(component.name());
        appendLine(log, "=== " + Instant.now() + " starting " + component.name() + ": " + String.join(" ", command));
        LogTail tail = LogTail.fromEnd(log);
        Instant started = Instant.now();
        out.accept("  starting " + component.name() + " ...");
        ProcessHandle handle;
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(home.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(component.environment(home));
            handle = builder.start().toHandle();
        }
        catch (IOException ex) {
            throw new StackException("Cannot start " + component.name() + ": " + ex.getMessage(), ex);
        }
        writePid(pidFile(component.name()), handle);
        return CompletableFuture.runAsync(() -> awaitReady(component, tail, handle, started));
    }

    private void awaitReady(Component component, LogTail tail, ProcessHandle handle, Instant started) {
        Instant deadline = started.plus(component.startTimeout());
        Path log = home.log(component.name());
        while (true) {
            if (!handle.isAlive()) {
                deletePid(component.name());
                throw new StackException(component.name() + " exited during start-up. Last lines of its log:\n  "
                        + String.join("\n  ", LogTail.lastLines(log, 25)) + "\nFull log: " + log);
            }
            if (component.isReady(home, tail)) {
                out.accept(String.format("  %-18s ready in %5.1f s", component.name(),
                        Duration.between(started, Instant.now()).toMillis() / 1000.0));
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new StackException(
                        component.name() + " was not ready within " + component.startTimeout().toSeconds()
                                + " s (it is still running; ./chatctl down stops it). Last lines of its log:\n  "
                                + String.join("\n  ", LogTail.lastLines(log, 25)) + "\nFull log: " + log);
            }
            sleep(200);
        }
    }

    // ---------------------------------------------------------------- stop

    /**
     * Stops services first, then the servers in reverse start order, then any build
     * reaper.
     */
    public void stopAll() {
        locked(() -> {
            stop(components());
            BuildOwner.releaseAll(this);
            return null;
        });
    }

    /**
     * Stops the given components: services first (together), then servers in reverse
     * start order.
     */
    void stop(List<Component> components) {
        locked(() -> {
            stopTogether(components.stream().filter(c -> c instanceof Services.Service).toList());
            List<Component> servers = new ArrayList<>(
                    components.stream().filter(c -> !(c instanceof Services.Service)).toList());
            java.util.Collections.reverse(servers);
            for (Component server : servers) {
                stopUnlocked(server);
            }
            return null;
        });
    }

    /** Stops one component; returns false when it was not running. */
    public boolean stop(Component component) {
        return locked(() -> stopUnlocked(component));
    }

    private void stopTogether(List<Component> group) {
        CompletableFuture
            .allOf(group.stream()
                .map(c -> CompletableFuture.runAsync(() -> stopUnlocked(c)))
                .toArray(CompletableFuture[]::new))
            .join();
    }

    private boolean stopUnlocked(Component component) {
        Optional<ProcessHandle> process = process(component);
        if (process.isEmpty()) {
            deletePid(component.name());
            return false;
        }
        Instant begin = Instant.now();
        terminate(process.get(), component.stopTimeout());
        deletePid(component.name());
        out.accept(String.format("  %-18s stopped in %4.1f s", component.name(),
                Duration.between(begin, Instant.now()).toMillis() / 1000.0));
        return true;
    }

    static void terminate(ProcessHandle process, Duration grace) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (Exception ex) {
            process.destroyForcibly();
            process.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    // ---------------------------------------------------------------- pid files and
    // locking

    Path pidFile(String name) {
        return home.run().resolve(name + ".pid");
    }

    void deletePid(String name) {
        try {
            Files.deleteIfExists(pidFile(name));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static void writePid(Path file, ProcessHandle handle) {
        long startedAt = handle.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        try {
            Files.writeString(file, handle.pid() + " " + startedAt + "\n", StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * The live process a pid file names, if its start time still matches (pids get
     * recycled).
     */
    static Optional<ProcessHandle> readPid(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String[] parts = Files.readString(file, StandardCharsets.UTF_8).trim().split("\\s+");
            long pid = Long.parseLong(parts[0]);
            long startedAt = parts.length > 1 ? Long.parseLong(parts[1]) : 0L;
            return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> startedAt == 0L || p.info()
                    .startInstant()
                    .map(s -> Math.abs(s.toEpochMilli() - startedAt) < 2000)
                    .orElse(true));
        }
        catch (IOException | RuntimeException ex) {
            return Optional.empty();
        }
    }

    /**
     * Runs {@code action} holding the stack lock; re-entrant for the thread that holds
     * it.
     */
    <T> T locked(Supplier<T> action) {
        synchronized (JVM_LOCK) {
            if (lockHeld) {
                return action.get();
            }
            try (FileChannel channel = FileChannel.open(home.run().resolve("stack.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                lockHeld = true;
                return action.get();
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            finally {
                lockHeld = false;
            }
        }
    }

    /** Where this launcher's classes are, to start a reaper JVM from them. */
    static String ownClasspath() {
        try {
            return Path.of(LocalStack.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        }
        catch (URISyntaxException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    static void appendLine(Path file, String line) {
        try {
            Files.writeString(file, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", ex);
        }
    }

}
