/**
 * Local infrastructure launcher: starts real Kafka, Cassandra, Redis and S3 servers and
 * the six chat services as plain processes under one git-ignored folder
 * ({@code .local/}), waits for each one's ready signal, and stops them again. It is the
 * single source of local servers for {@code ./chatctl}, the integration tests and CI.
 */
package com.acme.chat.localstack;
