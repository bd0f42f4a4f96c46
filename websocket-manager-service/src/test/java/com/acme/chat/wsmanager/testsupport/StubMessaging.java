package com.acme.chat.wsmanager.testsupport;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * messaging-service as websocket-manager's tests play it: registers users, stores sends
 * (404 {@code unknown_user} for {@code nobody}), and records the headers of every send,
 * so a test can read what the handler sent on a user's behalf.
 */
public final class StubMessaging {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /**
     * A send as messaging received it.
     *
     * @param authorization the {@code Authorization} header
     * @param traceparent the {@code traceparent} header, or "null"
     * @param forwardedFor the {@code X-Forwarded-For} header, or null
     */
    public record Call(String authorization, String traceparent, @Nullable String forwardedFor) {
    }

    private final BlockingQueue<Call> sends = new LinkedBlockingQueue<>();

    private final StubServer server = new StubServer("stub-messaging", this::answer);

    public String url() {
        return server.url();
    }

    public void stop() {
        server.stop();
    }

    /** The next send made with the token (sends of other tests are skipped). */
    public Call awaitSendWith(String token) {
        String authorization = "Bearer " + token;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Call call;
            try {
                call = sends.poll(100, TimeUnit.MILLISECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
            if (call != null && call.authorization().equals(authorization)) {
                return call;
            }
        }
        throw new AssertionError("messaging got no send with the token");
    }

    private StubServer.Answer answer(StubServer.Request request) {
        if (!request.path().equals("/api/v1/messages")) {
            return StubServer.Answer.json(200, "{}");
        }
        sends.add(new Call(request.header("Authorization"), String.valueOf(request.header("traceparent")),
                request.header("X-Forwarded-For")));
        if (request.body().contains("\"to\":\"nobody\"")) {
            return new StubServer.Answer(404, "application/problem+json",
                    "{\"status\":404,\"code\":\"unknown_user\",\"detail\":\"No user 'nobody'\"}");
        }
        return StubServer.Answer.json(201,
                "{\"messageId\":\"m-" + UUID.randomUUID()
                        + "\",\"conversationId\":\"d:bob:x\",\"seq\":1,\"sentAt\":\"2026-11-30T10:00:00Z\","
                        + "\"duplicate\":false}");
    }

}
