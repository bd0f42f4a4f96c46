package com.acme.chat.wsmanager.handshake;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * Enforces the message size limit on fragmented messages. Netty's frame decoder already
 * closes with 1009 when a single frame is too large, but a message sent as several
 * smaller frames (the JDK client fragments at 16 KiB) would only overflow the frame
 * aggregator, which drops the connection without a close code. This handler sits before
 * the aggregator, adds up the fragments of the current message, and once they exceed the
 * limit discards the rest and asks for a 1009 close. One instance per connection; runs on
 * the connection's event loop, so it needs no locking.
 */
final class MessageSizeLimiter extends ChannelInboundHandlerAdapter {

    static final String NAME = "chatMessageSizeLimiter";

    private final int maxBytes;

    private final Runnable closeTooBig;

    private long messageBytes;

    private boolean rejected;

    MessageSizeLimiter(int maxBytes, Runnable closeTooBig) {
        this.maxBytes = maxBytes;
        this.closeTooBig = closeTooBig;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WebSocketFrame frame) || !isDataFrame(frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (rejected) {
            ReferenceCountUtil.release(msg);
            return;
        }
        messageBytes = (frame instanceof ContinuationWebSocketFrame) ? messageBytes + frame.content().readableBytes()
                : frame.content().readableBytes();
        if (messageBytes > maxBytes) {
            rejected = true;
            ReferenceCountUtil.release(msg);
            closeTooBig.run();
            return;
        }
        if (frame.isFinalFragment()) {
            messageBytes = 0;
        }
        ctx.fireChannelRead(msg);
    }

    private static boolean isDataFrame(WebSocketFrame frame) {
        return frame instanceof io.netty.handler.codec.http.websocketx.TextWebSocketFrame
                || frame instanceof io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame
                || frame instanceof ContinuationWebSocketFrame;
    }

}
