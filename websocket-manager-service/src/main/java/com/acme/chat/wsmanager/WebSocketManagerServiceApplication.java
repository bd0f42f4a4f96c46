package com.acme.chat.wsmanager;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The WebSocket handler service: holds client connections and routes frames to them. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WebSocketManagerServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(WebSocketManagerServiceApplication.class, args);
    }
}
