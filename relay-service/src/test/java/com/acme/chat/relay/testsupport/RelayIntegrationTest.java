package com.acme.chat.relay.testsupport;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.datastax.oss.driver.api.core.CqlSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import com.acme.chat.common.event.DeliveryRequested;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.routing.RouteKeys;
import com.acme.chat.common.namespace.ChatNamespace;
import com.acme.chat.testsupport.Http;
import com.acme.chat.testsupport.KafkaListeners;

import static org.awaitility.Awaitility.await;

/**
 * Shared wiring of relay's integration tests (each subclass is a
 * {@code @ChatIntegrationTest}; they all share one context): the topics other services
 * declare ({@link RelayTopics}), a producer for the events other services publish, a fake
 * handler listening on its Redis channel, and a direct view of the queue table. Every
 * test uses fresh user ids, so tests never see each other's data.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@Import(RelayTopics.class)
public abstract class RelayIntegrationTest {

    /**
     * How long to wait for anything that goes through Kafka. Generous: the first test
     * also waits for the consumer group to form, and other modules' tests may restart the
     * shared broker meanwhile.
     */
    protected static final Duration KAFKA_WAIT = Duration.ofSeconds(90);

    @LocalServerPort
    protected int port;

    @Autowired
    protected JsonMapper json;

    @Autowired
    protected StringRedisTemplate redis;

    @Autowired
    protected RouteKeys keys;

    @Autowired
    protected CqlSession session;

    /** The context's namespace: every topic a test reads or writes is in it. */
    @Autowired
    protected ChatNamespace namespace;

    @Value("${spring.data.redis.host}")
    private String redisHost;

    @Value("${spring.data.redis.port}")
    private int redisPort;

    protected EventProducer events;

    protected FakeHandler handler;

    protected QueueRows queue;

    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    @BeforeEach
    void openFixtures() {
        KafkaListeners.awaitAssignment(listeners);
        events = new EventProducer(json, namespace);
        handler = new FakeHandler(redisHost, redisPort, redis, keys, json);
        queue = new QueueRows(session);
    }

    @AfterEach
    void closeFixtures() {
        handler.close();
        events.close();
    }

    /**
     * Sends {@code count} deliveries with seqs 1, 2, ... from the sender's web device to
     * the recipient and waits until they are all queued, in order, for {@code device}
     * (which must be the recipient's only known device).
     * @return the deliveries, in seq order
     */
    protected List<DeliveryRequested> queueOffline(UserId recipient, UserId sender, DeviceId device, int count) {
        List<DeliveryRequested> messages = new ArrayList<>();
        for (int seq = 1; seq <= count; seq++) {
            DeliveryRequested message = Events.delivery(recipient, sender, DeviceId.of("web"), seq);
            messages.add(message);
            events.send(message);
        }
        List<String> ids = messages.stream().map(m -> m.messageId().value()).toList();
        await().atMost(KAFKA_WAIT).until(() -> queue.messageIds(recipient, device).equals(ids));
        return messages;
    }

    protected HttpResponse<String> postAck(String token, DeviceId device, String body) {
        return Http.request(Http.local(port, "/api/v1/devices/" + device.value() + "/acks")).bearer(token).post(body);
    }

    protected String ackBody(String conversationId, String... messageIds) {
        return json.writeValueAsString(
                java.util.Map.of("conversationId", conversationId, "messageIds", java.util.List.of(messageIds)));
    }

}
