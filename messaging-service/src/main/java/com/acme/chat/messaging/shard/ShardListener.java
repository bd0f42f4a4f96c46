package com.acme.chat.messaging.shard;

/**
 * Told when this instance starts or stops holding a shard. Called on the lease thread;
 * {@link #acquiring} runs before the tenure serves its first send, so what it prepares is
 * in place before any send of the shard can be stored under the new tenure.
 */
public interface ShardListener {

    /**
     * A tenure was acquired and is not yet visible to sends. A failure (an exception)
     * withholds the tenure; the next round of the lease thread adopts the lease again and
     * calls this once more.
     * @param tenure the new tenure
     */
    void acquiring(Tenure tenure);

    /**
     * The shard's tenure ended (lost, or released at shutdown): another instance may own
     * it now.
     * @param shard the shard
     */
    void ended(int shard);

}
