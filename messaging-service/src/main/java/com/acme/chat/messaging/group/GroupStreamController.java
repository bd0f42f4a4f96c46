package com.acme.chat.messaging.group;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.id.GroupId;
import com.acme.chat.kit.web.ChatException;
import com.acme.chat.messaging.message.GroupStreams;
import com.acme.chat.messaging.shard.NotOwnerException;

/**
 * {@code POST /internal/v1/groups/{groupId}/catch-up}: another instance consumed a change
 * of a group whose stream this instance writes ({@link GroupStreamPoke}). Answers 204
 * once the recorded changes are appended, 503 {@code service_unavailable} when this
 * instance does not write the group's stream (any more). Not part of the client API.
 */
@RestController
@Hidden
class GroupStreamController {

    private final GroupStreams streams;

    GroupStreamController(GroupStreams streams) {
        this.streams = streams;
    }

    @PostMapping(GroupStreamPoke.PATH)
    ResponseEntity<Void> catchUp(@PathVariable String groupId) {
        GroupId group;
        try {
            group = GroupId.of(groupId);
        }
        catch (IllegalArgumentException ex) {
            throw new ChatException(ErrorCode.VALIDATION_FAILED, "groupId: " + ex.getMessage());
        }
        try {
            streams.catchUp(group);
        }
        catch (NotOwnerException ex) {
            throw new ChatException(ErrorCode.SERVICE_UNAVAILABLE, "This instance does not write that group");
        }
        return ResponseEntity.noContent().build();
    }

}
