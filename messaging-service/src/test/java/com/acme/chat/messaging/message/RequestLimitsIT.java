package com.acme.chat.messaging.message;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import com.acme.chat.messaging.testsupport.Api;
import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.Http;
import com.acme.chat.testsupport.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request bodies are bounded on the real server (Tomcat): past
 * {@code chat.web.max-request-body} a send is answered 413 {@code payload_too_large},
 * whether the body declares its length or arrives chunked; a document past the JSON
 * limits is a 400, never a 500; and nothing of either is stored.
 */
@ChatIntegrationTest
class RequestLimitsIT {

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void aBodyLargerThanTheLimitIs413AndNothingIsStored() {
        String alice = api.newUser("alice");
        String bob = api.newUser("bob");
        String body = "{\"clientMsgId\":\"" + Api.newClientMsgId() + "\",\"to\":\"" + bob
                + "\",\"text\":\"hi\",\"pad\":\"" + "x".repeat(140 * 1024) + "\"}";

        HttpResponse<String> response = api.post("/api/v1/messages", alice, body);

        Http.assertProblem(response, 413, "payload_too_large");
        assertThat(Http.json(api.get("/api/v1/messages", alice)).path("messages")).isEmpty();
    }

    @Test
    void aChunkedBodyIsCutOffAtTheLimit() throws Exception {
        String alice = api.newUser("alice");
        String bob = api.newUser("bob");
        byte[] body = ("{\"clientMsgId\":\"" + Api.newClientMsgId() + "\",\"to\":\"" + bob + "\",\"text\":\""
                + "y".repeat(200 * 1024) + "\"}")
            .getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(Http.local(port, "/api/v1/messages")))
            .header("Authorization", "Bearer " + TestTokens.forUser(alice))
            .header("Content-Type", "application/json")
            // An input stream of unknown length goes out chunked.
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        Http.assertProblem(response, 413, "payload_too_large");
    }

    @Test
    void aDocumentNestedPastTheJsonLimitsIs400() {
        String alice = api.newUser("alice");
        String body = "{\"clientMsgId\":\"c\",\"to\":\"bob\",\"text\":\"hi\",\"extra\":" + "[".repeat(100)
                + "]".repeat(100) + "}";

        HttpResponse<String> response = api.post("/api/v1/messages", alice, body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.json(response).path("code").asString()).isIn("malformed_json", "validation_failed");
    }

}
