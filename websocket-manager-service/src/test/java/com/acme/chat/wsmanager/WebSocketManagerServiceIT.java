package com.acme.chat.wsmanager;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.acme.chat.common.event.Topics;
import com.acme.chat.kit.namespace.ChatNamespace;
import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.Schemas;
import com.acme.chat.testsupport.ServiceContract;

import static org.assertj.core.api.Assertions.assertThat;

@ChatIntegrationTest
class WebSocketManagerServiceIT extends ServiceContract {

    @Autowired
    ChatNamespace namespace;

    @Override
    protected List<String> readinessDependencies() {
        return List.of("redis", "kafka");
    }

    @Test
    void declaresItsTopics() {
        assertThat(Schemas.topics()).contains(namespace.topic(Topics.PRESENCE));
    }

    @Test
    void readinessFollowsRedis() {
        assertReadinessFollows("redis", "redis");
    }

}
