package com.acme.chat.messaging.message;

import com.acme.chat.common.protocol.SystemEvent;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import com.acme.chat.common.protocol.MediaRef;

/**
 * Media references are stored as a JSON array in a text column; no attachments is stored
 * as null (no cell). A system message's group change ({@link SystemEvent}) likewise, as a
 * JSON object.
 */
@Component
class MediaJson {

    private static final TypeReference<List<MediaRef>> LIST = new TypeReference<>() {
    };

    private final JsonMapper json;

    MediaJson(JsonMapper json) {
        this.json = json;
    }

    @Nullable String write(List<MediaRef> media) {
        return media.isEmpty() ? null : json.writeValueAsString(media);
    }

    List<MediaRef> read(@Nullable String column) {
        return (column == null || column.isEmpty()) ? List.of() : List.copyOf(json.readValue(column, LIST));
    }

    @Nullable String writeSystem(@Nullable SystemEvent system) {
        return (system == null) ? null : json.writeValueAsString(system);
    }

    @Nullable SystemEvent readSystem(@Nullable String column) {
        return (column == null || column.isEmpty()) ? null : json.readValue(column, SystemEvent.class);
    }

}
