package com.acme.chat.wsmanager.downstream;

import java.util.List;

import org.jspecify.annotations.Nullable;

import com.acme.chat.common.protocol.MessageFrame;
import com.acme.chat.common.protocol.ResyncFrame;

/**
 * One page of a device's queue as relay hands it to a new connection.
 *
 * @param messages the queued messages as {@code message} frames, oldest first per
 * conversation
 * @param resyncs the page's resync markers (a full queue's stand-ins for messages that
 * were not queued), sent after its messages
 * @param next where the next page starts; null on the last page
 */
public record ReplayPage(List<MessageFrame> messages, List<ResyncFrame> resyncs, @Nullable Position next) {

    public ReplayPage {
        messages = (messages != null) ? List.copyOf(messages) : List.of();
        resyncs = (resyncs != null) ? List.copyOf(resyncs) : List.of();
    }

    /**
     * A page of messages only.
     */
    public ReplayPage(List<MessageFrame> messages, @Nullable Position next) {
        this(messages, List.of(), next);
    }

    /**
     * Where a page ended: its last message's conversation and seq.
     *
     * @param conversationId the conversation
     * @param seq the seq
     */
    public record Position(String conversationId, long seq) {
    }

}
