package com.acme.chat.messaging.user;

import java.time.Instant;
import java.util.Optional;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Repository;

import com.acme.chat.common.id.UserId;

/** The {@code users} table; statements are prepared once at startup. */
@Repository
class UserRepository {

    private final CqlSession session;

    private final PreparedStatement select;

    private final PreparedStatement upsert;

    UserRepository(CqlSession session) {
        this.session = session;
        this.select = session.prepare("SELECT user_id, user_name, contact FROM users WHERE user_id = ?");
        this.upsert = session
            .prepare("INSERT INTO users (user_id, user_name, contact, created_at, updated_at) VALUES (?, ?, ?, ?, ?)");
    }

    Optional<UserView> find(UserId user) {
        Row row = session.execute(select.bind(user.value())).one();
        return Optional.ofNullable(row)
            .map(r -> new UserView(r.getString("user_id"), r.getString("user_name"), r.getString("contact")));
    }

    /**
     * Writes the profile. Absent values are left unset (not written as null), so a token
     * without a name claim does not erase a stored name, and {@code createdAt} is only
     * written for a new user.
     */
    void save(UserId user, @Nullable String name, @Nullable String contact, @Nullable Instant createdAt,
            Instant updatedAt) {
        BoundStatementBuilder statement = upsert.boundStatementBuilder()
            .setString(0, user.value())
            .setInstant(4, updatedAt);
        if (name != null) {
            statement.setString(1, name);
        }
        if (contact != null) {
            statement.setString(2, contact);
        }
        if (createdAt != null) {
            statement.setInstant(3, createdAt);
        }
        session.execute(statement.build());
    }

}
