/**
 * Cassandra: creates the service's keyspace and tables at startup (idempotent), makes the
 * driver reconnect quickly, and answers a transient driver failure with a retryable
 * {@code 503 service_unavailable}.
 */
@NullMarked
package com.acme.chat.kit.cassandra;

import org.jspecify.annotations.NullMarked;
