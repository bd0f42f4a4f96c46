package com.acme.chat.asset;

import java.util.List;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import org.springframework.beans.factory.annotation.Autowired;

import com.acme.chat.common.event.Topics;
import com.acme.chat.testsupport.CassandraServiceContract;
import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.TestNamespace;

import static org.assertj.core.api.Assertions.assertThat;

@ChatIntegrationTest
class AssetServiceIT extends CassandraServiceContract {

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
        String bucket = namespace.bucket("chat-assets");
        assertThat(bucket).isEqualTo(TestNamespace.current() + "-chat-assets");
        assertThat(s3.headBucket(request -> request.bucket(bucket)).sdkHttpResponse().isSuccessful()).isTrue();
    }

    @Test
    void declaresItsTopics() {
        assertDeclaresTopics(Topics.ASSETS);
    }

}
