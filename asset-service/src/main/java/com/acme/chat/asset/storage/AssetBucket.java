package com.acme.chat.asset.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

import org.springframework.beans.factory.InitializingBean;

/**
 * The bucket that holds every asset. It is created at startup when missing (idempotent,
 * safe with many replicas), so a fresh environment needs no manual step.
 */
public class AssetBucket implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(AssetBucket.class);

    private final S3Client s3;

    private final String name;

    AssetBucket(S3Client s3, String name) {
        this.s3 = s3;
        this.name = name;
    }

    public String name() {
        return name;
    }

    @Override
    public void afterPropertiesSet() {
        try {
            s3.headBucket(request -> request.bucket(name));
        }
        catch (NoSuchBucketException ex) {
            try {
                s3.createBucket(request -> request.bucket(name));
                log.info("Created asset bucket {}", name);
            }
            catch (BucketAlreadyOwnedByYouException raced) {
                // another replica created it first: fine
            }
        }
    }

    /** Throws when the store does not answer or the bucket is gone. */
    void check() {
        s3.headBucket(request -> request.bucket(name));
    }

}
