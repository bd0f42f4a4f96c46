package com.acme.chat.messaging.group;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.acme.chat.common.event.GroupEvent;
import com.acme.chat.common.event.Topics;
import com.acme.chat.kit.kafka.ChatEventReader;
import com.acme.chat.messaging.message.GroupStreams;
import com.acme.chat.messaging.shard.NotOwnerException;

/**
 * Consumes {@code chat.groups.v1} (group {@code messaging-service}, in the deployment's
 * namespace): records each change in {@code group_events}, then has the writer of the
 * group's stream append it as a system message: in this instance when it holds the
 * group's shard, otherwise by {@link GroupStreamPoke asking the owner} to catch up.
 * <p>
 * The offset is committed only once the owner has appended the change (or found it
 * appended): a failure (Cassandra away, no owner yet, the owner not answering) is retried
 * with back-off and never skipped, so every change reaches the stream. An unreadable
 * record goes to {@code chat.groups.v1.dlt} (service-kit's {@code DeadLetters}).
 * {@code chat.messaging.group-listener-concurrency} consumer threads (2); one group's
 * changes share a partition and are handled in order.
 */
@Component
class GroupEventsHandler {

    private final GroupStreams streams;

    private final GroupStreamPoke poke;

    private final ChatEventReader reader;

    GroupEventsHandler(GroupStreams streams, GroupStreamPoke poke, ChatEventReader reader) {
        this.streams = streams;
        this.poke = poke;
        this.reader = reader;
    }

    @KafkaListener(id = "messaging-groups", topics = "#{@chatNamespace.topic('" + Topics.GROUPS + "')}",
            groupId = "#{@chatNamespace.group('${spring.kafka.consumer.group-id:messaging-service}')}",
            concurrency = "${chat.messaging.group-listener-concurrency:2}")
    void onGroupEvent(ConsumerRecord<String, String> record) {
        if (reader.read(record) instanceof GroupEvent event) {
            streams.record(event);
            try {
                streams.catchUp(event.groupId());
            }
            catch (NotOwnerException ex) {
                poke.catchUp(ex, event.groupId());
            }
        }
    }

}
