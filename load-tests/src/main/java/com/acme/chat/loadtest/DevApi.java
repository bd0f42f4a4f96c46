package com.acme.chat.loadtest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * What the generators share: {@code --name=value} options, tokens from the local
 * profile's dev endpoint and registered users.
 */
final class DevApi {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DevApi() {
    }

    /**
     * @return the {@code --name=value} arguments (also when several are passed as one
     * space-separated string)
     */
    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            for (String part : arg.split("\\s+")) {
                if (part.startsWith("--") && part.contains("=")) {
                    options.put(part.substring(2, part.indexOf('=')), part.substring(part.indexOf('=') + 1));
                }
            }
        }
        return options;
    }

    /**
     * A token for {@code userId} from {@code POST /dev/tokens} (messaging, local profile
     * only).
     */
    static String token(String api, String userId, long ttlSeconds) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(api + "/dev/tokens"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers
                .ofString("{\"userId\":\"" + userId + "\",\"ttlSeconds\":" + ttlSeconds + "}"))
            .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw new IllegalStateException(
                    "dev token for " + userId + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).path("accessToken").asString();
    }

    /**
     * A token for {@code userId} (see {@link #token}), with the user registered: a user
     * exists once they have authenticated once ({@code GET /api/v1/users/me}).
     */
    static String register(String api, String userId, long ttlSeconds) throws Exception {
        String token = token(api, userId, ttlSeconds);
        HttpResponse<String> me = HTTP.send(HttpRequest.newBuilder(URI.create(api + "/api/v1/users/me"))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer " + token)
            .build(), HttpResponse.BodyHandlers.ofString());
        if (me.statusCode() != 200) {
            throw new IllegalStateException("register " + userId + ": " + me.statusCode());
        }
        return token;
    }

}
