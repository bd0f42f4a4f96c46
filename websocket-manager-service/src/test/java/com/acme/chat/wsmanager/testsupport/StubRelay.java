package com.acme.chat.wsmanager.testsupport;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * relay-service as websocket-manager's integration tests need it: {@code POST
 * /api/v1/devices/{deviceId}/replay} answers the pages a test scripted for a bearer token
 * (and an empty last page otherwise); a scripted page may wait for a latch, so a test can
 * push live frames while a replay is in flight. Any other path is answered 404 (acks go
 * to relay through Kafka, not to this endpoint). One server per test JVM, shared by every
 * context that {@link #use}s it; tests tell their calls apart by their users' tokens.
 */
public final class StubRelay {

    private static final StubRelay INSTANCE = new StubRelay();

    private static final String EMPTY_PAGE = "{\"messages\": [], \"next\": null}";

    private final Map<String, Deque<Page>> scripts = new ConcurrentHashMap<>();

    private final StubServer server = new StubServer("stub-relay", this::answer);

    private StubRelay() {
    }

    /** Points the context's relay URL at the stub. */
    public static void use(DynamicPropertyRegistry registry) {
        registry.add("chat.wsmanager.relay-url", StubRelay::url);
    }

    public static String url() {
        return INSTANCE.server.url();
    }

    /**
     * Scripts the next replay page of the user with this token.
     * @param token the user's token
     * @param json the page, as relay would answer it
     * @param release null to answer at once, or a latch the answer waits for
     */
    public static void page(String token, String json, @Nullable CountDownLatch release) {
        INSTANCE.scripts.computeIfAbsent("Bearer " + token, key -> new ArrayDeque<>()).add(new Page(json, release));
    }

    /**
     * Scripts the next replay of the user with this token to be refused as relay would
     * refuse it.
     * @param token the user's token
     * @param status the HTTP status
     * @param code the problem's code
     */
    public static void refuse(String token, int status, String code) {
        INSTANCE.scripts.computeIfAbsent("Bearer " + token, key -> new ArrayDeque<>())
            .add(new Page("{\"type\": \"urn:chat:problem:" + code + "\", \"status\": " + status + ", \"code\": \""
                    + code + "\"}", null, status));
    }

    private StubServer.Answer answer(StubServer.Request request) {
        if (!request.path().endsWith("/replay")) {
            return new StubServer.Answer(404, "application/problem+json", "{\"status\": 404}");
        }
        Deque<Page> script = scripts.get(String.valueOf(request.header("Authorization")));
        Page page = (script != null) ? script.poll() : null;
        if (page == null) {
            return StubServer.Answer.json(200, EMPTY_PAGE);
        }
        return (page.status() == 200) ? StubServer.Answer.json(200, page.await())
                : new StubServer.Answer(page.status(), "application/problem+json", page.json());
    }

    private record Page(String json, @Nullable CountDownLatch release, int status) {

        Page(String json, @Nullable CountDownLatch release) {
            this(json, release, 200);
        }

        String await() {
            if (release != null) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
            return json;
        }
    }

}
