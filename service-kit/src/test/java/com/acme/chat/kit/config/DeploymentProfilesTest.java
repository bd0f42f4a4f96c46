package com.acme.chat.kit.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service's {@code application.yml} may and must say outside the local
 * profile: no dev secrets, keys or origins by default, the actuator on a port of its own
 * in the deployable profiles ({@code docker}, {@code k8s}), and there credentials for
 * every server the service uses, taken from the environment without a default.
 */
class DeploymentProfilesTest {

    @Test
    void deployableProfilesMoveTheActuatorOffThePublicPort() throws IOException {
        List<String> checked = new ArrayList<>();
        for (Path file : serviceConfigs()) {
            for (PropertySource<?> document : documents(file)) {
                String profile = profile(document);
                if ("docker".equals(profile) || "k8s".equals(profile)) {
                    assertThat(document.getProperty("management.server.port")).as("%s, profile %s", file, profile)
                        .isNotNull();
                    checked.add(file.getParent().getParent().getParent().getParent().getFileName() + "/" + profile);
                }
            }
        }
        assertThat(checked).hasSize(12);
    }

    @Test
    void devSecretsKeysAndOriginsExistOnlyInTheLocalProfile() throws IOException {
        for (Path file : serviceConfigs()) {
            for (PropertySource<?> document : documents(file)) {
                if ("local".equals(profile(document))) {
                    continue;
                }
                String where = file + ", profile " + profile(document);
                assertThat(document.getProperty("chat.security.jwt.hmac-secret")).as(where).isNull();
                Object origins = document.getProperty("chat.wsmanager.allowed-origins");
                assertThat(origins == null ? "" : origins.toString()).as(where)
                    .doesNotContain("localhost", "127.0.0.1");
                for (String key : List.of("chat.asset.s3.access-key", "chat.asset.s3.secret-key")) {
                    Object value = document.getProperty(key);
                    if (value != null) {
                        assertThat(value.toString()).as("%s: %s only from the environment", where, key)
                            .matches("\\$\\{[A-Z0-9_]+}");
                    }
                }
            }
        }
    }

    @Test
    void deployableProfilesLogInToEveryServerWithCredentialsFromTheEnvironment() throws IOException {
        List<String> checked = new ArrayList<>();
        for (Path file : serviceConfigs()) {
            List<PropertySource<?>> documents = documents(file);
            PropertySource<?> base = documents.stream()
                .filter(document -> "default".equals(profile(document)))
                .findFirst()
                .orElseThrow();
            for (PropertySource<?> document : documents) {
                String profile = profile(document);
                if (!"docker".equals(profile) && !"k8s".equals(profile)) {
                    continue;
                }
                String where = file + ", profile " + profile;
                if (base.containsProperty("spring.cassandra.contact-points")) {
                    assertFromEnvironment(document, where, "spring.cassandra.username");
                    assertFromEnvironment(document, where, "spring.cassandra.password");
                }
                if (base.containsProperty("spring.data.redis.host")) {
                    assertFromEnvironment(document, where, "spring.data.redis.username");
                    assertFromEnvironment(document, where, "spring.data.redis.password");
                }
                if (base.containsProperty("spring.kafka.bootstrap-servers")) {
                    assertThat(String.valueOf(document.getProperty("spring.kafka.security.protocol"))).as(where)
                        .contains("SASL_");
                    assertThat(document.getProperty("spring.kafka.properties.sasl.mechanism")).as(where).isNotNull();
                    Object jaas = document.getProperty("spring.kafka.properties.sasl.jaas.config");
                    assertThat(jaas).as("%s: spring.kafka.properties.sasl.jaas.config", where).isNotNull();
                    assertThat(jaas.toString()).as(where)
                        .containsPattern("username=\"\\$\\{[A-Z0-9_]+}\"")
                        .containsPattern("password=\"\\$\\{[A-Z0-9_]+}\"");
                }
                checked.add(where);
            }
        }
        assertThat(checked).hasSize(12);
    }

    private static void assertFromEnvironment(PropertySource<?> document, String where, String key) {
        Object value = document.getProperty(key);
        assertThat(value).as("%s: %s", where, key).isNotNull();
        assertThat(value.toString()).as("%s: %s only from the environment, without a default", where, key)
            .matches("\\$\\{[A-Z0-9_]+}");
    }

    private static List<Path> serviceConfigs() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        try (Stream<Path> modules = Files.list(root)) {
            List<Path> configs = modules.filter(module -> module.getFileName().toString().endsWith("-service"))
                .map(module -> module.resolve("src/main/resources/application.yml"))
                .filter(Files::isRegularFile)
                .sorted()
                .toList();
            assertThat(configs).as("the six services' application.yml under %s", root).hasSize(6);
            return configs;
        }
    }

    private static List<PropertySource<?>> documents(Path file) throws IOException {
        return new YamlPropertySourceLoader().load(file.toString(), new FileSystemResource(file));
    }

    private static String profile(PropertySource<?> document) {
        Object profile = document.getProperty("spring.config.activate.on-profile");
        return (profile == null) ? "default" : profile.toString();
    }

}
