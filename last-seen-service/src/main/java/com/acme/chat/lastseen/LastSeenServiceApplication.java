package com.acme.chat.lastseen;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Online status and last-seen time. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LastSeenServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(LastSeenServiceApplication.class, args);
    }

}
