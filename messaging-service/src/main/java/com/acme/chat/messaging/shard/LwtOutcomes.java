package com.acme.chat.messaging.shard;

import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.CASWriteUnknownException;
import com.datastax.oss.driver.api.core.servererrors.ReadTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;

/**
 * Which failures of a lightweight transaction leave its outcome unknown (it may still
 * have been applied).
 */
final class LwtOutcomes {

    private LwtOutcomes() {
    }

    static boolean isUnknown(RuntimeException ex) {
        return ex instanceof WriteTimeoutException || ex instanceof CASWriteUnknownException
                || ex instanceof DriverTimeoutException || ex instanceof ReadTimeoutException;
    }

}
