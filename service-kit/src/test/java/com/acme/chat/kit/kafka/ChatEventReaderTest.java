package com.acme.chat.kit.kafka;

import java.time.Instant;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.acme.chat.common.event.ChatEvent;
import com.acme.chat.common.event.ReceiptRecorded;
import com.acme.chat.common.event.Topics;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.ReceiptKind;
import com.acme.chat.common.namespace.ChatNamespace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@ExtendWith(OutputCaptureExtension.class)
class ChatEventReaderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final ReceiptRecorded RECEIPT = new ReceiptRecorded(UUID.randomUUID(), Instant.now(),
            ReceiptRecorded.VERSION, ConversationId.of("d:alice:bob"), UserId.of("bob"), ReceiptKind.DELIVERED, 7);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private final ChatEventReader reader = new ChatEventReader(JSON, ChatNamespace.none(), meters);

    @Test
    void readsAnEventByItsType() {
        String value = JSON.writerFor(ChatEvent.class).writeValueAsString(RECEIPT);

        assertThat(reader.read(record(Topics.RECEIPTS, value))).isEqualTo(RECEIPT);
        assertThat(meters.find(ChatEventReader.SKIPPED_METER).counters()).isEmpty();
    }

    @Test
    void ignoresFieldsItDoesNotKnow() {
        String value = JSON.writerFor(ChatEvent.class)
            .writeValueAsString(RECEIPT)
            .replaceFirst("\\{", "{\"addedLater\":\"x\",");

        assertThat(reader.read(record(Topics.RECEIPTS, value))).isEqualTo(RECEIPT);
    }

    @Test
    void refusesAndCountsARecordWithoutValue() {
        assertUnreadable(reader, record(Topics.RECEIPTS, null));

        assertThat(skipped(Topics.RECEIPTS, "no_value").count()).isEqualTo(1);
    }

    @Test
    void refusesAndCountsUnreadableRecordsLoggingOnlyTheirPosition(CapturedOutput output) {
        assertUnreadable(reader, record(Topics.RECEIPTS, "{not json, secret-content"));
        assertUnreadable(reader, record(Topics.RECEIPTS, "{\"type\":\"no_such_event\",\"x\":\"secret-content\"}"));
        assertUnreadable(reader,
                record(Topics.RECEIPTS, "{\"type\":\"receipt_recorded\",\"user\":\"secret-content\"}"));

        assertThat(skipped(Topics.RECEIPTS, "unreadable").count()).isEqualTo(3);
        assertThat(output.getAll()).contains(Topics.RECEIPTS + "-4@42").doesNotContain("secret-content");
    }

    @Test
    void tagsTheDocumentedTopicOfANamespacedRecord() {
        ChatEventReader namespaced = new ChatEventReader(JSON, ChatNamespace.of("t1abc"), meters);

        assertUnreadable(namespaced, record("t1abc." + Topics.RECEIPTS, "{not json"));

        assertThat(skipped(Topics.RECEIPTS, "unreadable").count()).isEqualTo(1);
    }

    private static void assertUnreadable(ChatEventReader reader, ConsumerRecord<String, String> record) {
        assertThatExceptionOfType(UnreadableRecordException.class).isThrownBy(() -> reader.read(record))
            .satisfies(ex -> assertThat(ex.getMessage()).doesNotContain("secret-content"));
    }

    private Counter skipped(String topic, String reason) {
        Counter counter = meters.find(ChatEventReader.SKIPPED_METER)
            .tag("topic", topic)
            .tag("reason", reason)
            .counter();
        assertThat(counter).as("counter %s %s", topic, reason).isNotNull();
        return counter;
    }

    private static ConsumerRecord<String, String> record(String topic, String value) {
        return new ConsumerRecord<>(topic, 4, 42, "d:alice:bob", value);
    }

}
