package com.acme.chat.relay.ack;

/**
 * Answer to a device ack.
 *
 * @param removed how many of the acknowledged messages were still queued for the device
 * and are now removed (0 when all of them were acknowledged before, or never queued for
 * it)
 */
record AckResponse(int removed) {
}
