package com.acme.chat.relay.delivery;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import com.acme.chat.common.id.UserId;

/**
 * Splits a large message's recipients into a fixed number of chunks by a stable hash of
 * the user id. The chunk of a user depends only on the user id and the number of chunks,
 * never on who else is in the group: a member stays in the same chunk, and so on the same
 * partition of {@code chat.fanout.v1}, for every message of a conversation, which keeps
 * each member's messages in {@code seq} order while the group grows or shrinks.
 */
final class FanoutChunks {

    private FanoutChunks() {
    }

    /**
     * @param recipients the message's recipients (repeats are dropped)
     * @param chunks how many chunks
     * @return {@code chunks} lists, some possibly empty; each keeps the recipients' order
     */
    static List<List<UserId>> split(List<UserId> recipients, int chunks) {
        if (chunks < 1) {
            throw new IllegalArgumentException("chunks must be positive: " + chunks);
        }
        List<List<UserId>> split = new ArrayList<>(chunks);
        for (int i = 0; i < chunks; i++) {
            split.add(new ArrayList<>());
        }
        for (UserId recipient : new LinkedHashSet<>(recipients)) {
            split.get(chunkOf(recipient, chunks)).add(recipient);
        }
        return split;
    }

    /**
     * @param recipient a user
     * @param chunks how many chunks
     * @return the user's chunk, the same in every process and release
     */
    static int chunkOf(UserId recipient, int chunks) {
        // String.hashCode is specified by the JLS, so stable everywhere; the finaliser of
        // MurmurHash3 spreads ids that differ only in their last characters.
        int hash = recipient.value().hashCode();
        hash ^= hash >>> 16;
        hash *= 0x85ebca6b;
        hash ^= hash >>> 13;
        hash *= 0xc2b2ae35;
        hash ^= hash >>> 16;
        return Math.floorMod(hash, chunks);
    }

}
