package com.acme.chat.asset.config;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code chat.asset.*}: where media is stored and how uploads and downloads are limited.
 *
 * @param maxUploadBytes largest object a client may upload
 * @param presignTtl how long a presigned upload or download URL stays valid
 * @param s3 the S3-compatible store
 */
@ConfigurationProperties("chat.asset")
@Validated
public record AssetProperties(@DefaultValue("104857600") @Positive long maxUploadBytes,
        @DefaultValue("15m") @NotNull Duration presignTtl, @Valid @NotNull S3 s3) {

    /**
     * @param endpoint endpoint override (s3proxy locally); AWS's regional endpoint when
     * empty in production
     * @param region signing region
     * @param bucket bucket holding all assets under {@code sha256/<hex>} keys; created at
     * startup if missing
     * @param accessKey static credentials (from a Secret in k8s)
     * @param secretKey static credentials (from a Secret in k8s)
     * @param pathStyle path-style addressing (needed by most S3-compatible stores)
     * @param timeout per-call timeout, also bounds the readiness check
     */
    public record S3(URI endpoint, @DefaultValue("us-east-1") @NotBlank String region,
            @DefaultValue("chat-assets") @NotBlank String bucket, @NotBlank String accessKey,
            @NotBlank String secretKey, @DefaultValue("true") boolean pathStyle,
            @DefaultValue("5s") @NotNull Duration timeout) {
    }
}
