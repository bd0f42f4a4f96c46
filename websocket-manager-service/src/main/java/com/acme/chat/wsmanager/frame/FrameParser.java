package com.acme.chat.wsmanager.frame;

import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.protocol.ClientFrame;
import com.acme.chat.common.protocol.ErrorFrame;
import com.acme.chat.common.protocol.MessageContent;
import com.acme.chat.common.protocol.ProtocolLimits;
import com.acme.chat.common.protocol.SendMessage;
import com.acme.chat.common.protocol.SubscribePresence;
import com.acme.chat.common.protocol.Typing;
import com.acme.chat.common.protocol.Utf16;
import com.acme.chat.kit.web.StrictJson;

/**
 * Reads one text frame as a {@link ClientFrame} and checks its field constraints. A frame
 * that cannot be read becomes the {@link ErrorFrame} to answer with, in this order:
 * {@code malformed_json} (not JSON, not an object, or a duplicate key),
 * {@code unknown_frame_type} (missing or unknown {@code type}), {@code bad_request} (a
 * reserved type, whatever its other fields), {@code validation_failed} (a missing field,
 * a field of the wrong JSON type, an invalid value, an unpaired UTF-16 surrogate),
 * {@code text_too_long}, and for {@code send_message} the content rules of
 * {@link MessageContent} ({@code media_unavailable} for any attachment). Its {@code id}
 * is the frame's {@code id} when the JSON could be read far enough to find a usable one,
 * else null. Messages never echo field values (they may be message text). The text is
 * parsed once, into a tree, which gives the id for error answers without a second parse.
 * The mapper is made {@linkplain StrictJson strict} whatever it was given.
 */
final class FrameParser {

    private final JsonMapper json;

    private final Validator validator;

    /** Frame types reserved for the presence feature: refused until it ships. */
    static final Set<String> RESERVED_TYPES = Set.of(Typing.TYPE, SubscribePresence.TYPE);

    static final String RESERVED_PRESENCE = "reserved: presence is not available yet";

    FrameParser(JsonMapper json, Validator validator) {
        this.json = StrictJson.strict(json);
        this.validator = validator;
    }

    Parsed parse(String text) {
        JsonNode tree;
        try {
            tree = json.readTree(text);
        }
        catch (JacksonException ex) {
            return Parsed.rejected(ErrorFrame.of(null, ErrorCode.MALFORMED_JSON, "The frame is not valid JSON"));
        }
        if (tree == null || !tree.isObject()) {
            return Parsed.rejected(ErrorFrame.of(null, ErrorCode.MALFORMED_JSON, "A frame must be a JSON object"));
        }
        String id = idOf(tree);
        JsonNode type = tree.get("type");
        if (type != null && type.isString() && RESERVED_TYPES.contains(type.asString())) {
            return Parsed.rejected(ErrorFrame.of(id, ErrorCode.BAD_REQUEST, RESERVED_PRESENCE));
        }
        ClientFrame frame;
        try {
            frame = json.treeToValue(tree, ClientFrame.class);
        }
        catch (InvalidTypeIdException ex) {
            return Parsed.rejected(ErrorFrame.of(id, ErrorCode.UNKNOWN_FRAME_TYPE, "Missing or unknown frame type"));
        }
        catch (ValueInstantiationException ex) {
            return Parsed.rejected(ErrorFrame.of(id, ErrorCode.VALIDATION_FAILED, describe(ex)));
        }
        catch (JacksonException ex) {
            // The text is well-formed JSON (it was read into a tree): what is wrong is a
            // field.
            return Parsed.rejected(ErrorFrame.of(id, ErrorCode.VALIDATION_FAILED, describe(ex)));
        }
        Set<ConstraintViolation<ClientFrame>> violations = validator.validate(frame);
        if (!violations.isEmpty()) {
            return Parsed.rejected(violation(frame.id(), violations));
        }
        if (frame instanceof SendMessage send) {
            Optional<MessageContent.Violation> content = MessageContent.check(send.text(), send.media(),
                    ProtocolLimits.MAX_TEXT_CHARS);
            if (content.isPresent()) {
                return Parsed.rejected(ErrorFrame.of(safeId(send.id()), content.get().code(), content.get().detail()));
            }
        }
        return Parsed.accepted(frame);
    }

    private static ErrorFrame violation(String id, Set<ConstraintViolation<ClientFrame>> violations) {
        boolean textTooLong = violations.stream()
            .anyMatch(v -> "text".equals(v.getPropertyPath().toString())
                    && v.getConstraintDescriptor().getAnnotation() instanceof Size);
        if (textTooLong) {
            return ErrorFrame.of(safeId(id), ErrorCode.TEXT_TOO_LONG,
                    "text must be at most " + ProtocolLimits.MAX_TEXT_CHARS + " characters");
        }
        String message = violations.stream().map(v -> {
            String path = v.getPropertyPath().toString();
            return path.isEmpty() ? v.getMessage() : path + ": " + v.getMessage();
        }).sorted(Comparator.naturalOrder()).collect(Collectors.joining("; "));
        return ErrorFrame.of(safeId(id), ErrorCode.VALIDATION_FAILED, message);
    }

    /**
     * Which field has the wrong JSON type or an unreadable value, without its value (that
     * may be message text).
     */
    private static String describe(JacksonException ex) {
        String path = path(ex);
        return (path.isEmpty() ? "a field" : path) + ": missing, or of the wrong JSON type or format";
    }

    private static String path(JacksonException ex) {
        return ex.getPath()
            .stream()
            .map(JacksonException.Reference::getPropertyName)
            .filter(name -> name != null)
            .collect(Collectors.joining("."));
    }

    /**
     * Why a record could not be built: a required field was null
     * ({@code Objects.requireNonNull(x, "name")} throws with the field name), or an id
     * was invalid (the id type's message, which never contains the value).
     */
    private static String describe(ValueInstantiationException ex) {
        Throwable cause = ex.getCause();
        String path = path(ex);
        String reason;
        if (cause instanceof NullPointerException && cause.getMessage() != null) {
            reason = "missing field '" + cause.getMessage() + "'";
        }
        else if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
            reason = cause.getMessage();
        }
        else {
            reason = "invalid field";
        }
        return path.isEmpty() ? reason : path + ": " + reason;
    }

    /** The frame's {@code id} when it is a usable string; for error answers only. */
    private static @Nullable String idOf(JsonNode tree) {
        JsonNode id = tree.get("id");
        return (id != null && id.isString()) ? safeId(id.asString()) : null;
    }

    /**
     * An id is echoed only if it is one a client may use, so an error frame never carries
     * an oversized string.
     */
    private static @Nullable String safeId(@Nullable String id) {
        return (id == null || id.isBlank() || id.length() > ProtocolLimits.MAX_CORRELATION_ID_CHARS
                || Utf16.hasLoneSurrogate(id)) ? null : id;
    }

    /**
     * The outcome: exactly one of a frame to dispatch and an error to answer with.
     *
     * @param frame the valid frame
     * @param error the answer to an unreadable or invalid frame
     */
    record Parsed(@Nullable ClientFrame frame, @Nullable ErrorFrame error) {

        static Parsed accepted(ClientFrame frame) {
            return new Parsed(frame, null);
        }

        static Parsed rejected(ErrorFrame error) {
            return new Parsed(null, error);
        }
    }

}
