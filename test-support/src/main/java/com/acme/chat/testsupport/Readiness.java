package com.acme.chat.testsupport;

import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.acme.chat.localstack.Component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A service's readiness as ops see it, over real HTTP; and how it follows an outage. */
public final class Readiness {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Readiness() {
    }

    /**
     * @return the readiness group's JSON of the service at {@code baseUrl}
     */
    public static JsonNode of(String baseUrl) {
        return JSON.readTree(Http.get(baseUrl + "/actuator/health/readiness").body());
    }

    /**
     * @return the status of one readiness component, e.g. {@code cassandra}
     */
    public static String componentStatus(String baseUrl, String component) {
        return of(baseUrl).path("components").path(component).path("status").asString();
    }

    /**
     * Stops a private server instance the service's context points at (see
     * {@link PrivateServers}), expects readiness to go DOWN (503, the component DOWN)
     * while liveness stays UP, starts the instance again and expects readiness back UP,
     * all without restarting the service. Proves the UP state first, so a component that
     * is never UP cannot pass.
     * @param baseUrl the service, e.g. {@code http://127.0.0.1:54321}
     * @param privateServer the instance to stop
     * @param component the readiness component that must follow it
     */
    public static void assertFollowsOutage(String baseUrl, Component privateServer, String component) {
        await().atMost(Duration.ofSeconds(60)).until(() -> Http.get(baseUrl + "/readyz").statusCode() == 200);
        assertThat(componentStatus(baseUrl, component)).isEqualTo("UP");
        PrivateServers.stop(privateServer);
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(Http.get(baseUrl + "/readyz").statusCode()).isEqualTo(503);
                assertThat(componentStatus(baseUrl, component)).isEqualTo("DOWN");
            });
            assertThat(Http.get(baseUrl + "/livez").statusCode()).isEqualTo(200);
        }
        finally {
            PrivateServers.start(privateServer);
        }
        await().atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(500))
            .untilAsserted(() -> assertThat(Http.get(baseUrl + "/readyz").statusCode()).isEqualTo(200));
        assertThat(componentStatus(baseUrl, component)).isEqualTo("UP");
    }

}
