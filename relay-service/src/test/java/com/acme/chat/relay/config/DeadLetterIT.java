package com.acme.chat.relay.config;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.acme.chat.common.event.MessageSent;
import com.acme.chat.common.event.Topics;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.kit.kafka.DeadLetters;
import com.acme.chat.kit.kafka.UnreadableRecordException;
import com.acme.chat.relay.testsupport.RelayIntegrationTest;
import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.LocalServers;

import static com.acme.chat.relay.testsupport.Events.freshUser;
import static com.acme.chat.relay.testsupport.Events.sent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A record that can never be handled goes to its topic's dead-letter topic, with the
 * headers that say where it came from, and the partition goes on: the next message behind
 * it on the same partition is delivered.
 */
@ChatIntegrationTest
class DeadLetterIT extends RelayIntegrationTest {

    private static final DeviceId PHONE = DeviceId.of("phone");

    @Autowired
    MeterRegistry meters;

    @Test
    void anUnreadableRecordIsDeadLetteredAndTheMessageBehindItIsDelivered() {
        UserId alice = freshUser("alice");
        UserId bob = freshUser("bob");
        handler.route(bob, PHONE, "conn-bob");
        MessageSent message = sent(alice, DeviceId.of("web"), bob, 1);
        String poison = "{not json " + message.messageId();

        // same key as the message: same partition, right in front of it
        events.sendRaw(Topics.MESSAGES, message.partitionKey(), poison);
        events.send(message);

        await().atMost(KAFKA_WAIT)
            .untilAsserted(() -> assertThat(queue.messageIds(bob, PHONE)).containsExactly(message.messageId().value()));
        ConsumerRecord<String, String> dead = awaitDeadLetter(namespace.topic(Topics.MESSAGES), poison);
        assertThat(dead.key()).isEqualTo(message.partitionKey());
        assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo(namespace.topic(Topics.MESSAGES));
        assertThat(header(dead, "kafka_dlt-exception-cause-fqcn")).isEqualTo(UnreadableRecordException.class.getName());
        Counter counter = meters.find(DeadLetters.DEAD_LETTERED_METER)
            .tag("topic", Topics.MESSAGES)
            .tag("exception", UnreadableRecordException.class.getSimpleName())
            .counter();
        assertThat(counter).isNotNull();
        assertThat(counter.count()).isGreaterThanOrEqualTo(1);
    }

    private static ConsumerRecord<String, String> awaitDeadLetter(String topic, String value) {
        TopicPartition partition = new TopicPartition(DeadLetters.topicOf(topic), 0);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalServers.kafkaBootstrap()),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<ConsumerRecord<String, String>> found = new ArrayList<>();
            await().atMost(KAFKA_WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (value.equals(record.value())) {
                        found.add(record);
                    }
                });
                return !found.isEmpty();
            });
            return found.get(0);
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as(name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

}
