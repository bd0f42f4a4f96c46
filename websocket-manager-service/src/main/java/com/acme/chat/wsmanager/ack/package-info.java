/**
 * Delivery acks on Kafka ({@code chat.acks.v1}, keyed by user id): relay takes the
 * acknowledged messages out of the device's queue and reports them delivered.
 */
@NullMarked
package com.acme.chat.wsmanager.ack;

import org.jspecify.annotations.NullMarked;
