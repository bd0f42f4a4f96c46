package com.acme.chat.testsupport;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

import com.acme.chat.localstack.Servers;
import com.acme.chat.localstack.StackHome;
import com.acme.chat.localstack.TestNamespaces;

/**
 * What test namespaces hold on the shared servers: keyspaces ({@code <ns>_…}), topics and
 * consumer groups ({@code <ns>.…}), Redis keys ({@code <ns>:…}) and buckets
 * ({@code <ns>-…}). Lists them, checks that a new namespace is empty and deletes the data
 * of namespaces whose run has ended. Never touches a name outside a test namespace, so
 * the data of a {@code ./chatctl up} stack is safe.
 */
final class NamespaceData implements AutoCloseable {

    private static final Duration DDL_TIMEOUT = Duration.ofSeconds(60);

    private final CqlSession cassandra;

    private final AdminClient kafka;

    private final RedisClient redisClient;

    private final StatefulRedisConnection<String, String> redisConnection;

    private final S3Client s3;

    private NamespaceData(CqlSession cassandra, AdminClient kafka, RedisClient redisClient, S3Client s3) {
        this.cassandra = cassandra;
        this.kafka = kafka;
        this.redisClient = redisClient;
        this.redisConnection = redisClient.connect();
        this.s3 = s3;
    }

    static NamespaceData onSharedServers() {
        CqlSession cassandra = CqlSession.builder()
            .addContactPoint(new InetSocketAddress("127.0.0.1", Servers.CASSANDRA_PORT))
            .withLocalDatacenter("datacenter1")
            .build();
        AdminClient kafka = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalServers.kafkaBootstrap(), AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
        RedisClient redis = RedisClient.create(RedisURI.create("127.0.0.1", Servers.REDIS_PORT));
        S3Client s3 = S3Client.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + Servers.S3_PORT))
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .credentialsProvider(StaticCredentialsProvider
                .create(AwsBasicCredentials.create(Servers.S3_ACCESS_KEY, Servers.S3_SECRET_KEY)))
            .build();
        return new NamespaceData(cassandra, kafka, redis, s3);
    }

    /**
     * Deletes the data of every test namespace found on the servers whose run has ended
     * (its lease is stale or gone), then their leases.
     * @return how many namespaces were deleted
     */
    int purgeEnded(StackHome home) {
        Set<String> ended = new TreeSet<>(TestNamespaces.staleLeases(home));
        for (String namespace : namespacesOnServers()) {
            if (!TestNamespaces.isLive(home, namespace)) {
                ended.add(namespace);
            }
        }
        for (String namespace : ended) {
            purge(namespace);
            TestNamespaces.release(home, namespace);
        }
        return ended.size();
    }

    /** Fails when anything exists under {@code namespace}: a fresh one must be empty. */
    void assertNothingUnder(String namespace) {
        List<String> found = new ArrayList<>();
        Predicate<String> ours = name -> namespace.equals(TestNamespaces.namespaceOf(name));
        keyspaces().stream().filter(ours).forEach(found::add);
        topics().stream().filter(ours).forEach(found::add);
        groups().stream().filter(ours).forEach(found::add);
        buckets().stream().filter(ours).forEach(found::add);
        found.addAll(redisKeys(namespace));
        if (!found.isEmpty()) {
            throw new IllegalStateException("The new test namespace " + namespace + " is not empty: " + found);
        }
    }

    /** Deletes everything under {@code namespace} from the four servers. */
    void purge(String namespace) {
        Predicate<String> ours = name -> namespace.equals(TestNamespaces.namespaceOf(name));
        for (String keyspace : keyspaces().stream().filter(ours).toList()) {
            cassandra.execute(SimpleStatement
                .newInstance("DROP KEYSPACE IF EXISTS " + CqlIdentifier.fromInternal(keyspace).asCql(true))
                .setTimeout(DDL_TIMEOUT));
        }
        List<String> topics = topics().stream().filter(ours).toList();
        if (!topics.isEmpty()) {
            await(kafka.deleteTopics(topics).all());
        }
        List<String> groups = groups().stream().filter(ours).toList();
        if (!groups.isEmpty()) {
            await(kafka.deleteConsumerGroups(groups).all());
        }
        List<String> keys = redisKeys(namespace);
        if (!keys.isEmpty()) {
            redis().unlink(keys.toArray(String[]::new));
        }
        for (String bucket : buckets().stream().filter(ours).toList()) {
            emptyAndDelete(bucket);
        }
    }

    private Set<String> namespacesOnServers() {
        Set<String> namespaces = new TreeSet<>();
        List<String> names = new ArrayList<>();
        names.addAll(keyspaces());
        names.addAll(topics());
        names.addAll(groups());
        names.addAll(buckets());
        names.addAll(redisKeys("it??????"));
        names.stream().map(TestNamespaces::namespaceOf).filter(Objects::nonNull).forEach(namespaces::add);
        return namespaces;
    }

    private List<String> keyspaces() {
        return cassandra
            .execute(SimpleStatement.newInstance("SELECT keyspace_name FROM system_schema.keyspaces")
                .setTimeout(Duration.ofSeconds(10)))
            .all()
            .stream()
            .map(row -> row.getString("keyspace_name"))
            .toList();
    }

    private Collection<String> topics() {
        return await(kafka.listTopics().names());
    }

    private List<String> groups() {
        return await(kafka.listConsumerGroups().all()).stream().map(ConsumerGroupListing::groupId).toList();
    }

    private List<String> buckets() {
        return s3.listBuckets().buckets().stream().map(Bucket::name).toList();
    }

    /**
     * Keys under {@code namespacePattern} (a namespace or a glob), by SCAN, never KEYS.
     */
    private List<String> redisKeys(String namespacePattern) {
        List<String> keys = new ArrayList<>();
        ScanArgs args = ScanArgs.Builder.matches(namespacePattern + ":*").limit(1000);
        KeyScanCursor<String> cursor = redis().scan(args);
        keys.addAll(cursor.getKeys());
        while (!cursor.isFinished()) {
            cursor = redis().scan(ScanCursor.of(cursor.getCursor()), args);
            keys.addAll(cursor.getKeys());
        }
        return keys;
    }

    private void emptyAndDelete(String bucket) {
        List<S3Object> objects;
        do {
            objects = s3.listObjectsV2(request -> request.bucket(bucket)).contents();
            if (!objects.isEmpty()) {
                List<ObjectIdentifier> ids = objects.stream()
                    .map(object -> ObjectIdentifier.builder().key(object.key()).build())
                    .toList();
                s3.deleteObjects(request -> request.bucket(bucket).delete(delete -> delete.objects(ids)));
            }
        }
        while (!objects.isEmpty());
        s3.deleteBucket(request -> request.bucket(bucket));
    }

    private RedisCommands<String, String> redis() {
        return redisConnection.sync();
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(60, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
        catch (Exception ex) {
            throw new IllegalStateException("Kafka admin call failed: " + ex.getMessage(), ex);
        }
    }

    @Override
    public void close() {
        redisConnection.close();
        redisClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        s3.close();
        kafka.close(Duration.ofSeconds(5));
        cassandra.close();
    }

}
