package com.acme.chat.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The namespaces test runs work in ({@code chat.namespace}): {@code it} and six random
 * lower-case letters or digits, e.g. {@code it3kf9a2}, so that the tests can share the
 * servers with a running {@code ./chatctl up} stack (which has no namespace) and with the
 * leftovers of earlier runs without seeing any of them.
 * <p>
 * Each namespace in use has a lease, {@code .local/run/namespaces/<namespace>}, naming
 * the test JVM that took it (pid and start time, like a pid file). A namespace whose
 * lease is missing or names a process that has ended is stale: its data may be deleted
 * from the servers. Namespaces of this shape are reserved for test runs; do not configure
 * one for anything else.
 */
public final class TestNamespaces {

    /** The shape of a test run's namespace. */
    public static final Pattern NAMESPACE = Pattern.compile("it[a-z0-9]{6}");

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestNamespaces() {
    }

    /**
     * Takes a new namespace for this JVM and writes its lease.
     * @param home the checkout whose servers the tests use
     * @return the namespace
     */
    public static String allocate(StackHome home) {
        while (true) {
            StringBuilder name = new StringBuilder("it");
            for (int i = 0; i < 6; i++) {
                name.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            Path lease = lease(home, name.toString());
            if (!Files.exists(lease)) {
                LocalStack.writePid(lease, ProcessHandle.current());
                return name.toString();
            }
        }
    }

    /**
     * @param name a name found on a server, e.g. a keyspace {@code it3kf9a2_chat_relay}
     * @return the test namespace it belongs to, or null when it belongs to none
     */
    public static String namespaceOf(String name) {
        if (name.length() > 8 && NAMESPACE.matcher(name.substring(0, 8)).matches()
                && "_.:-".indexOf(name.charAt(8)) >= 0) {
            return name.substring(0, 8);
        }
        return null;
    }

    /**
     * @return whether the JVM that took {@code namespace} still runs
     */
    public static boolean isLive(StackHome home, String namespace) {
        return LocalStack.readPid(lease(home, namespace)).isPresent();
    }

    /** Deletes the lease once the namespace's data is gone. */
    public static void release(StackHome home, String namespace) {
        try {
            Files.deleteIfExists(lease(home, namespace));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @return the namespaces with a lease whose JVM has ended
     */
    public static List<String> staleLeases(StackHome home) {
        Path dir = StackHome.dir(home.run().resolve("namespaces"));
        try (Stream<Path> leases = Files.list(dir)) {
            return leases.map(path -> path.getFileName().toString())
                .filter(name -> NAMESPACE.matcher(name).matches())
                .filter(name -> !isLive(home, name))
                .sorted()
                .toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static Path lease(StackHome home, String namespace) {
        return StackHome.dir(home.run().resolve("namespaces")).resolve(namespace);
    }

}
