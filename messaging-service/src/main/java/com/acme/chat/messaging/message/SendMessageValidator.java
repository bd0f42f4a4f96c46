package com.acme.chat.messaging.message;

import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.id.ClientMessageId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.GroupId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.protocol.MediaRef;
import com.acme.chat.common.protocol.MessageContent;
import com.acme.chat.kit.web.ChatException;

/**
 * The protocol's field rules for a send, each with its error code: ids and addressee
 * ({@code validation_failed}; the device must be one a client may name, so not
 * {@code *}), then the content rules shared with the {@code send_message} frame
 * ({@link MessageContent}: text length, blank text, unpaired surrogates, attachments).
 */
final class SendMessageValidator {

    /**
     * The device a send is attributed to when the client does not say
     * ({@code X-Device-Id}).
     */
    static final String DEFAULT_DEVICE = "rest";

    private final int maxTextChars;

    SendMessageValidator(int maxTextChars) {
        this.maxTextChars = maxTextChars;
    }

    SendCommand validate(SendMessageRequest request, @Nullable String deviceHeader) {
        ClientMessageId clientMsgId = parse("clientMsgId", request.clientMsgId(), ClientMessageId::of);
        boolean hasTo = request.to() != null;
        boolean hasGroup = request.group() != null;
        if (hasTo == hasGroup) {
            throw invalid("exactly one of 'to' and 'group' must be given");
        }
        UserId to = hasTo ? parse("to", request.to(), UserId::of) : null;
        GroupId group = hasGroup ? parse("group", request.group(), GroupId::of) : null;
        String text = (request.text() != null) ? request.text() : "";
        List<MediaRef> media = (request.media() != null) ? List.copyOf(request.media()) : List.of();
        MessageContent.check(text, media, maxTextChars).ifPresent(violation -> {
            throw new ChatException(violation.code(), violation.detail());
        });
        DeviceId device = (deviceHeader == null || deviceHeader.isEmpty()) ? DeviceId.of(DEFAULT_DEVICE)
                : parse("X-Device-Id", deviceHeader, DeviceId::ofClient);
        return new SendCommand(clientMsgId, to, group, text, media, device);
    }

    private static <T> T parse(String field, @Nullable String value, Function<String, T> parser) {
        if (value == null) {
            throw invalid(field + ": is required");
        }
        try {
            return parser.apply(value);
        }
        catch (IllegalArgumentException ex) {
            throw invalid(field + ": " + ex.getMessage());
        }
    }

    private static ChatException invalid(String detail) {
        return new ChatException(ErrorCode.VALIDATION_FAILED, detail);
    }

}
