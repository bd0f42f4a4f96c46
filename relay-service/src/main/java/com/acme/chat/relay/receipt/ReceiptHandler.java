package com.acme.chat.relay.receipt;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.acme.chat.common.event.ChatEvent;
import com.acme.chat.common.event.GroupReceiptsCounted;
import com.acme.chat.common.event.ReceiptRecorded;
import com.acme.chat.common.event.Topics;
import com.acme.chat.common.protocol.ReceiptKind;
import com.acme.chat.kit.kafka.ChatEventReader;

/**
 * Consumes {@link ReceiptRecorded} from {@link Topics#RECEIPTS} (group
 * {@code <chat.relay.kafka-group>-receipts}; topic and group in the deployment's
 * namespace) and pushes the {@code READ} ones (published by messaging) to the other
 * participant's connected devices ({@link ReceiptPusher}), and messaging's
 * {@link GroupReceiptsCounted} to the group sender's connected devices. {@code DELIVERED}
 * receipts are relay's own: the ack that publishes one also pushes it, so they are not
 * pushed again from the topic (no round trip through Kafka back into relay). Raw receipts
 * of group conversations are not pushed at all.
 * <p>
 * <b>Guarantees.</b> Best-effort, see {@link ReceiptPusher}; a failure to push is logged
 * and the record committed anyway. Records are keyed by conversation, so one
 * conversation's receipts are pushed in order. Receipts are cumulative, so a repeated one
 * is harmless.
 */
@Component
class ReceiptHandler {

    private final ChatEventReader reader;

    private final ReceiptPusher pusher;

    ReceiptHandler(ChatEventReader reader, ReceiptPusher pusher) {
        this.reader = reader;
        this.pusher = pusher;
    }

    @KafkaListener(id = "relay-receipts",
            groupId = "#{@chatNamespace.group('${chat.relay.kafka-group:relay-service}-receipts')}",
            topics = "#{@chatNamespace.topic('" + Topics.RECEIPTS + "')}",
            concurrency = "${chat.relay.background-listener-concurrency:2}")
    void onReceipt(ConsumerRecord<String, String> record) {
        ChatEvent event = reader.read(record);
        if (event instanceof ReceiptRecorded receipt && receipt.kind() != ReceiptKind.DELIVERED) {
            pusher.push(receipt);
        }
        else if (event instanceof GroupReceiptsCounted counted) {
            pusher.push(counted);
        }
    }

}
