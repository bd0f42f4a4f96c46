package com.acme.chat.relay.device;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.acme.chat.common.id.ConversationId;
import com.acme.chat.common.id.MessageId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.relay.queue.QueuedMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replay page is cut in bytes as well as messages: a page of long messages must fit
 * what the handler buffers, or the device fails its replay on every reconnect.
 */
class ReplayPageBytesTest {

    @Test
    void aPageOfLongMessagesIsCutWithinTheByteBound() {
        List<QueuedMessage> read = messages(100, 4096);

        List<QueuedMessage> page = ReplayController.withinBytes(read);

        assertThat(page).hasSizeLessThan(100).isNotEmpty();
        assertThat(page.stream().mapToLong(ReplayController::estimatedJsonBytes).sum())
            .isLessThanOrEqualTo(ReplayController.MAX_PAGE_BYTES);
        assertThat(page).isEqualTo(read.subList(0, page.size()));
    }

    @Test
    void shortMessagesFillThePageByCount() {
        List<QueuedMessage> read = messages(100, 40);

        assertThat(ReplayController.withinBytes(read)).hasSize(100);
    }

    @Test
    void oneMessageIsServedWhateverItsSize() {
        List<QueuedMessage> read = messages(1, 4096);

        assertThat(ReplayController.withinBytes(read)).hasSize(1);
    }

    private static List<QueuedMessage> messages(int count, int textChars) {
        ConversationId conversation = ConversationId.direct(UserId.of("alice"), UserId.of("bob"));
        List<QueuedMessage> messages = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            messages.add(new QueuedMessage(conversation, i, MessageId.of("m-" + i), UserId.of("bob"), null, null,
                    "\u20ac".repeat(textChars), List.of(), Instant.EPOCH));
        }
        return messages;
    }

}
