package com.acme.chat.messaging.devtoken;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import com.acme.chat.messaging.testsupport.Api;
import com.acme.chat.testsupport.ChatIntegrationTest;

import static com.acme.chat.testsupport.Http.assertProblem;
import static com.acme.chat.testsupport.Json.object;

/**
 * Outside the local profile the dev token endpoint does not exist, and its path is not
 * public.
 */
@ChatIntegrationTest
class DevTokenEndpointIT {

    @LocalServerPort
    int port;

    @Test
    void devTokenEndpointDoesNotExistOutsideTheLocalProfile() {
        Api api = new Api(port);
        assertProblem(api.post("/dev/tokens", Api.strangerId("alice"), object("userId", "mallory")), 404, "not_found");
    }

    @Test
    void devTokenPathNeedsATokenOutsideTheLocalProfile() {
        Api api = new Api(port);
        assertProblem(api.request("/dev/tokens").post(object("userId", "mallory")), 401, "unauthenticated");
    }

}
