package com.acme.chat.common.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.acme.chat.common.testsupport.Frames;
import org.junit.jupiter.api.Test;

class ClientFrameVisitorTest {

    private static final ClientFrame.Visitor<String> NAMES = new ClientFrame.Visitor<>() {

        @Override
        public String onSendMessage(SendMessage frame) {
            return SendMessage.TYPE;
        }

        @Override
        public String onAckDelivery(AckDelivery frame) {
            return AckDelivery.TYPE;
        }

        @Override
        public String onMarkRead(MarkRead frame) {
            return MarkRead.TYPE;
        }

        @Override
        public String onPing(Ping frame) {
            return Ping.TYPE;
        }

        @Override
        public String onTyping(Typing frame) {
            return Typing.TYPE;
        }

        @Override
        public String onSubscribePresence(SubscribePresence frame) {
            return SubscribePresence.TYPE;
        }

    };

    @Test
    void dispatchesEachFrameToItsOwnMethod() {
        List<ClientFrame> frames = List.of(Frames.sendDirect(), Frames.ackDelivery(), Frames.markRead(), Frames.ping(),
                Frames.typing(), Frames.subscribePresence());

        assertThat(frames).extracting(frame -> frame.accept(NAMES))
            .containsExactly("send_message", "ack_delivery", "mark_read", "ping", "typing", "subscribe_presence");
    }

}
