package com.acme.chat.asset;

import java.util.List;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import org.springframework.beans.factory.annotation.Autowired;

import com.acme.chat.common.event.Topics;
import com.acme.chat.kit.namespace.ChatNamespace;
import com.acme.chat.testsupport.CassandraServiceContract;
import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.Schemas;

import static org.assertj.core.api.Assertions.assertThat;

@ChatIntegrationTest
class AssetServiceIT extends CassandraServiceContract {

    @Autowired
    ChatNamespace namespace;

    @Override
    protected List<String> readinessDependencies() {
        return List.of("cassandra", "kafka", "s3");
    }

    @Override
    protected String keyspace() {
        return "chat_asset";
    }

    @Override
    protected List<String> tables() {
        return List.of("assets", "asset_grants");
    }

    @Autowired
    S3Client s3;

    @Test
    void ensuresItsBucketExists() {
        assertThat(s3.headBucket(request -> request.bucket("chat-assets")).sdkHttpResponse().isSuccessful()).isTrue();
    }

    @Test
    void readinessFollowsTheObjectStore() {
        assertReadinessFollows("s3", "s3");
    }

    @Test
    void declaresItsTopics() {
        assertThat(Schemas.topics()).contains(namespace.topic(Topics.ASSETS));
    }

}
