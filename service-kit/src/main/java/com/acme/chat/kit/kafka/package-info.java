/**
 * Kafka: topic declaration (namespaced) with environment-specific partitions and
 * replication, the one event publisher and the one event reader every service uses, and a
 * readiness health indicator.
 */
@NullMarked
package com.acme.chat.kit.kafka;

import org.jspecify.annotations.NullMarked;
