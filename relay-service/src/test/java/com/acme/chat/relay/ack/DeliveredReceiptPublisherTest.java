package com.acme.chat.relay.ack;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.event.ReceiptRecorded;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.ReceiptKind;
import com.acme.chat.kit.kafka.ChatEventPublisher;
import com.acme.chat.kit.web.ChatException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;

class DeliveredReceiptPublisherTest {

    private static final ConversationId CONVERSATION = ConversationId.of("d:alice:bob");

    private final ChatEventPublisher events = mock(ChatEventPublisher.class);

    private final DeliveredReceiptPublisher publisher = new DeliveredReceiptPublisher(events);

    @Test
    void waitsForTheBrokerWithTheSameEventIdForTheSameAck() {
        publisher.publish(List.of(DeliveredReceiptPublisher.delivered(CONVERSATION, UserId.of("bob"), 7)));
        publisher.publish(List.of(DeliveredReceiptPublisher.delivered(CONVERSATION, UserId.of("bob"), 7)));

        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<ReceiptRecorded>> sent = ArgumentCaptor.forClass(List.class);
        then(events).should(times(2)).publishAndWait(sent.capture());
        ReceiptRecorded receipt = sent.getAllValues().get(0).get(0);
        assertThat(receipt.kind()).isEqualTo(ReceiptKind.DELIVERED);
        assertThat(receipt.user()).isEqualTo(UserId.of("bob"));
        assertThat(receipt.upToSeq()).isEqualTo(7);
        assertThat(sent.getAllValues().get(1).get(0).eventId()).isEqualTo(receipt.eventId());
    }

    @Test
    void aReceiptKafkaDidNotTakeFailsTheAck() {
        willThrow(new ChatException(ErrorCode.SERVICE_UNAVAILABLE, "unavailable")).given(events).publishAndWait(any());

        assertThatThrownBy(() -> publisher
            .publish(List.of(DeliveredReceiptPublisher.delivered(CONVERSATION, UserId.of("bob"), 7))))
            .isInstanceOfSatisfying(ChatException.class,
                    ex -> assertThat(ex.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
    }

    @Test
    void publishesNothingForNoReceipt() {
        publisher.publish(List.of());

        then(events).shouldHaveNoInteractions();
    }

}
