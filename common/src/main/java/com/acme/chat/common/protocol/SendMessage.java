package com.acme.chat.common.protocol;

import java.util.List;
import java.util.Objects;

import com.acme.chat.common.id.ClientMessageId;
import com.acme.chat.common.id.GroupId;
import com.acme.chat.common.id.UserId;
import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Sends a message to one user ({@link #to()}) or to a group ({@link #group()}); exactly
 * one is set.
 * <p>
 * Answered by an {@link Ack} once the message is stored and has its {@code seq}; only
 * then is it delivered to the recipients. Idempotent on ({@code sender},
 * {@link #clientMsgId()}): resending after a lost ack returns an ack for the original
 * message with {@code duplicate = true} and delivers nothing again; reusing the id with
 * different content fails with {@code duplicate_mismatch}. A client should therefore
 * resend unacknowledged messages with the same {@code clientMsgId} after reconnecting.
 *
 * @param id correlation id
 * @param clientMsgId client-chosen idempotency key of this message
 * @param to the recipient of a 1:1 message, or {@code null} for a group message
 * @param group the recipient group, or {@code null} for a 1:1 message
 * @param text the text, possibly empty when media are attached
 * @param media attachments, already uploaded; empty when absent
 */
public record SendMessage(@NotBlank @Size(max = ProtocolLimits.MAX_CORRELATION_ID_CHARS) String id,
        ClientMessageId clientMsgId, @Nullable UserId to, @Nullable GroupId group,
        @Size(max = ProtocolLimits.MAX_TEXT_CHARS) String text,
        @Size(max = ProtocolLimits.MAX_MEDIA_PER_MESSAGE) List<@Valid MediaRef> media) implements ClientFrame {

    /** The JSON {@code type} of this frame. */
    public static final String TYPE = "send_message";

    public SendMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(clientMsgId, "clientMsgId");
        Objects.requireNonNull(text, "text");
        media = (media != null) ? List.copyOf(media) : List.of();
    }

    /**
     * A 1:1 text message.
     * @param id correlation id
     * @param clientMsgId idempotency key
     * @param to recipient
     * @param text text
     * @return the frame
     */
    public static SendMessage toUser(String id, ClientMessageId clientMsgId, UserId to, String text) {
        return new SendMessage(id, clientMsgId, to, null, text, List.of());
    }

    /**
     * A group text message.
     * @param id correlation id
     * @param clientMsgId idempotency key
     * @param group recipient group
     * @param text text
     * @return the frame
     */
    public static SendMessage toGroup(String id, ClientMessageId clientMsgId, GroupId group, String text) {
        return new SendMessage(id, clientMsgId, null, group, text, List.of());
    }

    /**
     * @return whether exactly one of {@code to} and {@code group} is set (checked by bean
     * validation)
     */
    @JsonIgnore
    @AssertTrue(message = "exactly one of 'to' and 'group' must be set")
    public boolean isSingleRecipient() {
        return (to == null) != (group == null);
    }

    /**
     * @return whether the message has non-blank text or at least one attachment (checked
     * by bean validation)
     */
    @JsonIgnore
    @AssertTrue(message = "a message needs text or media")
    public boolean isNonEmpty() {
        return !text.isBlank() || !media.isEmpty();
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.onSendMessage(this);
    }

}
