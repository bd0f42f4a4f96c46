/**
 * Publishing integration events to Kafka and waiting for the broker's acknowledgement.
 */
@NullMarked
package com.acme.chat.messaging.event;

import org.jspecify.annotations.NullMarked;
