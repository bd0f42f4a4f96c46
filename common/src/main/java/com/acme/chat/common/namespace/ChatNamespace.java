package com.acme.chat.common.namespace;

import java.util.regex.Pattern;

/**
 * A prefix that separates one deployment's names from another's on shared servers: Kafka
 * topics and consumer groups, Cassandra keyspaces, Redis keys and channels, S3 buckets.
 * Production and {@code ./chatctl up} run with the empty namespace, so every name is
 * exactly the one the docs give ({@code chat.messages.v1}, {@code chat_messaging},
 * {@code route:…}, {@code chat-assets}). The tests run in a fresh namespace per run
 * ({@code chat.namespace}), so a build and a running local stack can share the same
 * servers without seeing each other's data.
 * <p>
 * A namespace is lower-case letters and digits, starting with a letter, at most 16
 * characters, so the derived names stay valid for every server (keyspaces allow only
 * {@code [a-z0-9_]} and 48 characters; buckets only {@code [a-z0-9.-]}).
 */
public final class ChatNamespace {

    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9]{0,15}");

    private static final ChatNamespace NONE = new ChatNamespace("");

    private final String prefix;

    private ChatNamespace(String prefix) {
        this.prefix = prefix;
    }

    /**
     * @param prefix the namespace; empty or blank for none
     * @return the namespace
     * @throws IllegalArgumentException when {@code prefix} is not a valid namespace
     */
    public static ChatNamespace of(String prefix) {
        if (prefix == null || prefix.isBlank()) {
            return NONE;
        }
        if (!VALID.matcher(prefix).matches()) {
            throw new IllegalArgumentException("chat.namespace must be 1-16 lower-case letters and digits, starting "
                    + "with a letter (got '" + prefix + "')");
        }
        return new ChatNamespace(prefix);
    }

    /**
     * @return the empty namespace: every name as documented
     */
    public static ChatNamespace none() {
        return NONE;
    }

    /**
     * @return the namespace itself, empty for none
     */
    public String prefix() {
        return prefix;
    }

    public boolean isNone() {
        return prefix.isEmpty();
    }

    /**
     * @return the Kafka topic, e.g. {@code t1a2b.chat.messages.v1}
     */
    public String topic(String topic) {
        return join(".", topic);
    }

    /**
     * The inverse of {@link #topic}: the name a topic is documented under, for meter tags
     * that must not vary with the namespace.
     * @param topic a Kafka topic, e.g. {@code t1a2b.chat.messages.v1}
     * @return it without this namespace's prefix ({@code chat.messages.v1}); a topic of
     * another namespace as it is
     */
    public String documentedTopic(String topic) {
        String namespaced = topic("");
        return (!prefix.isEmpty() && topic.startsWith(namespaced)) ? topic.substring(namespaced.length()) : topic;
    }

    /**
     * @return the Kafka consumer group, e.g. {@code t1a2b.relay-service}
     */
    public String group(String group) {
        return join(".", group);
    }

    /**
     * @return the Cassandra keyspace, e.g. {@code t1a2b_chat_messaging}
     */
    public String keyspace(String keyspace) {
        return join("_", keyspace);
    }

    /**
     * @return the Redis key or pub/sub channel, e.g. {@code t1a2b:route:alice:phone}
     */
    public String redis(String key) {
        return join(":", key);
    }

    /**
     * @return the S3 bucket, e.g. {@code t1a2b-chat-assets}
     */
    public String bucket(String bucket) {
        return join("-", bucket);
    }

    private String join(String separator, String name) {
        return prefix.isEmpty() ? name : prefix + separator + name;
    }

    @Override
    public String toString() {
        return prefix.isEmpty() ? "(none)" : prefix;
    }

}
