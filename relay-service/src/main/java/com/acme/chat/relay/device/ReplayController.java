package com.acme.chat.relay.device;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.kit.openapi.ErrorResponses;
import com.acme.chat.relay.config.RelayProperties;
import com.acme.chat.relay.queue.QueuePosition;
import com.acme.chat.relay.queue.QueuedMessage;
import com.acme.chat.relay.web.RequestIds;

/**
 * {@code POST /api/v1/devices/{deviceId}/replay}: one page of the queue of a device of
 * the authenticated user (the token's subject), oldest first per conversation. What
 * websocket-manager calls, with the user's token, right after a device's route is
 * registered and before it lets live pushes through to the new connection; it pages on
 * with {@code next} until that is null. The first page of a connect (no {@code after})
 * registers the device and moves the user's pending messages into its queue. Reading
 * changes nothing else: rows leave the queue only when the device acks them.
 */
@RestController
@Tag(name = "queue replay", description = "A connecting device's queued messages, page by page")
class ReplayController {

    /** The most messages one page may ask for. */
    static final int MAX_LIMIT = 500;

    /**
     * A page ends once its messages' estimated JSON passes this, however many the limit
     * allows (at least one message is always served): 100 messages of 4,096 characters
     * are over a megabyte, more than a caller should have to buffer at once.
     */
    static final int MAX_PAGE_BYTES = 256 * 1024;

    private final QueueReplayer replayer;

    private final int defaultLimit;

    ReplayController(QueueReplayer replayer, RelayProperties properties) {
        this.replayer = replayer;
        this.defaultLimit = Math.min(MAX_LIMIT, properties.replayBatchSize());
    }

    @PostMapping("/api/v1/devices/{deviceId}/replay")
    @Operation(summary = "Read a page of a device's queue",
            description = "What websocket-manager calls when a device connects, with the user's token; clients get "
                    + "the same messages as message frames right after hello. The first page (no after) also "
                    + "registers the device and hands it the messages that waited for the user's first device.")
    @ErrorResponses({ ErrorCode.VALIDATION_FAILED, ErrorCode.UNAUTHENTICATED, ErrorCode.SERVICE_UNAVAILABLE })
    ReplayPage replay(@AuthenticationPrincipal Jwt jwt,
            @Parameter(description = "One of the caller's devices") @PathVariable String deviceId,
            @Valid @RequestBody ReplayRequest request) {
        UserId user = RequestIds.caller(jwt);
        DeviceId device = RequestIds.device(deviceId);
        int limit = (request.limit() != null) ? request.limit() : defaultLimit;
        QueuePosition after = position(request.after());
        // A Cassandra failure is a retryable 503 through service-kit's
        // CassandraFailureAdvice.
        List<QueuedMessage> read = replayer.page(user, device, after, limit);
        List<QueuedMessage> messages = withinBytes(read);
        ReplayPosition next = (read.size() < limit && messages.size() == read.size()) ? null
                : ReplayPosition.of(QueuePosition.of(messages.get(messages.size() - 1)));
        return new ReplayPage(
                messages.stream().filter(message -> !message.isResync()).map(QueuedMessage::toFrame).toList(),
                messages.stream().filter(QueuedMessage::isResync).map(QueuedMessage::toResyncFrame).toList(), next);
    }

    /**
     * The longest prefix of {@code read} within {@link #MAX_PAGE_BYTES} (at least one).
     */
    static List<QueuedMessage> withinBytes(List<QueuedMessage> read) {
        long bytes = 0;
        for (int i = 0; i < read.size(); i++) {
            bytes += estimatedJsonBytes(read.get(i));
            if (bytes > MAX_PAGE_BYTES && i > 0) {
                return read.subList(0, i);
            }
        }
        return read;
    }

    /**
     * A message frame's JSON, estimated from above for ordinary text: the text at three
     * bytes a character (UTF-8's most for a UTF-16 unit), the media at 400 bytes each,
     * 400 bytes for the rest.
     */
    static long estimatedJsonBytes(QueuedMessage message) {
        return 3L * message.text().length() + 400L * message.media().size() + 400;
    }

    private static @Nullable QueuePosition position(@Nullable ReplayPosition after) {
        if (after == null) {
            return null;
        }
        ConversationId conversation = RequestIds.parse(after.conversationId(), ConversationId::of,
                ErrorCode.VALIDATION_FAILED, "after.conversationId");
        return new QueuePosition(conversation, after.seq());
    }

}
