package com.acme.chat.lastseen;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.Http;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The docker and k8s profiles put the actuator on a port of its own
 * ({@code management.server.port}): the public port then serves the probes and nothing of
 * the actuator, the management port serves the metrics.
 */
@ChatIntegrationTest
@TestPropertySource(properties = { "management.server.port=0",
        // A second context: keep its listeners out of the shared consumer group.
        "spring.kafka.listener.auto-startup=false" })
class ManagementPortIT {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void thePublicPortServesTheProbesAndTheManagementPortTheMetrics() {
        assertThat(this.managementPort).isNotEqualTo(this.port);
        assertThat(Http.get("http://127.0.0.1:" + this.port + "/livez").statusCode()).isEqualTo(200);
        assertThat(Http.get("http://127.0.0.1:" + this.port + "/readyz").statusCode()).isIn(200, 503);
        assertThat(Http.get("http://127.0.0.1:" + this.port + "/actuator/prometheus").statusCode())
            .as("metrics on the public port")
            .isIn(401, 404);
        assertThat(Http.get("http://127.0.0.1:" + this.managementPort + "/actuator/prometheus").statusCode())
            .isEqualTo(200);
    }

}
