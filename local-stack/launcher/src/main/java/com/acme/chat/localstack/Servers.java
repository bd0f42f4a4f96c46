package com.acme.chat.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.jar.JarFile;

/**
 * The four infrastructure servers, pinned to the versions in {@code local-stack/pom.xml}
 * and started the way {@code docs/adr/0002-local-stack-without-docker.md} describes.
 * Ports are fixed so that the services' local defaults, the tests and {@code ./chatctl}
 * agree without any configuration.
 */
public final class Servers {

    public static final int REDIS_PORT = 16379;

    public static final int S3_PORT = 19000;

    public static final int CASSANDRA_PORT = 19042;

    public static final int CASSANDRA_STORAGE_PORT = 17000;

    public static final int CASSANDRA_SSL_STORAGE_PORT = 17001;

    public static final int KAFKA_PORT = 19092;

    public static final int KAFKA_CONTROLLER_PORT = 19093;

    /**
     * Ports of the private instances that outage tests stop and start (see
     * {@link #privateInstance}); the shared servers above stay untouched.
     */
    public static final int PRIVATE_REDIS_PORT = 26379;

    public static final int PRIVATE_S3_PORT = 29000;

    public static final int PRIVATE_CASSANDRA_PORT = 29042;

    public static final int PRIVATE_KAFKA_PORT = 29092;

    /**
     * The name prefix of private instances: {@code private-redis},
     * {@code private-cassandra}, …
     */
    public static final String PRIVATE_PREFIX = "private-";

    public static final String S3_ACCESS_KEY = "local-access-key";

    public static final String S3_SECRET_KEY = "local-secret-key";

    private Servers() {
    }

    /**
     * The shared servers in start order: the cheap ones first, then Cassandra, then Kafka
     * (CPU is the constraint on 2 cores).
     */
    public static List<Component> all() {
        return List.of(new Redis("redis", REDIS_PORT), new S3("s3", S3_PORT),
                new Cassandra("cassandra", CASSANDRA_PORT, CASSANDRA_STORAGE_PORT, CASSANDRA_SSL_STORAGE_PORT),
                new Kafka("kafka", KAFKA_PORT, KAFKA_CONTROLLER_PORT));
    }

    /**
     * Private instances, one per kind, on ports of their own, with data of their own: for
     * tests that stop and start a server to watch a service follow the outage. Stopping a
     * shared server would pull it from under everything else that uses it, such as a
     * {@code ./chatctl up} stack.
     */
    public static List<Component> privateInstances() {
        return List.of(new Redis(PRIVATE_PREFIX + "redis", PRIVATE_REDIS_PORT),
                new S3(PRIVATE_PREFIX + "s3", PRIVATE_S3_PORT),
                new Cassandra(PRIVATE_PREFIX + "cassandra", PRIVATE_CASSANDRA_PORT, PRIVATE_CASSANDRA_PORT - 2042,
                        PRIVATE_CASSANDRA_PORT - 2041),
                new Kafka(PRIVATE_PREFIX + "kafka", PRIVATE_KAFKA_PORT, PRIVATE_KAFKA_PORT + 1));
    }

    /**
     * @param kind {@code redis}, {@code s3}, {@code cassandra} or {@code kafka}
     * @return the private instance of that kind
     */
    public static Component privateInstance(String kind) {
        return privateInstances().stream()
            .filter(c -> c.name().equals(PRIVATE_PREFIX + kind))
            .findFirst()
            .orElseThrow(() -> new StackException("No private instance of '" + kind + "'"));
    }

    static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static String resource(String name) {
        try (InputStream in = Servers.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Redis 7 from the PATH ({@code redis-server}, Debian package), else the Redis 6.2
     * binary that {@code com.github.codemonstur:embedded-redis} ships on Maven Central,
     * so a machine with only a JDK and Maven still works. Redis holds only rebuildable
     * state (routes, presence, tickets), so it runs without persistence.
     */
    record Redis(String name, int port) implements Component {

        @Override
        public List<Integer> ports() {
            return List.of(port);
        }

        @Override
        public String address() {
            return "redis://127.0.0.1:" + port;
        }

        @Override
        public List<String> command(StackHome home) {
            return List.of(binary(home), "--port", String.valueOf(port), "--bind", Probes.LOOPBACK, "--save", "",
                    "--appendonly", "no", "--daemonize", "no", "--protected-mode", "yes", "--dir",
                    home.data(name).toString());
        }

        @Override
        public boolean isReady(StackHome home, LogTail log) {
            return Probes.redisPong(port);
        }

        @Override
        public Duration startTimeout() {
            return Duration.ofSeconds(20);
        }

        static String binary(StackHome home) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, "redis-server");
                if (Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
            return extractFallback(home);
        }

        private static String extractFallback(StackHome home) {
            String os = System.getProperty("os.name").toLowerCase();
            String arch = System.getProperty("os.arch");
            String entry;
            if (os.contains("linux")) {
                entry = arch.contains("aarch64") || arch.contains("arm64") ? "redis-server-6.2.7-linux-arm64"
                        : "redis-server-6.2.6-v5-linux-amd64";
            }
            else if (os.contains("mac")) {
                entry = arch.contains("aarch64") ? "redis-server-6.2.6-v5-darwin-arm64"
                        : "redis-server-6.2.6-v5-darwin-amd64";
            }
            else {
                throw new StackException("No redis-server on the PATH and no bundled Redis binary for " + os
                        + ". Install Redis 7 (Debian: apt-get install redis-server).");
            }
            Path target = home.base().resolve("bin").resolve(entry);
            if (!Files.isExecutable(target)) {
                try (JarFile jar = new JarFile(home.serverClasspath("redis"))) {
                    var jarEntry = jar.getJarEntry(entry);
                    if (jarEntry == null) {
                        throw new StackException("The embedded-redis jar has no " + entry);
                    }
                    Files.createDirectories(target.getParent());
                    try (InputStream in = jar.getInputStream(jarEntry)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                    if (!target.toFile().setExecutable(true)) {
                        throw new StackException("Cannot make " + target + " executable");
                    }
                }
                catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }
            System.err.println("note: no redis-server on the PATH; using the Redis 6.2 binary bundled in "
                    + "embedded-redis. Install Redis 7 for parity with production (apt-get install redis-server).");
            return target.toString();
        }

    }

    /**
     * s3proxy with its filesystem backend: an S3-compatible endpoint that keeps objects
     * under .local/data/s3.
     */
    record S3(String name, int port) implements Component {

        @Override
        public List<Integer> ports() {
            return List.of(port);
        }

        @Override
        public String address() {
            return "http://127.0.0.1:" + port;
        }

        @Override
        public void prepare(StackHome home) {
            String props = String.join("\n", "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=aws-v2-or-v4", "s3proxy.identity=" + S3_ACCESS_KEY,
                    "s3proxy.credential=" + S3_SECRET_KEY, "jclouds.provider=filesystem",
                    "jclouds.identity=" + S3_ACCESS_KEY, "jclouds.credential=" + S3_SECRET_KEY,
                    "jclouds.filesystem.basedir=" + home.data(name), "");
            write(config(home), props);
        }

        private Path config(StackHome home) {
            return home.conf().resolve(name.equals("s3") ? "s3proxy.conf" : name + ".conf");
        }

        @Override
        public List<String> command(StackHome home) {
            return List.of(Java.current(), "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-Dchat.stack.component=" + name,
                    "-jar", home.serverClasspath("s3proxy"), "--properties", config(home).toString());
        }

        @Override
        public boolean isReady(StackHome home, LogTail log) {
            // Unauthenticated GET / answers 403 once the server is up.
            return Probes.httpStatus("http://127.0.0.1:" + port + "/") > 0;
        }

        @Override
        public Duration startTimeout() {
            return Duration.ofSeconds(60);
        }

    }

    /**
     * Apache Cassandra 5.0 ({@code cassandra-all}), single node, on Java 17 with its
     * module flags.
     */
    record Cassandra(String name, int port, int storagePort, int sslStoragePort) implements Component {

        private static final List<String> JVM17_FLAGS = List.of("-Djdk.attach.allowAttachSelf=true",
                "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
                "--add-exports=java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
                "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                "--add-exports=java.rmi/sun.rmi.server=ALL-UNNAMED", "--add-exports=java.sql/java.sql=ALL-UNNAMED",
                "--add-exports=java.base/java.lang.ref=ALL-UNNAMED",
                "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
                "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
                "--add-exports=jdk.attach/sun.tools.attach=ALL-UNNAMED",
                "--add-opens=java.base/java.lang.module=ALL-UNNAMED",
                "--add-opens=java.base/jdk.internal.loader=ALL-UNNAMED",
                "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
                "--add-opens=java.base/jdk.internal.reflect=ALL-UNNAMED",
                "--add-opens=java.base/jdk.internal.math=ALL-UNNAMED",
                "--add-opens=java.base/jdk.internal.module=ALL-UNNAMED",
                "--add-opens=java.base/jdk.internal.util.jar=ALL-UNNAMED",
                "--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED",
                "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
                "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
                "-Dio.netty.tryReflectionSetAccessible=true", "-Dio.netty.allocator.useCacheForAllThreads=true",
                "-Dio.netty.allocator.maxOrder=11");

        @Override
        public List<Integer> ports() {
            return List.of(port, storagePort);
        }

        @Override
        public String address() {
            return "127.0.0.1:" + port + " (datacenter1)";
        }

        @Override
        public void prepare(StackHome home) {
            Path data = home.data(name);
            String yaml = resource("cassandra.yaml").replace("@DATA@", data.toString())
                .replace("@NATIVE_PORT@", String.valueOf(port))
                .replace("@STORAGE_PORT@", String.valueOf(storagePort))
                .replace("@SSL_STORAGE_PORT@", String.valueOf(sslStoragePort));
            write(yamlFile(home), yaml);
            write(logbackFile(home), resource("cassandra-logback.xml"));
        }

        private Path yamlFile(StackHome home) {
            return home.conf().resolve(name + ".yaml");
        }

        private Path logbackFile(StackHome home) {
            return home.conf().resolve(name + "-logback.xml");
        }

        /** A private instance holds a few test tables only: a smaller heap does. */
        private String heap() {
            return name.startsWith(PRIVATE_PREFIX) ? "512m"
                    : System.getenv().getOrDefault("CHAT_CASSANDRA_HEAP", "768m");
        }

        @Override
        public List<String> command(StackHome home) {
            String classpath = home.serverClasspath("cassandra");
            String jamm = List.of(classpath.split(":"))
                .stream()
                .filter(jar -> jar.contains("/jamm-"))
                .findFirst()
                .orElseThrow(() -> new StackException("jamm is missing from the Cassandra classpath"));
            String heap = heap();
            List<String> cmd = new ArrayList<>(List.of(Java.java17(), "-Xms" + heap, "-Xmx" + heap, "-Xss256k",
                    "-XX:+UseG1GC", "-XX:+HeapDumpOnOutOfMemoryError", "-Djava.net.preferIPv4Stack=true",
                    "-javaagent:" + jamm, "-Dchat.stack.component=" + name));
            cmd.addAll(JVM17_FLAGS);
            cmd.addAll(List.of("-Dcassandra.config=" + yamlFile(home).toUri(), "-Dcassandra-foreground=yes",
                    "-Dcassandra.storagedir=" + home.data(name), "-Dcassandra.logdir=" + home.logs(),
                    "-Dlogback.configurationFile=" + logbackFile(home),
                    // A single node has nobody to gossip with: do not wait for gossip to
                    // settle.
                    "-Dcassandra.skip_wait_for_gossip_to_settle=0", "-Dcassandra.ring_delay_ms=100", "-cp", classpath,
                    "org.apache.cassandra.service.CassandraDaemon"));
            return cmd;
        }

        @Override
        public boolean isReady(StackHome home, LogTail log) {
            return log.contains("Startup complete") && Probes.portOpen(port);
        }

        @Override
        public Duration startTimeout() {
            return Duration.ofSeconds(180);
        }

        @Override
        public Duration stopTimeout() {
            return Duration.ofSeconds(45);
        }

        @Override
        public boolean dropMemoryLock() {
            return true;
        }

    }

    /** Apache Kafka 4.1 in KRaft mode, one node that is both broker and controller. */
    record Kafka(String name, int port, int controllerPort) implements Component {

        @Override
        public List<Integer> ports() {
            return List.of(port, controllerPort);
        }

        @Override
        public String address() {
            return "127.0.0.1:" + port;
        }

        @Override
        public void prepare(StackHome home) {
            Path data = home.data(name);
            String props = resource("kafka-server.properties").replace("@LOG_DIR@", data.resolve("logs").toString())
                .replace("@PORT@", String.valueOf(port))
                .replace("@CONTROLLER_PORT@", String.valueOf(controllerPort));
            Path config = serverProperties(home);
            write(config, props);
            write(log4jFile(home), resource("kafka-log4j2.xml"));
            Path formatted = data.resolve("logs/meta.properties");
            if (!Files.exists(formatted)) {
                format(home, config);
            }
        }

        private void format(StackHome home, Path config) {
            List<String> cmd = new ArrayList<>(jvm(home, "256m"));
            cmd.addAll(List.of("kafka.tools.StorageTool", "format", "-t", clusterId(), "-c", config.toString(), "-g"));
            Path log = home.log(name);
            try {
                Process process = new ProcessBuilder(cmd).directory(home.root().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
                if (process.waitFor() != 0) {
                    throw new StackException("Formatting the Kafka storage failed (exit " + process.exitValue()
                            + "). Last lines of " + log + ":\n  " + String.join("\n  ", LogTail.lastLines(log, 20)));
                }
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new StackException("interrupted while formatting Kafka storage", ex);
            }
        }

        /**
         * A fresh 22-character URL-safe base64 UUID, the form
         * {@code kafka-storage format -t} expects, never starting with {@code -}: the
         * tool's argument parser would read such an id as an option and fail the format
         * (one start in 64). Kafka's own {@code Uuid.randomUuid()} skips those ids too.
         */
        static String clusterId() {
            while (true) {
                UUID uuid = UUID.randomUUID();
                byte[] bytes = new byte[16];
                for (int i = 0; i < 8; i++) {
                    bytes[i] = (byte) (uuid.getMostSignificantBits() >>> (56 - 8 * i));
                    bytes[8 + i] = (byte) (uuid.getLeastSignificantBits() >>> (56 - 8 * i));
                }
                String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                if (!id.startsWith("-")) {
                    return id;
                }
            }
        }

        private Path serverProperties(StackHome home) {
            return home.conf().resolve(name + "-server.properties");
        }

        private Path log4jFile(StackHome home) {
            return home.conf().resolve(name + "-log4j2.xml");
        }

        private List<String> jvm(StackHome home, String heap) {
            return List.of(Java.current(), "-Xms" + heap, "-Xmx" + heap, "-XX:+UseG1GC",
                    "-Djava.net.preferIPv4Stack=true", "-Dchat.stack.component=" + name,
                    "-Dlog4j2.configurationFile=" + log4jFile(home).toUri(), "-Dkafka.logs.dir=" + home.logs(), "-cp",
                    home.serverClasspath("kafka"));
        }

        @Override
        public List<String> command(StackHome home) {
            List<String> cmd = new ArrayList<>(jvm(home, System.getenv().getOrDefault("CHAT_KAFKA_HEAP", "512m")));
            cmd.addAll(List.of("kafka.Kafka", serverProperties(home).toString()));
            return cmd;
        }

        @Override
        public boolean isReady(StackHome home, LogTail log) {
            return log.contains("Kafka Server started") && Probes.portOpen(port);
        }

    }

}
