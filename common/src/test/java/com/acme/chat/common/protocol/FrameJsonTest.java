package com.acme.chat.common.protocol;

import static com.acme.chat.common.testsupport.TestJson.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.acme.chat.common.id.UserId;
import com.acme.chat.common.testsupport.Frames;
import com.acme.chat.common.testsupport.Ids;
import com.acme.chat.common.testsupport.SealedTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.ValueInstantiationException;

class FrameJsonTest {

    /**
     * The wire names are the contract with every client; spelled out here, not derived
     * from the constants.
     */
    private static final Map<Class<?>, String> TYPE_NAMES = Map.ofEntries(Map.entry(SendMessage.class, "send_message"),
            Map.entry(AckDelivery.class, "ack_delivery"), Map.entry(MarkRead.class, "mark_read"),
            Map.entry(Ping.class, "ping"), Map.entry(Typing.class, "typing"),
            Map.entry(SubscribePresence.class, "subscribe_presence"), Map.entry(Ack.class, "ack"),
            Map.entry(ErrorFrame.class, "error"), Map.entry(MessageFrame.class, "message"),
            Map.entry(ReceiptFrame.class, "receipt"), Map.entry(GroupReceiptsFrame.class, "group_receipts"),
            Map.entry(ResyncFrame.class, "resync"), Map.entry(UndeliveredFrame.class, "undelivered"),
            Map.entry(PresenceFrame.class, "presence"), Map.entry(TypingIndicator.class, "typing_indicator"),
            Map.entry(Pong.class, "pong"), Map.entry(Hello.class, "hello"));

    static Stream<Frame> frames() {
        return Frames.all().stream();
    }

    @ParameterizedTest
    @MethodSource("frames")
    void roundTripsThroughFrame(Frame frame) {
        String json = MAPPER.writeValueAsString(frame);

        assertThat(MAPPER.readValue(json, Frame.class)).isEqualTo(frame);
    }

    @ParameterizedTest
    @MethodSource("frames")
    void writesTypeDiscriminator(Frame frame) {
        JsonNode tree = MAPPER.readTree(MAPPER.writeValueAsString(frame));

        assertThat(tree.get("type").asString()).isEqualTo(TYPE_NAMES.get(frame.getClass()));
    }

    @ParameterizedTest
    @MethodSource("frames")
    void roundTripsThroughItsDirection(Frame frame) {
        String json = MAPPER.writeValueAsString(frame);
        Class<? extends Frame> direction = (frame instanceof ClientFrame) ? ClientFrame.class : ServerFrame.class;

        assertThat(MAPPER.readValue(json, direction)).isEqualTo(frame);
    }

    @Test
    void fixturesCoverEveryFrameType() {
        assertThat(Frames.all().stream().map(Object::getClass).collect(Collectors.toSet()))
            .containsExactlyInAnyOrderElementsOf(SealedTypes.concreteSubtypes(Frame.class));
        assertThat(TYPE_NAMES.keySet()).containsExactlyInAnyOrderElementsOf(SealedTypes.concreteSubtypes(Frame.class));
    }

    @Test
    void typeConstantsMatchWireNames() throws ReflectiveOperationException {
        for (Map.Entry<Class<?>, String> entry : TYPE_NAMES.entrySet()) {
            assertThat(entry.getKey().getField("TYPE").get(null)).isEqualTo(entry.getValue());
        }
    }

    @Test
    void readsWhatAClientWrites() {
        String json = """
                {"type":"send_message","id":"c1","clientMsgId":"m-1","to":"bob","text":"hi"}""";

        ClientFrame frame = MAPPER.readValue(json, ClientFrame.class);

        assertThat(frame).isEqualTo(
                SendMessage.toUser("c1", com.acme.chat.common.id.ClientMessageId.of("m-1"), UserId.of("bob"), "hi"));
        assertThat(((SendMessage) frame).media()).isEmpty();
    }

    @Test
    void writesIdsAsBareStringsAndInstantsAsIsoStrings() {
        JsonNode tree = MAPPER.readTree(MAPPER.writeValueAsString(Frames.messageAck()));

        assertThat(tree.get("conversationId").asString()).isEqualTo("d:alice:bob");
        assertThat(tree.get("sentAt").asString()).isEqualTo("2026-11-27T10:15:30.123456Z");
    }

    @Test
    void omitsAbsentOptionalFields() {
        JsonNode tree = MAPPER.readTree(MAPPER.writeValueAsString(Frames.plainAck()));

        assertThat(tree.propertyNames()).containsExactlyInAnyOrder("type", "id", "duplicate");
    }

    @Test
    void doesNotWriteDerivedValidationProperties() {
        JsonNode tree = MAPPER.readTree(MAPPER.writeValueAsString(Frames.sendDirect()));

        assertThat(tree.propertyNames()).containsExactlyInAnyOrder("type", "id", "clientMsgId", "to", "text", "media");
    }

    @Test
    void ignoresUnknownFieldsSoFieldsCanBeAdded() {
        String json = """
                {"type":"ping","id":"c5","addedInALaterVersion":{"x":1}}""";

        assertThat(MAPPER.readValue(json, ClientFrame.class)).isEqualTo(Frames.ping());
    }

    @Test
    void rejectsUnknownType() {
        assertThatThrownBy(() -> MAPPER.readValue("{\"type\":\"launch_rocket\",\"id\":\"c1\"}", Frame.class))
            .isInstanceOf(InvalidTypeIdException.class);
    }

    @Test
    void rejectsMissingType() {
        assertThatThrownBy(() -> MAPPER.readValue("{\"id\":\"c1\"}", ClientFrame.class))
            .isInstanceOf(InvalidTypeIdException.class);
    }

    @Test
    void rejectsServerFrameWhereClientFrameIsExpected() {
        String ack = MAPPER.writeValueAsString(Frames.plainAck());

        assertThatThrownBy(() -> MAPPER.readValue(ack, ClientFrame.class)).isInstanceOf(InvalidTypeIdException.class);
    }

    @Test
    void rejectsMissingRequiredFieldAsValueInstantiationFailure() {
        assertThatThrownBy(
                () -> MAPPER.readValue("{\"type\":\"send_message\",\"id\":\"c1\",\"to\":\"bob\"}", ClientFrame.class))
            .isInstanceOf(ValueInstantiationException.class)
            .hasMessageContaining("clientMsgId");
    }

    @Test
    void rejectsInvalidIdAsValueInstantiationFailure() {
        assertThatThrownBy(() -> MAPPER.readValue(
                "{\"type\":\"send_message\",\"id\":\"c1\",\"clientMsgId\":\"m\",\"to\":\" \",\"text\":\"hi\"}",
                ClientFrame.class))
            .isInstanceOf(ValueInstantiationException.class);
    }

    @Test
    void errorFrameTakesCodeAndRetryabilityFromErrorCode() {
        ErrorFrame frame = Frames.error();

        assertThat(frame.code()).isEqualTo("rate_limited");
        assertThat(frame.retryable()).isTrue();
        assertThat(Frames.connectionError().message()).isEqualTo("Malformed JSON");
    }

    @Test
    void errorFrameNamesItsTraceOnlyWhenItHasOne() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        ErrorFrame traced = Frames.error().withTraceId(traceId);

        String json = MAPPER.writeValueAsString(traced);

        assertThat(json).contains("\"traceId\":\"" + traceId + "\"");
        assertThat(MAPPER.readValue(json, ServerFrame.class)).isEqualTo(traced);
        assertThat(traced.withTraceId(null)).isEqualTo(Frames.error());
        assertThat(MAPPER.writeValueAsString(Frames.error())).doesNotContain("traceId");
    }

    @Test
    void errorFrameWritesAnUnknownIdAsNull() {
        String json = MAPPER.writeValueAsString(ErrorFrame.of(null, com.acme.chat.common.error.ErrorCode.BAD_REQUEST));

        assertThat(json).contains("\"id\":null").doesNotContain("traceId").doesNotContain("retryAfterMs");
    }

    @Test
    void sendMessageNeedsExactlyOneRecipient() {
        assertThat(Frames.sendDirect().isSingleRecipient()).isTrue();
        assertThat(Frames.sendToGroup().isSingleRecipient()).isTrue();
        assertThat(new SendMessage("c1", Ids.CLIENT_MESSAGE, null, null, "hi", null).isSingleRecipient()).isFalse();
        assertThat(new SendMessage("c1", Ids.CLIENT_MESSAGE, Ids.BOB, Ids.FRIENDS, "hi", null).isSingleRecipient())
            .isFalse();
    }

    @Test
    void sendMessageNeedsTextOrMedia() {
        assertThat(new SendMessage("c1", Ids.CLIENT_MESSAGE, Ids.BOB, null, " ", null).isNonEmpty()).isFalse();
        assertThat(new SendMessage("c1", Ids.CLIENT_MESSAGE, Ids.BOB, null, "", java.util.List.of(Frames.PHOTO))
            .isNonEmpty()).isTrue();
    }

    @Test
    void messageFrameRejectsGroupThatContradictsConversation() {
        assertThatThrownBy(() -> new MessageFrame(Ids.MESSAGE, Ids.ALICE_BOB, 1, Ids.ALICE, null, Ids.FRIENDS, "x",
                null, Frames.SENT_AT))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MessageFrame(Ids.MESSAGE, Ids.FRIENDS_CHAT, 1, Ids.ALICE, null, null, "x", null,
                Frames.SENT_AT))
            .isInstanceOf(IllegalArgumentException.class);
    }

}
