package com.acme.chat.relay.ack;

import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.listener.BatchListenerFailedException;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.event.DeliveryAcked;
import com.acme.chat.common.event.DeliveryRequested;
import com.acme.chat.common.event.Topics;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.kit.kafka.ChatEventReader;
import com.acme.chat.kit.kafka.UnreadableRecordException;
import com.acme.chat.kit.web.ChatException;
import com.acme.chat.relay.testsupport.Events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

class AckHandlerTest {

    private static final DeviceId PHONE = DeviceId.of("phone");

    private final ChatEventReader reader = mock(ChatEventReader.class);

    private final AckService acks = mock(AckService.class);

    private final AckHandler handler = new AckHandler(reader, acks);

    @Test
    void appliesAPollAsOneBatch() {
        List<DeliveryAcked> events = List.of(ack(), ack(), ack());
        List<ConsumerRecord<String, String>> records = records(3);
        readAs(records, events);

        handler.onAcks(records);

        then(acks).should().ack(events.stream().map(DeviceAck::of).toList());
    }

    @Test
    void aRecordThatIsNotAnEventFailsAtItsRecordOnceTheAcksInFrontOfItAreApplied() {
        List<ConsumerRecord<String, String>> records = records(3);
        DeliveryAcked first = ack();
        given(reader.read(records.get(0))).willReturn(first);
        given(reader.read(records.get(1))).willThrow(new UnreadableRecordException("unreadable"));

        assertThatThrownBy(() -> handler.onAcks(records)).isInstanceOfSatisfying(BatchListenerFailedException.class,
                ex -> assertThat(ex.getRecord()).isSameAs(records.get(1)));
        then(acks).should().ack(List.of(DeviceAck.of(first)));
        then(reader).should(never()).read(records.get(2));
    }

    @Test
    void anOutageFailsAtTheFirstRecordSoTheWholePollIsRetried() {
        List<ConsumerRecord<String, String>> records = records(2);
        readAs(records, List.of(ack(), ack()));
        willThrow(new ChatException(ErrorCode.SERVICE_UNAVAILABLE, "Kafka away")).given(acks).ack(any(List.class));

        assertThatThrownBy(() -> handler.onAcks(records)).isInstanceOfSatisfying(BatchListenerFailedException.class,
                ex -> assertThat(ex.getRecord()).isSameAs(records.get(0)));
        then(acks).should().ack(any(List.class));
    }

    @Test
    void aPermanentFailureIsTracedToItsAckByApplyingTheAcksOneByOne() {
        List<DeliveryAcked> events = List.of(ack(), ack(), ack());
        List<ConsumerRecord<String, String>> records = records(3);
        readAs(records, events);
        willThrow(new IllegalStateException("bug")).given(acks).ack(events.stream().map(DeviceAck::of).toList());
        willThrow(new IllegalStateException("bug")).given(acks).ack(List.of(DeviceAck.of(events.get(1))));

        assertThatThrownBy(() -> handler.onAcks(records)).isInstanceOfSatisfying(BatchListenerFailedException.class,
                ex -> assertThat(ex.getRecord()).isSameAs(records.get(1)));
        then(acks).should().ack(List.of(DeviceAck.of(events.get(0))));
        then(acks).should(never()).ack(List.of(DeviceAck.of(events.get(2))));
    }

    @Test
    void ignoresOtherEvents() {
        List<ConsumerRecord<String, String>> records = records(1);
        given(reader.read(records.get(0))).willReturn(Events.delivery(UserId.of("bob"), UserId.of("alice"), PHONE, 1));

        handler.onAcks(records);

        then(acks).shouldHaveNoInteractions();
    }

    private void readAs(List<ConsumerRecord<String, String>> records, List<DeliveryAcked> events) {
        for (int i = 0; i < records.size(); i++) {
            given(reader.read(records.get(i))).willReturn(events.get(i));
        }
    }

    private static DeliveryAcked ack() {
        UserId bob = Events.freshUser("bob");
        DeliveryRequested message = Events.delivery(bob, UserId.of("alice"), PHONE, 1);
        return Events.acked(bob, PHONE, List.of(message), true);
    }

    private static List<ConsumerRecord<String, String>> records(int count) {
        return java.util.stream.IntStream.range(0, count)
            .mapToObj(offset -> new ConsumerRecord<>(Topics.ACKS, 0, offset, "key", UUID.randomUUID().toString()))
            .toList();
    }

}
