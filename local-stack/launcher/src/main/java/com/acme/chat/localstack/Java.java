package com.acme.chat.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the java binaries the components run on. */
final class Java {

    private Java() {
    }

    /** The java binary of this JVM. */
    static String current() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * A Java 17 binary: Cassandra 5.0 refuses newer JDKs ("Setting a system-wide Policy
     * object is not supported"). Order: {@code JAVA17_HOME}, this JVM if it is 17, then
     * the usual install folders.
     */
    static String java17() {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(System.getenv("JAVA17_HOME")).ifPresent(home -> candidates.add(Path.of(home)));
        if (Runtime.version().feature() == 17) {
            candidates.add(Path.of(System.getProperty("java.home")));
        }
        for (String folder : List.of("/usr/lib/jvm", "/usr/local/lib/jvm", "/opt/java",
                "/Library/Java/JavaVirtualMachines")) {
            Path dir = Path.of(folder);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> homes = Files.list(dir)) {
                    homes.filter(p -> p.getFileName().toString().contains("17")).sorted().forEach(candidates::add);
                }
                catch (IOException ex) {
                    // an unreadable folder is simply not a candidate
                }
            }
        }
        for (Path home : candidates) {
            for (Path bin : List.of(home.resolve("bin/java"), home.resolve("Contents/Home/bin/java"))) {
                if (Files.isExecutable(bin)) {
                    return bin.toString();
                }
            }
        }
        throw new StackException("Cassandra 5.0 needs Java 17, and none was found. Install a JDK 17 and set"
                + " JAVA17_HOME (or JAVA_HOME) to it.");
    }

}
