package com.acme.chat.messaging.message;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterTry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.method.annotation.AuthenticationPrincipalArgumentResolver;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.kit.admission.AdmissionGate;
import com.acme.chat.kit.web.ApiExceptionHandler;
import com.acme.chat.kit.web.ChatException;
import com.acme.chat.kit.web.StrictJson;
import com.acme.chat.messaging.config.MessagingProperties;
import com.acme.chat.messaging.shard.SendForwarder;
import com.acme.chat.testsupport.JsonArbitraries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Bounded fuzzing of the REST bodies and parameters of Send-Message and Get-Message
 * (issue 9 item 5), through Spring MVC with the services' strict JSON mapper and
 * exception handler: whatever the body, header or {@code before}/{@code limit}, the
 * answer is a 2xx or a 4xx with a documented code, never a 5xx. Storage is mocked to
 * refuse every send with a 4xx, so a 5xx could only come from reading and validating the
 * request.
 */
class RestBodyFuzzTest {

    private static final List<String> FIELDS = List.of("clientMsgId", "to", "group", "text", "media", "assetHash",
            "contentType", "size");

    private static final List<String> STRINGS = List.of("c-1", "bob", "team", "hi", " ", "", "*", "..", "0".repeat(64),
            "image/png");

    private final MockMvc mvc;

    RestBodyFuzzTest() {
        MessagingProperties properties = new MessagingProperties(4096, 50, 200, Duration.ofSeconds(10), 1000, 1000, 3,
                Duration.ofMinutes(10), 1000);
        MessageService messages = mock(MessageService.class);
        given(messages.send(any(), any(), any())).willThrow(new ChatException(ErrorCode.UNKNOWN_USER, "No such user"));
        MessageHistoryService history = mock(MessageHistoryService.class);
        given(history.page(any(), any(), anyInt())).willReturn(new TimelinePager.Page<>(List.of(), null));
        AdmissionGate admission = new AdmissionGate("sends", 100, Duration.ofMillis(100), new SimpleMeterRegistry());
        this.mvc = MockMvcBuilders
            .standaloneSetup(new SendMessageController(messages, mock(SendForwarder.class), properties, admission),
                    new MessageHistoryController(history, properties,
                            Clock.fixed(Instant.parse("2026-12-07T18:00:00Z"), ZoneOffset.UTC)))
            .setControllerAdvice(new ApiExceptionHandler())
            .setMessageConverters(new JacksonJsonHttpMessageConverter(StrictJson.strict(JsonMapper.builder().build())))
            .setCustomArgumentResolvers(new AuthenticationPrincipalArgumentResolver())
            .build();
    }

    @AfterTry
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Property(tries = 600)
    void anySendBodyIsAnsweredWithADocumentedClientError(@ForAll("bodies") String body,
            @ForAll("devices") String device) throws Exception {
        signIn();
        var request = post("/api/v1/messages").contentType(MediaType.APPLICATION_JSON).content(body);
        if (!device.isEmpty()) {
            request.header("X-Device-Id", device);
        }
        assertClientAnswer(mvc.perform(request).andReturn().getResponse(), body);
    }

    @Property(tries = 300)
    void anyHistoryQueryIsAnsweredWithoutAServerError(@ForAll("befores") String before, @ForAll("limits") String limit)
            throws Exception {
        signIn();
        MockHttpServletResponse response = mvc
            .perform(get("/api/v1/messages").param("before", before).param("limit", limit))
            .andReturn()
            .getResponse();
        if (response.getStatus() != 200) {
            assertClientAnswer(response, before + " " + limit);
        }
    }

    private static void signIn() {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "none").subject("alice").build();
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt));
    }

    private static void assertClientAnswer(MockHttpServletResponse response, String input) throws Exception {
        assertThat(response.getStatus()).as("status for %s", input).isBetween(400, 499);
        JsonNode problem = JsonMapper.builder().build().readTree(response.getContentAsString());
        // Without Boot's ProblemDetail mix-in (this is a standalone MockMvc) the extra
        // properties stay nested.
        String code = problem.has("code") ? problem.path("code").asString()
                : problem.path("properties").path("code").asString();
        assertThat(ErrorCode.fromCode(code)).as("code for %s: %s", input, response.getContentAsString())
            .hasValueSatisfying(c -> assertThat(c.httpStatus()).isEqualTo(response.getStatus()));
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> object = JsonArbitraries.object(FIELDS, value(2), 7);
        return Arbitraries.frequencyOf(Tuple.of(8, object), Tuple.of(1, Arbitraries.strings().all().ofMaxLength(40)),
                Tuple.of(1, value(1)));
    }

    @Provide
    Arbitrary<String> devices() {
        return Arbitraries.oneOf(Arbitraries.of("", "web-1", "*", ".", "..", "a/b", " ", "a\ud800"),
                Arbitraries.strings().ascii().ofMaxLength(10));
    }

    @Provide
    Arbitrary<String> befores() {
        return Arbitraries.oneOf(Arbitraries.of("", "2026-11-27T21:10:00Z", "2099-01-01T00:00:00Z",
                "+1000000000-12-31T23:59:59.999999999Z", "-1000000000-01-01T00:00:00Z", "0000-01-01T00:00:00Z",
                "1970-01-01T00:00:00Z", "yesterday"), Arbitraries.strings().all().ofMaxLength(30));
    }

    @Provide
    Arbitrary<String> limits() {
        return Arbitraries.oneOf(Arbitraries.of("", "1", "200", "201", "0", "-1", "1.5", "99999999999", "x"),
                Arbitraries.integers().map(String::valueOf));
    }

    private static Arbitrary<String> value(int depth) {
        return JsonArbitraries.value(FIELDS, STRINGS, depth);
    }

}
