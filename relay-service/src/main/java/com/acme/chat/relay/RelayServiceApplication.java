package com.acme.chat.relay;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Keeps messages for devices that have not acknowledged them and hands them over on
 * reconnect; triggers push notifications.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RelayServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(RelayServiceApplication.class, args);
    }

}
