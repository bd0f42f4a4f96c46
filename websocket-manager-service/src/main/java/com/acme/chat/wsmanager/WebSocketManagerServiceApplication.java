package com.acme.chat.wsmanager;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The WebSocket handler service: holds client connections and routes frames to them. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WebSocketManagerServiceApplication {

    /**
     * How many frames Reactor Netty takes ahead from a connection's outbox into its own
     * queue. That queue lives as long as the connection; at the default of 128 it costs
     * ~0.9 KB per idle connection (docs/adr/0003). Frames beyond it wait in the
     * connection's bounded outbox, which grows only while there is something to send.
     */
    static final String SEND_PREFETCH_PROPERTY = "reactor.netty.send.maxPrefetchSize";

    static final String SEND_PREFETCH = "16";

    public static void main(String[] args) {
        if (System.getProperty(SEND_PREFETCH_PROPERTY) == null) {
            // Read once, when Reactor Netty's send operator is first loaded: set before
            // anything is sent.
            System.setProperty(SEND_PREFETCH_PROPERTY, SEND_PREFETCH);
        }
        SpringApplication.run(WebSocketManagerServiceApplication.class, args);
    }

}
