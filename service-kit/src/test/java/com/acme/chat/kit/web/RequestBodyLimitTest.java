package com.acme.chat.kit.web;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class RequestBodyLimitTest {

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Echo())
        .setControllerAdvice(new ApiExceptionHandler())
        .addFilters(new RequestBodyLimit(1024))
        .build();

    @Test
    void aBodyWithinTheLimitIsRead() throws Exception {
        mvc.perform(post("/echo").contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"hi\"}"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.text").value("hi"));
    }

    @Test
    void aDeclaredLengthPastTheLimitIs413() throws Exception {
        mvc.perform(post("/echo").contentType(MediaType.APPLICATION_JSON).content(body(2000)))
            .andExpect(status().isPayloadTooLarge())
            .andExpect(jsonPath("$.code").value("payload_too_large"));
    }

    @Test
    void anUndeclaredLengthIsCutOffAtTheLimit() throws Exception {
        byte[] content = body(5000).getBytes();
        mvc.perform(post("/echo").contentType(MediaType.APPLICATION_JSON).content(content).with(request -> {
            // As a chunked body arrives: no Content-Length.
            request.removeHeader("Content-Length");
            request.setContent(content);
            request.addHeader("Transfer-Encoding", "chunked");
            return request;
        })).andExpect(status().isPayloadTooLarge()).andExpect(jsonPath("$.code").value("payload_too_large"));
    }

    private static String body(int textLength) {
        return "{\"text\":\"" + "x".repeat(textLength) + "\"}";
    }

    @RestController
    static class Echo {

        @PostMapping("/echo")
        Map<String, Object> echo(@RequestBody Map<String, Object> body) {
            return body;
        }

    }

}
