package com.acme.chat.messaging.receipt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.acme.chat.common.event.ChatEvent;
import com.acme.chat.common.event.ReceiptRecorded;
import com.acme.chat.common.event.Topics;
import com.acme.chat.common.protocol.ReceiptKind;

/**
 * Consumes {@code chat.receipts.v1} (group {@code messaging-service}) and stores
 * DELIVERED receipts, which relay publishes when a device acknowledges messages, as the
 * member's delivered watermark. Other kinds and event types are ignored (READ receipts
 * are published by this service after storing them).
 * <p>
 * At least once and idempotent: a watermark only moves forward, so a redelivered or stale
 * receipt changes nothing. Unreadable records are skipped with a WARN; a storage failure
 * is retried with back-off until it succeeds (see {@code KafkaListenerConfig}), so no
 * receipt is lost while Cassandra is away. One thread per assigned partition.
 */
@Component
class DeliveredReceiptsHandler {

    private static final Logger log = LoggerFactory.getLogger(DeliveredReceiptsHandler.class);

    private final ReceiptService receipts;

    private final JsonMapper json;

    DeliveredReceiptsHandler(ReceiptService receipts, JsonMapper json) {
        this.receipts = receipts;
        this.json = json;
    }

    @KafkaListener(topics = Topics.RECEIPTS, groupId = "${spring.kafka.consumer.group-id:messaging-service}")
    void onReceipt(String value) {
        ChatEvent event;
        try {
            event = json.readValue(value, ChatEvent.class);
        }
        catch (JacksonException ex) {
            log.warn("Skipping an unreadable record on {}: {}", Topics.RECEIPTS, ex.getOriginalMessage());
            return;
        }
        if (event instanceof ReceiptRecorded receipt && receipt.kind() == ReceiptKind.DELIVERED) {
            receipts.recordDelivered(receipt);
        }
    }

}
