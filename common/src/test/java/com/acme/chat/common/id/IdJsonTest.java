package com.acme.chat.common.id;

import static com.acme.chat.common.testsupport.TestJson.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.DatabindException;

class IdJsonTest {

    static Stream<Object> ids() {
        return Stream.of(UserId.of("alice"), DeviceId.of("phone-1"), MessageId.of("01JDXYZ"), GroupId.of("g-1"),
                ClientMessageId.of("6f1c2a4e-2b1d-4c55-9d3e-0c0ffee00001"),
                ConversationId.direct(UserId.of("bob"), UserId.of("alice")), ConversationId.group(GroupId.of("g-1")));
    }

    @ParameterizedTest
    @MethodSource("ids")
    void serialisesAsBareStringAndReadsBack(Object id) {
        String json = MAPPER.writeValueAsString(id);

        assertThat(json).isEqualTo("\"" + id + "\"");
        assertThat(MAPPER.readValue(json, id.getClass())).isEqualTo(id);
    }

    @ParameterizedTest
    @MethodSource("ids")
    void readsBackInsideCollections(Object id) {
        String json = MAPPER.writeValueAsString(List.of(id));

        Object read = MAPPER.readValue(json,
                MAPPER.getTypeFactory().constructCollectionType(List.class, id.getClass()));

        assertThat(read).isEqualTo(List.of(id));
    }

    @ParameterizedTest
    @MethodSource("ids")
    void rejectsInvalidValueWhileReading(Object id) {
        assertThatThrownBy(() -> MAPPER.readValue("\" \"", id.getClass())).isInstanceOf(DatabindException.class)
            .hasRootCauseInstanceOf(IllegalArgumentException.class);
    }

}
