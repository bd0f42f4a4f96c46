package com.acme.chat.wsmanager.frame;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.ErrorFrame;
import com.acme.chat.common.protocol.ServerFrame;
import com.acme.chat.kit.admission.AdmissionGate;
import com.acme.chat.kit.web.StrictJson;
import com.acme.chat.wsmanager.ack.AckPublisher;
import com.acme.chat.wsmanager.downstream.MessagingClient;
import com.acme.chat.testsupport.JsonArbitraries;
import com.acme.chat.wsmanager.handshake.ConnectionPrincipal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Bounded fuzzing of the frame parser and dispatcher (issue 9 item 5): arbitrary text and
 * frames built from the protocol's types and field names with hostile values (lone
 * surrogates, coercible numbers, duplicate keys, nesting, extremes). Whatever arrives,
 * the answer is one frame, nothing throws, and an {@code error} frame carries a
 * documented 4xx code and an id that is null or a usable correlation id. Downstream
 * services answer success, so any 5xx would be the parser's or dispatcher's own.
 */
class FrameFuzzTest {

    private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();

    private static final ConnectionPrincipal ALICE = new ConnectionPrincipal(UserId.of("alice"), DeviceId.of("phone-1"),
            "token", null, null);

    private static final List<String> TYPES = List.of("send_message", "ack_delivery", "mark_read", "ping", "typing",
            "subscribe_presence", "ack", "error", "hello", "", "SEND_MESSAGE");

    private static final List<String> FIELDS = List.of("id", "clientMsgId", "to", "group", "text", "media",
            "conversationId", "messageIds", "seq", "typing", "users", "assetHash", "contentType", "size", "type");

    private static final List<String> STRINGS = List.of("f-1", "c-1", "bob", "alice", "d:alice:bob", "g:team", "m-1",
            "a".repeat(64), "0".repeat(64), "image/png", "*", ".", "..", " ", "");

    private final FrameDispatcher dispatcher;

    private final JsonMapper writer = StrictJson.strict(JsonMapper.builder().build());

    FrameFuzzTest() {
        MessagingClient messaging = mock(MessagingClient.class);
        AckPublisher acks = mock(AckPublisher.class);
        given(messaging.send(any(), any())).willReturn(Mono.just(new MessagingClient.StoredMessage(MessageId.of("m-1"),
                ConversationId.of("d:alice:bob"), 1, Instant.EPOCH, false)));
        given(messaging.markRead(any(), any(), org.mockito.ArgumentMatchers.anyLong())).willReturn(Mono.empty());
        given(acks.publish(any())).willReturn(Mono.empty());
        AdmissionGate admission = new AdmissionGate("sends", 1000, Duration.ofMillis(100), new SimpleMeterRegistry());
        this.dispatcher = new FrameDispatcher(JsonMapper.builder().build(), VALIDATION.getValidator(), messaging, acks,
                new SimpleMeterRegistry(), ObservationRegistry.NOOP, admission);
    }

    @AfterContainer
    static void close() {
        VALIDATION.close();
    }

    @Property(tries = 1500)
    void anyTextGetsOneDocumentedClientAnswer(@ForAll("anyText") String text) {
        check(text);
    }

    @Property(tries = 2500)
    void anyFrameShapedObjectGetsOneDocumentedClientAnswer(@ForAll("frames") String text) {
        check(text);
    }

    private void check(String text) {
        ServerFrame answer = dispatcher.prepare(text).handle(ALICE, PushedMessages.NONE).block(Duration.ofSeconds(5));

        assertThat(answer).as("answer to %s", text).isNotNull();
        String written = writer.writerFor(ServerFrame.class).writeValueAsString(answer);
        if (answer instanceof ErrorFrame error) {
            assertThat(ErrorCode.fromCode(error.code())).as("code of the answer to %s", text)
                .hasValueSatisfying(code -> assertThat(code.httpStatus()).isBetween(400, 499));
            assertThat(written).contains("\"id\":");
            if (error.id() != null) {
                assertThat(error.id()).isNotBlank().hasSizeLessThanOrEqualTo(64);
            }
        }
    }

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(80),
                Arbitraries.strings().withChars("{}[]\":,\\ tnrufl0123456789.-eE").ofMaxLength(80));
    }

    @Provide
    Arbitrary<String> frames() {
        Arbitrary<String> type = Arbitraries.oneOf(Arbitraries.of(TYPES).map(JsonArbitraries::quote), value(1));
        Arbitrary<String> field = Combinators.combine(Arbitraries.of(FIELDS), value(2))
            .as((name, value) -> JsonArbitraries.quote(name) + ":" + value);
        Arbitrary<List<String>> fields = field.list().ofMaxSize(8);
        return Combinators.combine(Arbitraries.integers().between(0, 2), type, fields).as((typeMode, t, rest) -> {
            StringBuilder json = new StringBuilder("{");
            if (typeMode > 0) {
                json.append("\"type\":").append(t);
                if (!rest.isEmpty()) {
                    json.append(',');
                }
            }
            json.append(String.join(",", rest));
            return json.append('}').toString();
        });
    }

    private static Arbitrary<String> value(int depth) {
        return JsonArbitraries.value(FIELDS, STRINGS, depth);
    }

}
