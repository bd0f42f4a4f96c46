package com.acme.chat.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docker-compose.yml} on the server versions pinned in
 * {@code local-stack/pom.xml}, which reach the launcher through the filtered
 * {@code versions.properties}. The compose file is read as text: the launcher has no
 * dependencies, not even a YAML parser.
 */
class DockerComposeVersionsTest {

    private static final Pattern IMAGE_LINE = Pattern.compile("(?m)^\\s*image:\\s*[\"']?([^\\s\"'#]+)");

    private static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+)+");

    private static Properties versions;

    private static List<String> composeImages;

    @BeforeAll
    static void readVersionsAndComposeFile() throws IOException {
        versions = new Properties();
        try (InputStream in = DockerComposeVersionsTest.class.getResourceAsStream("versions.properties")) {
            assertThat(in).as("versions.properties next to the launcher classes").isNotNull();
            versions.load(in);
        }
        String compose = Files.readString(repositoryRoot().resolve("docker-compose.yml"));
        Matcher images = IMAGE_LINE.matcher(compose);
        composeImages = images.results().map(match -> match.group(1)).toList();
    }

    @Test
    void composeUsesTheKafkaVersionTheLauncherRuns() {
        assertThat(composeImages).contains("apache/kafka:" + version("kafka"));
    }

    @Test
    void composeUsesTheCassandraVersionTheLauncherRuns() {
        assertThat(composeImages).contains("cassandra:" + version("cassandra"));
    }

    @Test
    void composeUsesTheRedisVersionTheLauncherRuns() {
        assertThat(composeImages).contains("redis:" + version("redis"));
    }

    @Test
    void composeUsesTheS3proxyVersionTheLauncherRuns() {
        assertThat(composeImages).contains("andrewgaul/s3proxy:" + version("s3proxy"));
    }

    @Test
    void composePinsEveryServerImageToAVersion() {
        assertThat(composeImages).isNotEmpty().allSatisfy(image -> {
            assertThat(image).as("image reference").contains(":");
            assertThat(image.substring(image.lastIndexOf(':') + 1)).as("tag of %s", image).matches(VERSION);
        });
    }

    /**
     * A version from the POM; an unfiltered {@code ${...}} placeholder fails here rather
     * than as a mismatch.
     */
    private static String version(String server) {
        String version = versions.getProperty(server);
        assertThat(version).as("version of %s in versions.properties", server).isNotNull().matches(VERSION);
        return version;
    }

    /**
     * The first folder at or above the working directory that holds both
     * docker-compose.yml and local-stack.
     */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            boolean root = Files.isRegularFile(dir.resolve("docker-compose.yml"))
                    && Files.isDirectory(dir.resolve("local-stack"));
            if (root) {
                return dir;
            }
        }
        return fail("no docker-compose.yml next to local-stack/ at or above %s", Path.of("").toAbsolutePath());
    }

}
