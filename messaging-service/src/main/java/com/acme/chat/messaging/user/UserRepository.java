package com.acme.chat.messaging.user;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Repository;

import com.acme.chat.common.id.UserId;

/**
 * The {@code users} table and its discovery index {@code user_by_contact_hash};
 * statements are prepared once at startup.
 */
@Repository
class UserRepository {

    private final CqlSession session;

    private final PreparedStatement select;

    private final PreparedStatement upsert;

    private final PreparedStatement indexContact;

    private final PreparedStatement selectByContact;

    UserRepository(CqlSession session) {
        this.session = session;
        this.select = session.prepare("SELECT user_id, user_name, contact FROM users WHERE user_id = ?");
        this.upsert = session
            .prepare("INSERT INTO users (user_id, user_name, contact, created_at, updated_at) VALUES (?, ?, ?, ?, ?)");
        this.indexContact = session.prepare("INSERT INTO user_by_contact_hash (contact_hash, user_id) VALUES (?, ?)");
        this.selectByContact = session.prepare("SELECT user_id FROM user_by_contact_hash WHERE contact_hash = ?");
    }

    Optional<UserView> find(UserId user) {
        return Optional.ofNullable(session.execute(select.bind(user.value())).one()).map(UserRepository::view);
    }

    CompletionStage<Optional<UserView>> findAsync(UserId user) {
        return session.executeAsync(select.bind(user.value()))
            .thenApply(rows -> Optional.ofNullable(rows.one()).map(UserRepository::view));
    }

    /**
     * Points a contact's discovery key at a user. An older key of the user is left
     * behind: discovery checks every match against the user's current contact.
     */
    void indexContact(String contactHash, UserId user) {
        session.execute(indexContact.bind(contactHash, user.value()));
    }

    /**
     * @return the user whose contact last had this discovery key, if any
     */
    CompletionStage<Optional<UserId>> findByContactHash(String contactHash) {
        return session.executeAsync(selectByContact.bind(contactHash))
            .thenApply(rows -> Optional.ofNullable(rows.one()).map(row -> UserId.of(row.getString("user_id"))));
    }

    private static UserView view(Row row) {
        return new UserView(row.getString("user_id"), row.getString("user_name"), row.getString("contact"));
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
