package com.acme.chat.wsmanager.handshake;

import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageSizeLimiterTest {

    private final AtomicInteger closes = new AtomicInteger();

    private final EmbeddedChannel channel = new EmbeddedChannel(new MessageSizeLimiter(10, closes::incrementAndGet));

    private static ByteBuf bytes(int n) {
        return Unpooled.wrappedBuffer(new byte[n]);
    }

    private int passed() {
        int count = 0;
        Object message;
        while ((message = channel.readInbound()) != null) {
            ((WebSocketFrame) message).release();
            count++;
        }
        return count;
    }

    @Test
    void passesMessagesUpToTheLimit() {
        channel.writeInbound(new TextWebSocketFrame(true, 0, bytes(10)));
        channel.writeInbound(new TextWebSocketFrame(false, 0, bytes(4)),
                new ContinuationWebSocketFrame(true, 0, bytes(6)));
        channel.writeInbound(new BinaryWebSocketFrame(bytes(10)));

        assertThat(passed()).isEqualTo(4);
        assertThat(closes).hasValue(0);
    }

    @Test
    void closesWhenTheFragmentsOfOneMessageExceedTheLimitAndDropsTheRest() {
        TextWebSocketFrame first = new TextWebSocketFrame(false, 0, bytes(6));
        ContinuationWebSocketFrame second = new ContinuationWebSocketFrame(false, 0, bytes(6));
        ContinuationWebSocketFrame third = new ContinuationWebSocketFrame(true, 0, bytes(1));

        channel.writeInbound(first, second, third, new TextWebSocketFrame(true, 0, bytes(1)));

        assertThat(passed()).isEqualTo(1);
        assertThat(closes).hasValue(1);
        assertThat(second.refCnt()).isZero();
        assertThat(third.refCnt()).isZero();
    }

    @Test
    void countsEachMessageSeparately() {
        for (int i = 0; i < 5; i++) {
            channel.writeInbound(new TextWebSocketFrame(false, 0, bytes(5)),
                    new ContinuationWebSocketFrame(true, 0, bytes(5)));
        }

        assertThat(passed()).isEqualTo(10);
        assertThat(closes).hasValue(0);
    }

    @Test
    void controlFramesPassUntouched() {
        channel.writeInbound(new TextWebSocketFrame(false, 0, bytes(8)), new PingWebSocketFrame(bytes(100)),
                new ContinuationWebSocketFrame(true, 0, bytes(2)));

        assertThat(passed()).isEqualTo(3);
        assertThat(closes).hasValue(0);
    }

}
