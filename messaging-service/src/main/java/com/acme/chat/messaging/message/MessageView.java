package com.acme.chat.messaging.message;

import com.acme.chat.common.protocol.SystemEvent;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.acme.chat.common.protocol.MediaRef;

/**
 * One message as the REST API returns it (Get-Message and conversation paging):
 * {@code {"messageId","conversationId","seq","sender","senderDevice","text","media","sentAt"}}.
 *
 * @param messageId server id
 * @param conversationId its conversation
 * @param seq its place in the conversation
 * @param sender who sent it
 * @param senderDevice the device it was sent from
 * @param text the text, possibly empty when media are attached
 * @param media attachments, {@code []} when none
 * @param sentAt when it was accepted
 * @param system for a group's system message, the change it records; absent otherwise
 */
public record MessageView(String messageId, String conversationId, long seq, String sender,
        @Nullable String senderDevice, String text, List<MediaRef> media, Instant sentAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable SystemEvent system) {

    public MessageView(String messageId, String conversationId, long seq, String sender, @Nullable String senderDevice,
            String text, List<MediaRef> media, Instant sentAt) {
        this(messageId, conversationId, seq, sender, senderDevice, text, media, sentAt, null);
    }

}
