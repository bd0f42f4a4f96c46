package com.acme.chat.testsupport;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.acme.chat.common.namespace.ChatNamespace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every service promises ops and clients, checked over real HTTP against the running
 * service: probes, metrics, its SBOM, readiness that reflects its real dependencies, an
 * OpenAPI document of its REST API, and authentication on everything else. A service's IT
 * extends this and is annotated {@link ChatIntegrationTest}.
 */
public abstract class ServiceContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String PROBLEM_SCHEMA = "#/components/schemas/ProblemDetail";

    private static final String PROBLEM_JSON = "application/problem+json";

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

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

    /**
     * Paths the service's OpenAPI document must contain besides the probes, as templates,
     * e.g. {@code /api/v1/users/{userId}}.
     */
    protected List<String> documentedPaths() {
        return List.of();
    }

    /**
     * Error codes the OpenAPI document must list for an operation, keyed by method and
     * path, e.g. {@code "POST /api/v1/messages" -> [duplicate_mismatch]}.
     */
    protected Map<String, List<String>> documentedErrorCodes() {
        return Map.of();
    }

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

    /**
     * {@code /v3/api-docs} is public, OpenAPI 3, has the service's paths, and documents
     * its errors as ProblemDetails: every error response of an operation (inline or a
     * shared {@code components.responses} entry) is {@code application/problem+json} with
     * the ProblemDetail schema and one example per code, and every protected operation
     * lists the 401 codes.
     */
    @Test
    void servesItsOpenApiDocumentWithoutToken() {
        HttpResponse<String> response = Http.get(url("/v3/api-docs"));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode api = JSON.readTree(response.body());
        assertThat(api.path("openapi").asString()).startsWith("3.");
        assertThat(api.at("/info/title").asString()).isEqualTo(applicationName);
        assertThat(api.at("/info/version").asString()).isNotBlank();
        assertThat(api.at("/components/securitySchemes/bearer-jwt/scheme").asString()).isEqualTo("bearer");
        assertThat(names(api.at("/components/schemas/ProblemDetail/properties"))).contains("type", "title", "status",
                "detail", "code", "traceId");
        assertThat(names(api.path("paths"))).contains("/livez", "/readyz").containsAll(documentedPaths());

        Set<String> everyCode = new LinkedHashSet<>();
        api.path("components").path("responses").forEach(shared -> everyCode.addAll(problemCodes(api, shared, null)));
        Map<String, Set<String>> byOperation = new LinkedHashMap<>();
        for (String path : names(api.path("paths"))) {
            JsonNode item = api.path("paths").path(path);
            for (String method : names(item)) {
                if (!METHODS.contains(method) || path.equals("/livez") || path.equals("/readyz")) {
                    continue;
                }
                JsonNode operation = item.path(method);
                Set<String> codes = new LinkedHashSet<>();
                for (String status : names(operation.path("responses"))) {
                    if (Integer.parseInt(status) >= 400) {
                        codes.addAll(problemCodes(api, operation.path("responses").path(status), status));
                    }
                }
                if (!operation.has("security")) {
                    assertThat(codes).as("%s %s needs a token, so it answers 401", method, path)
                        .contains("unauthenticated", "token_expired");
                }
                byOperation.put(method.toUpperCase() + " " + path, codes);
                everyCode.addAll(codes);
            }
        }
        assertThat(everyCode).as("error codes documented with the ProblemDetail schema").isNotEmpty();
        documentedErrorCodes().forEach((operation,
                codes) -> assertThat(byOperation.get(operation)).as(operation).isNotNull().containsAll(codes));
    }

    /**
     * The codes a documented error response lists; fails unless it is a ProblemDetail
     * whose examples agree with their names and its status.
     */
    private static List<String> problemCodes(JsonNode api, JsonNode response, @Nullable String status) {
        JsonNode resolved = response;
        if (response.has("$ref")) {
            String ref = response.path("$ref").asString();
            assertThat(ref).startsWith("#/components/responses/");
            resolved = api.at("/components/responses/" + ref.substring(ref.lastIndexOf('/') + 1));
        }
        JsonNode problem = resolved.path("content").path(PROBLEM_JSON);
        assertThat(problem.path("schema").path("$ref").asString()).as("error response %s", response)
            .isEqualTo(PROBLEM_SCHEMA);
        List<String> codes = names(problem.path("examples"));
        assertThat(codes).as("error response %s names its codes", response).isNotEmpty();
        for (String code : codes) {
            JsonNode example = problem.path("examples").path(code).path("value");
            assertThat(example.path("code").asString()).isEqualTo(code);
            assertThat(example.path("type").asString()).isEqualTo("urn:chat:problem:" + code);
            if (status != null) {
                assertThat(example.path("status").asString()).isEqualTo(status);
            }
        }
        return codes;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.propertyNames().forEach(names::add);
        return names;
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
