package com.acme.chat.e2e.testsupport;

import java.net.http.HttpResponse;
import java.util.UUID;

import com.acme.chat.testsupport.Http;
import com.acme.chat.testsupport.Json;
import com.acme.chat.testsupport.LocalServers;
import com.acme.chat.testsupport.WsClient;

/**
 * The stack as a client of it sees it: where its services answer, and fresh users with
 * tokens from the dev token endpoint ({@code POST /dev/tokens}), as a client of the local
 * stack would get them. Requests and sockets go through test-support's {@link Http} and
 * {@link WsClient}.
 */
public final class ChatApi {

    private ChatApi() {
    }

    /**
     * The shared servers (reused or started) and the tests' own six services, started for
     * this run in its namespace.
     */
    public static void ensureStack() {
        LocalServers.ensureTestServices();
    }

    /**
     * Where the tests' own instance of a service answers, e.g.
     * {@code http://127.0.0.1:28081} for {@code messaging} (never a developer's
     * {@code ./chatctl up} stack on 8080-8085): the one place that knows the services'
     * addresses.
     */
    static String baseUrl(String service) {
        return LocalServers.testServiceUrl(service);
    }

    /** The URL of a path of messaging's REST API. */
    public static String messaging(String path) {
        return baseUrl("messaging") + path;
    }

    /** The URL of a path of group-service's REST API. */
    public static String groups(String path) {
        return baseUrl("group") + path;
    }

    /** websocket-manager's WebSocket endpoint. */
    public static String webSocket() {
        return baseUrl("websocket-manager").replaceFirst("^http", "ws") + "/ws";
    }

    /**
     * A new user with a unique id, registered by a first authenticated call, and their
     * token.
     */
    public static User newUser(String name) {
        String userId = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> token = Http.request(messaging("/dev/tokens"))
            .post(Json.object("userId", userId, "name", name));
        if (token.statusCode() != 200) {
            throw new IllegalStateException("dev token for " + userId + ": " + token.statusCode() + " " + token.body());
        }
        User user = new User(userId, Http.json(token).path("accessToken").asString());
        HttpResponse<String> me = Http.get(messaging("/api/v1/users/me"), user.token());
        if (me.statusCode() != 200) {
            throw new IllegalStateException("registering " + userId + " failed: " + me.statusCode() + " " + me.body());
        }
        return user;
    }

    /** A user and an access token for them. */
    public record User(String userId, String token) {

        /**
         * Connects a device with {@code Authorization: Bearer} (the native-client way)
         * and waits for {@code hello}.
         */
        public WsClient connect(String deviceId) {
            WsClient client = WsClient.connect(webSocket(), deviceId, token);
            try {
                client.awaitFrame("hello", frame -> true);
            }
            catch (RuntimeException | AssertionError ex) {
                client.close();
                throw ex;
            }
            return client;
        }

        /** A request to a path of group-service's REST API, as this user. */
        public Http.Request groups(String path) {
            return Http.request(ChatApi.groups(path)).bearer(token);
        }

        /** A request to a path of messaging's REST API, as this user. */
        public Http.Request messaging(String path) {
            return Http.request(ChatApi.messaging(path)).bearer(token);
        }
    }

}
