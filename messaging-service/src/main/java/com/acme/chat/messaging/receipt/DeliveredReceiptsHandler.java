package com.acme.chat.messaging.receipt;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.acme.chat.common.event.ReceiptRecorded;
import com.acme.chat.common.event.Topics;
import com.acme.chat.kit.kafka.ChatEventReader;

/**
 * Consumes {@code chat.receipts.v1} (group {@code messaging-service}, both in the
 * deployment's namespace) and stores DELIVERED receipts, which relay publishes when a
 * device acknowledges messages, as the member's delivered watermark. READ receipts are
 * published by this service after storing them: those of a group (and its DELIVERED ones)
 * touch the group for {@link GroupReceiptCounter}, which thus runs for a group on the one
 * instance that holds its partition. Other event types are ignored.
 * <p>
 * At least once and idempotent: a watermark only moves forward, so a redelivered or stale
 * receipt changes nothing. A storage failure is retried with back-off until it succeeds,
 * so no receipt is lost while Cassandra is away; an unreadable record, or one whose
 * handling keeps failing otherwise, goes to {@code chat.receipts.v1.dlt} (service-kit's
 * {@code DeadLetters}). {@code chat.messaging.receipt-listener-concurrency} consumer
 * threads (2), each handling its partitions in order.
 */
@Component
class DeliveredReceiptsHandler {

    private final ReceiptService receipts;

    private final ChatEventReader reader;

    DeliveredReceiptsHandler(ReceiptService receipts, ChatEventReader reader) {
        this.receipts = receipts;
        this.reader = reader;
    }

    @KafkaListener(topics = "#{@chatNamespace.topic('" + Topics.RECEIPTS + "')}",
            groupId = "#{@chatNamespace.group('${spring.kafka.consumer.group-id:messaging-service}')}",
            concurrency = "${chat.messaging.receipt-listener-concurrency:2}")
    void onReceipt(ConsumerRecord<String, String> record) {
        if (reader.read(record) instanceof ReceiptRecorded receipt) {
            receipts.recordConsumed(receipt);
        }
    }

}
