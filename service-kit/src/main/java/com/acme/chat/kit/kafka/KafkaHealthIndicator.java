package com.acme.chat.kit.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Readiness of the Kafka connection: UP when the cluster answers a describe-cluster call
 * with at least one broker within the timeout. One long-lived admin client is reused; it
 * reconnects by itself when the broker returns.
 */
public class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

    private final AdminClient admin;

    private final Duration timeout;

    public KafkaHealthIndicator(AdminClient admin, Duration timeout) {
        super("Kafka health check failed");
        this.admin = admin;
        this.timeout = timeout;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        DescribeClusterOptions options = new DescribeClusterOptions().timeoutMs((int) timeout.toMillis());
        Collection<Node> nodes = admin.describeCluster(options)
            .nodes()
            .get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
        if (nodes.isEmpty()) {
            builder.down().withDetail("brokers", 0);
        }
        else {
            builder.up().withDetail("brokers", nodes.size());
        }
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(2));
    }

}
