/**
 * The devices of each user ({@code user_devices}) and what happens when one connects or
 * disconnects: registration and queue replay.
 */
@NullMarked
package com.acme.chat.relay.device;

import org.jspecify.annotations.NullMarked;
