/**
 * Kafka: topic declaration with environment-specific partitions and replication, and a
 * readiness health indicator.
 */
@NullMarked
package com.acme.chat.kit.kafka;

import org.jspecify.annotations.NullMarked;
