/**
 * Kafka integration events between the services, and the topics that carry them.
 */
@NullMarked
package com.acme.chat.common.event;

import org.jspecify.annotations.NullMarked;
