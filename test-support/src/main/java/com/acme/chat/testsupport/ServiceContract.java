package com.acme.chat.testsupport;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.acme.chat.kit.namespace.ChatNamespace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every service promises ops and clients, checked over real HTTP against the running
 * service: probes, metrics, its SBOM, readiness that reflects its real dependencies, and
 * authentication on everything else. A service's IT extends this and is annotated
 * {@link ChatIntegrationTest}.
 */
public abstract class ServiceContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    protected int port;

    @Autowired
    protected ChatNamespace namespace;

    /** The service's name, also the artifact its SBOM describes. */
    @Value("${spring.application.name}")
    protected String applicationName;

    /**
     * The health components the service's readiness depends on, e.g. {@code cassandra},
     * {@code kafka}.
     */
    protected abstract List<String> readinessDependencies();

    protected String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Test
    void livenessIsUp() {
        HttpResponse<String> response = Http.get(url("/livez"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("UP");
    }

    @Test
    void readinessIsUpAndCoversEveryDependency() {
        await().atMost(Duration.ofSeconds(60))
            .untilAsserted(() -> assertThat(Http.get(url("/readyz")).statusCode()).isEqualTo(200));
        JsonNode components = readiness().path("components");
        for (String dependency : readinessDependencies()) {
            assertThat(components.path(dependency).path("status").asString()).as(dependency).isEqualTo("UP");
        }
        assertThat(components.path("readinessState").path("status").asString()).isEqualTo("UP");
    }

    @Test
    void exposesPrometheusMetrics() {
        HttpResponse<String> response = Http.get(url("/actuator/prometheus"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void servesItsSbomOnlyWithAToken() {
        assertThat(Http.get(url("/actuator/sbom/application")).statusCode()).isEqualTo(401);
        HttpResponse<String> response = Http.get(url("/actuator/sbom/application"), TestTokens.forUser("alice"));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode sbom = JSON.readTree(response.body());
        assertThat(sbom.path("bomFormat").asString()).isEqualTo("CycloneDX");
        assertThat(sbom.path("metadata").path("component").path("name").asString()).isEqualTo(applicationName);
        assertThat(sbom.path("components").valueStream().map(component -> component.path("name").asString()))
            .contains("spring-boot", "common", "service-kit");
    }

    @Test
    void rejectsRequestsWithoutTokenWithProblemDetail() {
        HttpResponse<String> response = Http.get(url("/api/v1/contract-probe"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
            .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertProblemCode(response, "unauthenticated");
    }

    @Test
    void rejectsExpiredTokenWithTokenExpiredCode() {
        HttpResponse<String> response = Http.get(url("/api/v1/contract-probe"), TestTokens.expiredFor("alice"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertProblemCode(response, "token_expired");
    }

    @Test
    void acceptsValidTokenAndAnswersUnknownPathWithProblemDetail() {
        HttpResponse<String> response = Http.get(url("/api/v1/contract-probe"), TestTokens.forUser("alice"));
        assertThat(response.statusCode()).isEqualTo(404);
        assertProblemCode(response, "not_found");
    }

    protected void assertProblemCode(HttpResponse<String> response, String code) {
        assertThat(response.headers().firstValue("Content-Type"))
            .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("code").asString()).isEqualTo(code);
        assertThat(body.path("type").asString()).isEqualTo("urn:chat:problem:" + code);
    }

    /**
     * Asserts that the service declared its topics on Kafka, under this run's fresh
     * {@link TestNamespace}: a topic found was created by this run, not left by an
     * earlier one or by a running stack.
     * @param topics the topics' documented names ({@code Topics} in {@code common})
     */
    protected void assertDeclaresTopics(String... topics) {
        assertThat(namespace.prefix()).isEqualTo(TestNamespace.current());
        List<String> expected = Arrays.stream(topics).map(namespace::topic).toList();
        assertThat(expected).allMatch(topic -> topic.startsWith(TestNamespace.current() + "."));
        assertThat(Schemas.topics()).containsAll(expected);
    }

    protected JsonNode readiness() {
        return Readiness.of(url(""));
    }

    protected String componentStatus(String component) {
        return Readiness.componentStatus(url(""), component);
    }

}
