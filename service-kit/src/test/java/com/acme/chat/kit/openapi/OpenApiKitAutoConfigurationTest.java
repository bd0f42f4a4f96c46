package com.acme.chat.kit.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.springdoc.core.configuration.SpringDocConfiguration;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.webmvc.core.configuration.SpringDocWebMvcConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.kit.cassandra.CassandraWebKitAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The document springdoc builds for a small controller with the kit's customisers: what
 * each operation documents, what is shared, what the switch turns off.
 */
class OpenApiKitAutoConfigurationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
        .withConfiguration(
                AutoConfigurations.of(JacksonAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
                        WebMvcAutoConfiguration.class, SpringDocConfiguration.class, SpringDocConfigProperties.class,
                        SpringDocWebMvcConfiguration.class, OpenApiKitAutoConfiguration.class))
        .withUserConfiguration(ThingController.class)
        .withPropertyValues("spring.application.name=thing-service", "chat.security.public-paths=/livez,/open/**");

    @Test
    void documentsTheDeclaredCodesAtTheirStatusesWithTheSharedSchema() {
        runner.run(document(api -> {
            JsonNode create = api.at("/paths/~1api~1v1~1things/post/responses");
            assertThat(exampleCodes(create.path("400"))).containsExactlyInAnyOrder("validation_failed",
                    "malformed_json");
            assertThat(exampleCodes(create.path("409"))).containsExactly("duplicate_mismatch");
            assertThat(exampleCodes(create.path("415"))).containsExactly("unsupported_media_type");
            assertThat(create.path("400").at("/content/application~1problem+json/schema/$ref").asString())
                .isEqualTo("#/components/schemas/ProblemDetail");
            JsonNode example = create.path("400")
                .at("/content/application~1problem+json/examples/validation_failed/value");
            assertThat(example.path("type").asString()).isEqualTo("urn:chat:problem:validation_failed");
            assertThat(example.path("status").asInt()).isEqualTo(400);
            assertThat(example.path("code").asString()).isEqualTo("validation_failed");
            JsonNode read = api.at("/paths/~1api~1v1~1things~1{thingId}/get/responses");
            assertThat(exampleCodes(read.path("404"))).containsExactly("unknown_user");
            assertThat(read.has("400")).as("no body, no declared 400").isFalse();
            assertThat(read.has("415")).isFalse();
            JsonNode problem = api.at("/components/schemas/ProblemDetail");
            assertThat(names(problem.path("properties"))).contains("type", "title", "status", "detail", "code",
                    "traceId");
            assertThat(problem.path("required").values().stream().map(JsonNode::asString))
                .containsExactlyInAnyOrder("type", "title", "status", "code");
        }));
    }

    @Test
    void protectedOperationsShareTheirAuthenticationAndInternalResponses() {
        runner.run(document(api -> {
            JsonNode responses = api.at("/paths/~1api~1v1~1things~1{thingId}/get/responses");
            assertThat(responses.at("/401/$ref").asString())
                .isEqualTo("#/components/responses/UnauthenticatedOrTokenExpired");
            assertThat(responses.at("/500/$ref").asString()).isEqualTo("#/components/responses/Internal");
            assertThat(exampleCodes(api.at("/components/responses/UnauthenticatedOrTokenExpired")))
                .containsExactlyInAnyOrder("unauthenticated", "token_expired");
            assertThat(api.at("/paths/~1api~1v1~1things~1{thingId}/get").has("security"))
                .as("the document-wide bearer requirement applies")
                .isFalse();
            assertThat(api.at("/security/0").has(BearerScheme.NAME)).isTrue();
            JsonNode scheme = api.at("/components/securitySchemes/" + BearerScheme.NAME);
            assertThat(scheme.path("type").asString()).isEqualTo("http");
            assertThat(scheme.path("scheme").asString()).isEqualTo("bearer");
            assertThat(scheme.path("bearerFormat").asString()).isEqualTo("JWT");
            assertThat(responses.has("503")).as("no shared 503 without Cassandra").isFalse();
        }));
    }

    @Test
    void publicPathsNeedNoTokenAndAnswerNo401() {
        runner.run(document(api -> {
            JsonNode ping = api.at("/paths/~1open~1ping/get");
            assertThat(ping.path("security").isArray()).isTrue();
            assertThat(ping.path("security").isEmpty()).isTrue();
            assertThat(ping.path("responses").has("401")).isFalse();
            assertThat(ping.at("/responses/500/$ref").asString()).isEqualTo("#/components/responses/Internal");
        }));
    }

    @Test
    void sharedErrorCodesReachEveryProtectedOperation() {
        runner.withConfiguration(AutoConfigurations.of(CassandraWebKitAutoConfiguration.class)).run(document(api -> {
            assertThat(api.at("/paths/~1api~1v1~1things~1{thingId}/get/responses/503/$ref").asString())
                .isEqualTo("#/components/responses/ServiceUnavailable");
            assertThat(exampleCodes(api.at("/components/responses/ServiceUnavailable")))
                .containsExactly("service_unavailable");
            assertThat(api.at("/paths/~1open~1ping/get/responses").has("503")).isFalse();
        }));
    }

    @Test
    void titleIsTheApplicationAndVersionTheBuild() {
        runner.run(document(api -> {
            assertThat(api.at("/info/title").asString()).isEqualTo("thing-service");
            assertThat(api.at("/info/version").asString()).isEqualTo(OpenApiKitAutoConfiguration.UNKNOWN_VERSION);
            assertThat(api.path("openapi").asString()).startsWith("3.");
        }));
        Properties build = new Properties();
        build.setProperty("version", "1.2.3");
        runner.withBean(BuildProperties.class, () -> new BuildProperties(build))
            .run(document(api -> assertThat(api.at("/info/version").asString()).isEqualTo("1.2.3")));
    }

    @Test
    void documentsTheProbesWhenBootMapsThem() {
        runner.run(document(api -> assertThat(api.path("paths").has("/livez")).isFalse()));
        runner
            .withPropertyValues("management.endpoint.health.probes.add-additional-paths=true",
                    "management.endpoint.health.group.readiness.include=readinessState,cassandra")
            .run(document(api -> {
                JsonNode readyz = api.at("/paths/~1readyz/get");
                assertThat(readyz.path("security").isEmpty()).isTrue();
                assertThat(names(readyz.path("responses"))).containsExactly("200", "503");
                assertThat(readyz.path("description").asString()).contains("readinessState, cassandra");
                assertThat(api.at("/paths/~1livez/get/description").asString()).contains("livenessState");
                assertThat(api.at("/components/schemas/Health/properties/status/enum").isArray()).isTrue();
            }));
    }

    @Test
    void theDocumentCanBeSwitchedOff() {
        runner.withPropertyValues("springdoc.api-docs.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(ChatOpenApiCustomizer.class);
            MvcTestResult result = MockMvcTester.from(context).get().uri("/v3/api-docs").exchange();
            assertThat(result).hasStatus(404);
        });
    }

    private static ContextConsumer<AssertableWebApplicationContext> document(Consumer<JsonNode> assertions) {
        return context -> {
            assertThat(context).hasNotFailed();
            MvcTestResult result = MockMvcTester.from(context).get().uri("/v3/api-docs").exchange();
            assertThat(result).hasStatusOk();
            assertions.accept(JSON.readTree(result.getResponse().getContentAsString()));
        };
    }

    private static List<String> exampleCodes(JsonNode response) {
        return names(response.at("/content/application~1problem+json/examples"));
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.propertyNames().forEach(names::add);
        return names;
    }

    @RestController
    static class ThingController {

        @PostMapping("/api/v1/things")
        @ErrorResponses({ ErrorCode.VALIDATION_FAILED, ErrorCode.DUPLICATE_MISMATCH })
        Thing create(@RequestBody Thing thing) {
            return thing;
        }

        @GetMapping("/api/v1/things/{thingId}")
        @ErrorResponses(ErrorCode.UNKNOWN_USER)
        Thing read(@PathVariable String thingId) {
            return new Thing(thingId);
        }

        @GetMapping("/open/ping")
        String ping() {
            return "pong";
        }

    }

    record Thing(String name) {
    }

}
