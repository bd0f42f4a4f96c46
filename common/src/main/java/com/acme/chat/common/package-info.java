/**
 * Cross-service contract of the chat backend: WebSocket frames, Kafka events, typed ids
 * and error codes.
 * <p>
 * Uses only the JDK, jackson-annotations, jakarta.validation, slf4j-api and jspecify, so
 * every service and client can depend on it without inheriting a framework; the module's
 * {@code ArchitectureTest} enforces this allow-list.
 */
@NullMarked
package com.acme.chat.common;

import org.jspecify.annotations.NullMarked;
