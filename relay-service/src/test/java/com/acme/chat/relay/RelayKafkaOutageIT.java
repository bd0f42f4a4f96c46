package com.acme.chat.relay;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.OutageContract;
import com.acme.chat.testsupport.PrivateServers;

/** relay follows a Kafka outage. */
@ChatIntegrationTest
class RelayKafkaOutageIT extends OutageContract {

    @DynamicPropertySource
    static void privateKafka(DynamicPropertyRegistry registry) {
        PrivateServers.kafka(registry);
    }

    @Override
    protected String server() {
        return "kafka";
    }

}
