package com.acme.chat.asset.storage;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.acme.chat.asset.config.AssetProperties;
import com.acme.chat.common.namespace.ChatNamespace;

/** The S3 client and presigner, pointed at the configured S3-compatible endpoint. */
@Configuration(proxyBeanMethods = false)
class S3Config {

    @Bean(destroyMethod = "close")
    S3Client s3Client(AssetProperties properties) {
        AssetProperties.S3 s3 = properties.s3();
        S3ClientBuilder builder = S3Client.builder()
            .region(Region.of(s3.region()))
            .credentialsProvider(credentials(s3))
            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(s3.pathStyle()).build())
            .overrideConfiguration(config -> config.apiCallTimeout(s3.timeout()));
        if (s3.endpoint() != null) {
            builder.endpointOverride(s3.endpoint());
        }
        return builder.build();
    }

    @Bean(destroyMethod = "close")
    S3Presigner s3Presigner(AssetProperties properties) {
        AssetProperties.S3 s3 = properties.s3();
        S3Presigner.Builder builder = S3Presigner.builder()
            .region(Region.of(s3.region()))
            .credentialsProvider(credentials(s3))
            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(s3.pathStyle()).build());
        if (s3.endpoint() != null) {
            builder.endpointOverride(s3.endpoint());
        }
        return builder.build();
    }

    @Bean
    AssetBucket assetBucket(S3Client s3, AssetProperties properties, ChatNamespace namespace) {
        return new AssetBucket(s3, namespace.bucket(properties.s3().bucket()));
    }

    private static StaticCredentialsProvider credentials(AssetProperties.S3 s3) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey()));
    }

}
