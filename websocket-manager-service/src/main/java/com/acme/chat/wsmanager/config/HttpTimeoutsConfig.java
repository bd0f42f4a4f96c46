package com.acme.chat.wsmanager.config;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import reactor.netty.NettyPipeline;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Time limits of the HTTP side of the handler, before a connection becomes a WebSocket
 * (Reactor Netty has none by default: an unfinished {@code GET /ws} stayed open for as
 * long as the client liked).
 * <ul>
 * <li>{@code chat.wsmanager.request-headers-timeout}: a connection that has not sent a
 * complete request head this long after it was opened, or after its previous request, is
 * closed, however slowly it trickles bytes (a slow-loris client cannot hold it by sending
 * a byte now and then);</li>
 * <li>{@code chat.wsmanager.request-body-timeout}: the whole body must arrive within this
 * once the head has;</li>
 * <li>{@code chat.wsmanager.http-idle-timeout}: a keep-alive connection idle between
 * requests is closed.</li>
 * </ul>
 * Upgraded connections are not affected: the WebSocket heartbeat governs them.
 */
@Configuration(proxyBeanMethods = false)
class HttpTimeoutsConfig {

    static final String HEAD_DEADLINE = "chat.requestHeadDeadline";

    @Bean
    NettyServerCustomizer httpTimeouts(WsManagerProperties properties, MeterRegistry meters) {
        long headMillis = properties.requestHeadersTimeout().toMillis();
        Counter timedOut = Counter.builder("chat.wsmanager.http.head_timeouts")
            .description("Connections closed for not sending a complete request head in time")
            .register(meters);
        return server -> server.idleTimeout(properties.httpIdleTimeout())
            .requestTimeout(properties.requestBodyTimeout())
            .doOnChannelInit((observer, channel, remote) -> {
                if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                    channel.pipeline()
                        .addAfter(NettyPipeline.HttpCodec, HEAD_DEADLINE,
                                new RequestHeadDeadline(headMillis, timedOut));
                }
            });
    }

    /**
     * Closes the connection unless a decoded request head passes by within the deadline;
     * then removes itself. Sits right after Reactor Netty's HTTP codec.
     */
    static final class RequestHeadDeadline extends ChannelInboundHandlerAdapter {

        private final long millis;

        private final Counter timedOut;

        private @Nullable ScheduledFuture<?> timer;

        RequestHeadDeadline(long millis, Counter timedOut) {
            this.millis = millis;
            this.timedOut = timedOut;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            if (ctx.channel().isActive()) {
                start(ctx);
            }
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            start(ctx);
            ctx.fireChannelActive();
        }

        private void start(ChannelHandlerContext ctx) {
            if (timer == null) {
                timer = ctx.executor().schedule(() -> {
                    if (ctx.channel().isOpen()) {
                        timedOut.increment();
                        ctx.close();
                    }
                }, millis, TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest) {
                ctx.pipeline().remove(this);
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            ScheduledFuture<?> running = timer;
            if (running != null) {
                running.cancel(false);
            }
        }

    }

}
