package com.acme.chat.group;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.OutageContract;
import com.acme.chat.testsupport.PrivateServers;

/** group follows a Kafka outage. */
@ChatIntegrationTest
class GroupKafkaOutageIT extends OutageContract {

    @DynamicPropertySource
    static void privateKafka(DynamicPropertyRegistry registry) {
        PrivateServers.kafka(registry);
    }

    @Override
    protected String server() {
        return "kafka";
    }

}
