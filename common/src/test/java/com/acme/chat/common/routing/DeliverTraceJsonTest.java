package com.acme.chat.common.routing;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.acme.chat.common.testsupport.Frames;
import com.acme.chat.common.testsupport.Ids;
import com.acme.chat.common.testsupport.TestJson;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trace context in the {@code deliver} envelope is optional in both directions:
 * envelopes of senders without it still read, and readers that do not know it ignore it.
 */
class DeliverTraceJsonTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void traceContextRoundTrips() {
        HandlerMessage deliver = new HandlerMessage.Deliver(Ids.BOB, Ids.ALICE_PHONE, "conn-1", Frames.directMessage(),
                Map.of("traceparent", TRACEPARENT, "tracestate", "vendor=1"));

        String json = TestJson.MAPPER.writeValueAsString(deliver);

        assertThat(json).contains("\"trace\":{").contains("\"traceparent\":\"" + TRACEPARENT + "\"");
        HandlerMessage read = TestJson.MAPPER.readValue(json, HandlerMessage.class);
        assertThat(read).isEqualTo(deliver);
        assertThat(((HandlerMessage.Deliver) read).trace()).containsEntry("traceparent", TRACEPARENT)
            .containsEntry("tracestate", "vendor=1");
    }

    @Test
    void envelopeWithoutTraceIsWrittenWithoutTheField() {
        HandlerMessage deliver = new HandlerMessage.Deliver(Ids.BOB, Ids.ALICE_PHONE, "conn-1", Frames.directMessage());

        String json = TestJson.MAPPER.writeValueAsString(deliver);

        assertThat(json).doesNotContain("trace");
        assertThat(((HandlerMessage.Deliver) TestJson.MAPPER.readValue(json, HandlerMessage.class)).trace()).isNull();
    }

    @Test
    void olderEnvelopeWithoutTraceStillReads() {
        // As relays before the trace field wrote it: nulls included, no trace.
        String older = "{\"kind\":\"deliver\",\"user\":\"bob\",\"device\":\"alice-phone\",\"connectionId\":null,"
                + "\"frame\":" + TestJson.MAPPER.writeValueAsString(Frames.directMessage()) + "}";

        HandlerMessage read = TestJson.MAPPER.readValue(older, HandlerMessage.class);

        assertThat(read).isInstanceOf(HandlerMessage.Deliver.class);
        HandlerMessage.Deliver deliver = (HandlerMessage.Deliver) read;
        assertThat(deliver.trace()).isNull();
        assertThat(deliver.frame()).isEqualTo(Frames.directMessage());
        assertThat(deliver.connectionId()).isNull();
    }

    @Test
    void unknownFieldsOfNewerSendersAreIgnored() {
        String json = TestJson.MAPPER
            .writeValueAsString(new HandlerMessage.Deliver(Ids.BOB, Ids.ALICE_PHONE, "conn-1", Frames.directMessage()))
            .replaceFirst("\\{", "{\"priority\":\"high\",");

        assertThat(TestJson.MAPPER.readValue(json, HandlerMessage.class))
            .isEqualTo(new HandlerMessage.Deliver(Ids.BOB, Ids.ALICE_PHONE, "conn-1", Frames.directMessage()));
    }

    @Test
    void emptyOrIncompleteTraceContextCountsAsNone() {
        Map<String, String> withNull = new HashMap<>();
        withNull.put("traceparent", null);

        assertThat(new HandlerMessage.Deliver(Ids.BOB, Ids.ALICE_PHONE, null, Frames.directMessage(), Map.of()).trace())
            .isNull();
        assertThat(new HandlerMessage.Deliver(Ids.BOB, Ids.ALICE_PHONE, null, Frames.directMessage(), withNull).trace())
            .isNull();
    }

}
