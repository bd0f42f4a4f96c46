package com.acme.chat.wsmanager;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.acme.chat.common.event.Topics;
import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.ServiceContract;

@ChatIntegrationTest
class WebSocketManagerServiceIT extends ServiceContract {

    @Override
    protected List<String> readinessDependencies() {
        return List.of("redis", "kafka");
    }

    @Test
    void declaresItsTopics() {
        assertDeclaresTopics(Topics.PRESENCE);
    }

}
