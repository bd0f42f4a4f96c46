package com.acme.chat.wsmanager.downstream;

import java.util.List;

import org.jspecify.annotations.Nullable;

import com.acme.chat.common.protocol.MessageFrame;

/**
 * One page of a device's queue as relay hands it to a new connection.
 *
 * @param messages the queued messages as {@code message} frames, oldest first per
 * conversation
 * @param next where the next page starts; null on the last page
 */
public record ReplayPage(List<MessageFrame> messages, @Nullable Position next) {

    public ReplayPage {
        messages = (messages != null) ? List.copyOf(messages) : List.of();
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
