package com.acme.chat.relay.delivery;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.acme.chat.common.event.ChatEvent;
import com.acme.chat.common.event.DeliveryRequested;
import com.acme.chat.common.event.MessageSent;
import com.acme.chat.common.event.Topics;
import com.acme.chat.common.id.UserId;
import com.acme.chat.kit.kafka.ChatEventReader;

/**
 * Consumes {@link MessageSent} from {@link Topics#MESSAGES} (the one record messaging
 * publishes per stored message, keyed by conversation) and fans it out: each member, the
 * sender included (for their other devices), is delivered like a
 * {@link DeliveryRequested} of its own by the {@link Deliverer}.
 * <p>
 * <b>Guarantees.</b> At least once: the offset is committed only after every member's
 * queue rows are written; a failure is retried in place (the whole record: members
 * already done write the same rows again). Ordered per conversation: records are keyed by
 * conversation and handled one at a time per partition, so a conversation's messages are
 * queued and pushed in seq order. A group message stays one record however many members
 * it has.
 */
@Component
class MessageSentHandler {

    private static final Logger log = LoggerFactory.getLogger(MessageSentHandler.class);

    private final ChatEventReader reader;

    private final Deliverer deliverer;

    MessageSentHandler(ChatEventReader reader, Deliverer deliverer) {
        this.reader = reader;
        this.deliverer = deliverer;
    }

    @KafkaListener(id = "relay-messages",
            groupId = "#{@chatNamespace.group('${chat.relay.kafka-group:relay-service}')}",
            topics = "#{@chatNamespace.topic('" + Topics.MESSAGES + "')}",
            concurrency = "${chat.relay.listener-concurrency:12}")
    void onMessage(ConsumerRecord<String, String> record) {
        ChatEvent event = reader.read(record);
        if (event instanceof MessageSent sent) {
            for (UserId member : sent.recipients()) {
                deliverer.deliver(DeliveryRequested.forRecipient(sent, member, sent.occurredAt()));
            }
        }
        else if (event != null) {
            log.debug("Ignoring {} on {}", event.getClass().getSimpleName(), record.topic());
        }
    }

}
