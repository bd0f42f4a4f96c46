package com.acme.chat.messaging;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Sends messages (1:1 and group), owns message history, serves Send-Message and
 * Get-Message.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MessagingServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(MessagingServiceApplication.class, args);
    }

}
