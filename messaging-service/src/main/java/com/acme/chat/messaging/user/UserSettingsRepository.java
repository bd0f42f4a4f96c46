package com.acme.chat.messaging.user;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import org.springframework.stereotype.Repository;

import com.acme.chat.common.id.UserId;

/**
 * {@code user_settings}: one row per user who ever changed a setting; a missing row or
 * column is the default.
 */
@Repository
class UserSettingsRepository {

    private final CqlSession session;

    private final PreparedStatement select;

    private final PreparedStatement saveReadReceipts;

    UserSettingsRepository(CqlSession session) {
        this.session = session;
        this.select = session.prepare("SELECT read_receipts FROM user_settings WHERE user_id = ?");
        this.saveReadReceipts = session
            .prepare("UPDATE user_settings SET read_receipts = ?, updated_at = ? WHERE user_id = ?");
    }

    /**
     * @return the stored read receipts setting, empty when never set
     */
    Optional<Boolean> readReceipts(UserId user) {
        Row row = session.execute(select.bind(user.value())).one();
        return (row == null || row.isNull("read_receipts")) ? Optional.empty()
                : Optional.of(row.getBoolean("read_receipts"));
    }

    /**
     * @return the stored read receipts setting, empty when never set
     */
    CompletionStage<Optional<Boolean>> readReceiptsAsync(UserId user) {
        return session.executeAsync(select.bind(user.value())).thenApply(rows -> {
            Row row = rows.one();
            return (row == null || row.isNull("read_receipts")) ? Optional.<Boolean>empty()
                    : Optional.of(row.getBoolean("read_receipts"));
        });
    }

    void saveReadReceipts(UserId user, boolean readReceipts, Instant now) {
        session.execute(saveReadReceipts.bind(readReceipts, now, user.value()));
    }

}
