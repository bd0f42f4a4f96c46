package com.acme.chat.wsmanager.handshake;

import reactor.netty.Connection;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.adapter.ReactorNettyWebSocketSession;

/**
 * Spring's Reactor Netty session, plus a way to drop the TCP connection at once: a close
 * frame waits behind everything queued for a client that does not read, so {@link #close}
 * alone would leave such a connection open for ever.
 */
public final class ChatNettySession extends ReactorNettyWebSocketSession {

    ChatNettySession(WebsocketInbound inbound, WebsocketOutbound outbound, HandshakeInfo info,
            NettyDataBufferFactory bufferFactory, int maxFramePayloadLength) {
        super(inbound, outbound, info, bufferFactory, maxFramePayloadLength);
    }

    /** Closes the TCP connection now, without a close handshake. */
    public void abort() {
        getDelegate().getInbound().withConnection(Connection::dispose);
    }

}
