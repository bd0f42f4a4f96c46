package com.acme.chat.messaging.group;

import java.net.http.HttpClient;
import java.time.Duration;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.common.id.GroupId;
import com.acme.chat.kit.web.ChatException;
import com.acme.chat.messaging.shard.NotOwnerException;
import com.acme.chat.messaging.shard.OwnershipProperties;

/**
 * Asks the writer of a group's stream to catch up with the recorded changes: {@code POST
 * /internal/v1/groups/{groupId}/catch-up} on the owner named in the shard's lease. The
 * call carries no change and no authority: the owner reads the changes from
 * {@code group_events}, which only this service writes, so the endpoint needs no token (a
 * forged call costs one read).
 */
@Component
class GroupStreamPoke {

    static final String PATH = "/internal/v1/groups/{groupId}/catch-up";

    private final RestClient client;

    GroupStreamPoke(RestClient.Builder builder, OwnershipProperties properties) {
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
        factory.setReadTimeout(properties.forwardTimeout());
        this.client = builder.requestFactory(factory).build();
    }

    /**
     * @param notOwner this instance's refusal, with the owner's address when known
     * @param group the group whose changes to append
     * @throws ChatException {@code service_unavailable} when there is no owner or it did
     * not catch up (the listener retries)
     */
    void catchUp(NotOwnerException notOwner, GroupId group) {
        String owner = notOwner.ownerAddress()
            .orElseThrow(() -> new ChatException(ErrorCode.SERVICE_UNAVAILABLE,
                    "No owner of group " + group + "'s stream yet"));
        try {
            client.post().uri(owner + PATH, group.value()).retrieve().toBodilessEntity();
        }
        catch (RestClientException ex) {
            throw new ChatException(ErrorCode.SERVICE_UNAVAILABLE,
                    "The owner of group " + group + "'s stream did not catch up: " + ex.getMessage());
        }
    }

}
