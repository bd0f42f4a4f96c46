package com.acme.chat.wsmanager.handshake;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Service;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.id.DeviceId;
import com.acme.chat.common.id.UserId;
import com.acme.chat.common.routing.RouteKeys;
import com.acme.chat.wsmanager.config.WsManagerProperties;

/**
 * Single-use browser handshake tickets in Redis: {@code SET ws-ticket:{t} <grant json> EX
 * 30} on issue, {@code GETDEL ws-ticket:{t}} on redemption, so a ticket opens at most one
 * connection even when two handshakes race. The grant keeps the caller's token, because
 * the connection acts with it towards messaging and relay and ends when it expires.
 */
@Service
class TicketService {

    private static final Logger log = LoggerFactory.getLogger(TicketService.class);

    private final ReactiveStringRedisTemplate redis;

    private final RouteKeys keys;

    private final JsonMapper json;

    private final WsManagerProperties properties;

    private final Clock clock = Clock.systemUTC();

    private final SecureRandom random = new SecureRandom();

    TicketService(ReactiveStringRedisTemplate redis, RouteKeys keys, JsonMapper json, WsManagerProperties properties) {
        this.redis = redis;
        this.keys = keys;
        this.json = json;
        this.properties = properties;
    }

    /**
     * Stores a new ticket for the caller's device.
     * @param principal who the ticket will authenticate, with the token it was fetched
     * with
     * @return the ticket and when it stops being valid
     */
    Mono<IssuedTicket> issue(ConnectionPrincipal principal) {
        String ticket = Tickets.newTicket(random);
        Instant ticketExpiresAt = clock.instant().plus(properties.ticketTtl());
        String grant = json.writeValueAsString(new TicketGrant(principal.userId().value(), principal.deviceId().value(),
                principal.token(), principal.expiresAt()));
        return redis.opsForValue()
            .set(keys.ticket(ticket), grant, properties.ticketTtl())
            .doOnNext(stored -> log.debug("Issued ws ticket for user {} device {}", principal.userId(),
                    principal.deviceId()))
            .thenReturn(new IssuedTicket(ticket, ticketExpiresAt));
    }

    /**
     * Consumes a ticket: it is deleted whether or not the handshake then succeeds.
     * @param ticket the ticket from the handshake URL
     * @param clientAddress the address of the handshake's client
     * @return the principal it was issued for; errors with
     * {@link HandshakeRejectedException} when the ticket is unknown, expired, used, or
     * its token has expired meanwhile
     */
    Mono<ConnectionPrincipal> redeem(String ticket, @Nullable String clientAddress) {
        if (!Tickets.isWellFormed(ticket)) {
            return Mono.error(invalid());
        }
        return redis.opsForValue()
            .getAndDelete(keys.ticket(ticket))
            .switchIfEmpty(Mono.error(TicketService::invalid))
            .map(grant -> toPrincipal(grant, clientAddress));
    }

    private ConnectionPrincipal toPrincipal(String stored, @Nullable String clientAddress) {
        TicketGrant grant;
        try {
            grant = json.readValue(stored, TicketGrant.class);
        }
        catch (JacksonException ex) {
            log.warn("Unreadable ws ticket grant in Redis: {}", ex.getClass().getSimpleName());
            throw invalid();
        }
        Instant expiresAt = grant.expiresAt();
        if (expiresAt != null && !clock.instant().isBefore(expiresAt)) {
            throw new HandshakeRejectedException(ErrorCode.TOKEN_EXPIRED,
                    "The access token this ticket was fetched with has expired");
        }
        return new ConnectionPrincipal(UserId.of(grant.userId()), DeviceId.of(grant.deviceId()), grant.token(),
                expiresAt, clientAddress);
    }

    private static HandshakeRejectedException invalid() {
        return new HandshakeRejectedException(ErrorCode.UNAUTHENTICATED, "The ticket is invalid, expired or used");
    }

    /** What Redis holds under {@code ws-ticket:{t}}. */
    record TicketGrant(String userId, String deviceId, String token, @Nullable Instant expiresAt) {

        @Override
        public String toString() {
            return "TicketGrant[userId=" + userId + ", deviceId=" + deviceId + "]";
        }
    }

    /** A freshly stored ticket. */
    record IssuedTicket(String ticket, Instant expiresAt) {
    }

}
