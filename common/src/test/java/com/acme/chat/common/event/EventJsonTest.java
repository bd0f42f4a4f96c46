package com.acme.chat.common.event;

import static com.acme.chat.common.testsupport.TestJson.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.acme.chat.common.testsupport.Events;
import com.acme.chat.common.testsupport.SealedTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.InvalidTypeIdException;

class EventJsonTest {

    /**
     * The wire names are the contract between services; spelled out here, not derived
     * from the constants.
     */
    private static final Map<Class<?>, String> TYPE_NAMES = Map.ofEntries(Map.entry(MessageSent.class, "message_sent"),
            Map.entry(DeliveryRequested.class, "delivery_requested"),
            Map.entry(ReceiptRecorded.class, "receipt_recorded"), Map.entry(GroupCreated.class, "group_created"),
            Map.entry(MemberAdded.class, "member_added"), Map.entry(MemberRemoved.class, "member_removed"),
            Map.entry(GroupRenamed.class, "group_renamed"), Map.entry(MemberRoleChanged.class, "member_role_changed"),
            Map.entry(DeviceConnected.class, "device_connected"),
            Map.entry(DeviceDisconnected.class, "device_disconnected"),
            Map.entry(PushNotificationRequested.class, "push_notification_requested"),
            Map.entry(AssetStored.class, "asset_stored"), Map.entry(FanoutRequested.class, "fanout_requested"),
            Map.entry(GroupReceiptsCounted.class, "group_receipts_counted"),
            Map.entry(DeliveryAcked.class, "delivery_acked"));

    static Stream<ChatEvent> events() {
        return Events.all().stream();
    }

    @ParameterizedTest
    @MethodSource("events")
    void roundTripsThroughChatEvent(ChatEvent event) {
        String json = MAPPER.writeValueAsString(event);

        assertThat(MAPPER.readValue(json, ChatEvent.class)).isEqualTo(event);
    }

    @ParameterizedTest
    @MethodSource("events")
    void roundTripsThroughItsConcreteType(ChatEvent event) {
        String json = MAPPER.writeValueAsString(event);

        assertThat(MAPPER.readValue(json, event.getClass())).isEqualTo(event);
    }

    @ParameterizedTest
    @MethodSource("events")
    void writesTypeDiscriminatorAndHeaderButNoRoutingHelpers(ChatEvent event) {
        JsonNode tree = MAPPER.readTree(MAPPER.writeValueAsString(event));

        assertThat(tree.get("type").asString()).isEqualTo(TYPE_NAMES.get(event.getClass()));
        assertThat(tree.get("eventId").asString()).isEqualTo(event.eventId().toString());
        assertThat(tree.get("occurredAt").asString()).isEqualTo("2026-11-27T10:15:30.654321Z");
        assertThat(tree.get("version").asInt()).isEqualTo(event.version()).isPositive();
        assertThat(tree.has("topic")).isFalse();
        assertThat(tree.has("partitionKey")).isFalse();
    }

    @Test
    void fixturesCoverEveryEventType() {
        assertThat(Events.all().stream().map(Object::getClass).collect(Collectors.toSet()))
            .containsExactlyInAnyOrderElementsOf(SealedTypes.concreteSubtypes(ChatEvent.class));
        assertThat(TYPE_NAMES.keySet())
            .containsExactlyInAnyOrderElementsOf(SealedTypes.concreteSubtypes(ChatEvent.class));
    }

    @Test
    void deviceConnectedOfAnOlderHandlerLeavesTheReplayToRelay() {
        String json = """
                {"type": "device_connected", "eventId": "6d7e8f9a-0b1c-4d3e-8f5a-6b7c8d9e0f1a",
                 "occurredAt": "2026-11-27T21:00:00.250Z", "version": 1, "user": "bob", "device": "phone-2",
                 "handlerId": "ws-7d9f8", "connectionId": "c-1a2b3c4d"}
                """;

        DeviceConnected event = (DeviceConnected) MAPPER.readValue(json, ChatEvent.class);

        assertThat(event.replayedByHandler()).isFalse();
        assertThat(event.connectionId()).isEqualTo("c-1a2b3c4d");
    }

    @Test
    void typeConstantsMatchWireNames() throws ReflectiveOperationException {
        for (Map.Entry<Class<?>, String> entry : TYPE_NAMES.entrySet()) {
            assertThat(entry.getKey().getField("TYPE").get(null)).isEqualTo(entry.getValue());
        }
    }

    @Test
    void groupTopicReadsAsGroupEvent() {
        String json = MAPPER.writeValueAsString(Events.memberAdded());

        assertThat(MAPPER.readValue(json, GroupEvent.class)).isEqualTo(Events.memberAdded());
    }

    @Test
    void groupEventReaderRejectsOtherEvents() {
        String json = MAPPER.writeValueAsString(Events.deviceConnected());

        assertThatThrownBy(() -> MAPPER.readValue(json, GroupEvent.class)).isInstanceOf(InvalidTypeIdException.class);
    }

    @Test
    void presenceTopicReadsAsPresenceEvent() {
        String json = MAPPER.writeValueAsString(Events.deviceDisconnected());

        assertThat(MAPPER.readValue(json, PresenceEvent.class)).isEqualTo(Events.deviceDisconnected());
    }

    @Test
    void rejectsUnknownType() {
        assertThatThrownBy(() -> MAPPER.readValue("{\"type\":\"message_exploded\"}", ChatEvent.class))
            .isInstanceOf(InvalidTypeIdException.class);
    }

    @Test
    void ignoresUnknownFieldsSoFieldsCanBeAdded() {
        JsonNode tree = MAPPER.readTree(MAPPER.writeValueAsString(Events.receiptRecorded()));
        String withExtraField = tree.toString().replaceFirst("\\{", "{\"addedInVersion2\":[1,2,3],");

        assertThat(MAPPER.readValue(withExtraField, ChatEvent.class)).isEqualTo(Events.receiptRecorded());
    }

    @Test
    void omitsAbsentGroupOfDirectMessage() {
        JsonNode tree = MAPPER.readTree(MAPPER.writeValueAsString(Events.directMessageSent()));

        assertThat(tree.has("group")).isFalse();
        assertThat(tree.get("conversationId").asString()).isEqualTo("d:alice:bob");
    }

    @Test
    void pushNotificationCarriesNoMessageContent() {
        JsonNode tree = MAPPER.readTree(MAPPER.writeValueAsString(Events.pushNotificationRequested()));

        assertThat(tree.propertyNames()).containsExactlyInAnyOrder("type", "eventId", "occurredAt", "version",
                "recipient", "messageId", "conversationId");
    }

}
