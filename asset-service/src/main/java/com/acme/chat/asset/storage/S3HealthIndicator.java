package com.acme.chat.asset.storage;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Readiness of the object store: the asset bucket answers a HEAD within the S3 call
 * timeout.
 */
@Component("s3HealthIndicator")
class S3HealthIndicator extends AbstractHealthIndicator {

    private final AssetBucket bucket;

    S3HealthIndicator(AssetBucket bucket) {
        super("S3 health check failed");
        this.bucket = bucket;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        bucket.check();
        builder.up().withDetail("bucket", bucket.name());
    }

}
