package com.acme.chat.asset;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Images and videos in S3 under content-hash keys; an upload whose hash is already stored
 * is not uploaded again.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AssetServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(AssetServiceApplication.class, args);
    }

}
