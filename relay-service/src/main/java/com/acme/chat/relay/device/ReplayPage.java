package com.acme.chat.relay.device;

import java.util.List;

import org.jspecify.annotations.Nullable;

import com.acme.chat.common.protocol.MessageFrame;
import com.acme.chat.common.protocol.ResyncFrame;

/**
 * One page of a device's queue.
 *
 * @param messages the queued messages as the {@code message} frames the device gets,
 * oldest first per conversation
 * @param resyncs the resync markers of the page's conversations, as the {@code resync}
 * frames the device gets after the page's messages
 * @param next where to continue (the {@code after} of the next request); null on the last
 * page
 */
record ReplayPage(List<MessageFrame> messages, List<ResyncFrame> resyncs, @Nullable ReplayPosition next) {
}
