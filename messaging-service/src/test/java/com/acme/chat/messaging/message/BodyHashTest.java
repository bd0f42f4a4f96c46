package com.acme.chat.messaging.message;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.acme.chat.common.protocol.MediaRef;

import static org.assertj.core.api.Assertions.assertThat;

class BodyHashTest {

    private static final MediaRef PHOTO = new MediaRef("a".repeat(64), "image/jpeg", 1234);

    @Test
    void sameMessageHasTheSameHash() {
        assertThat(BodyHash.of("u:bob", "hi", List.of(PHOTO))).isEqualTo(BodyHash.of("u:bob", "hi", List.of(PHOTO)))
            .matches("[0-9a-f]{64}");
    }

    @Test
    void otherRecipientTextOrMediaChangeTheHash() {
        String original = BodyHash.of("u:bob", "hi", List.of());
        assertThat(BodyHash.of("u:carol", "hi", List.of())).isNotEqualTo(original);
        assertThat(BodyHash.of("g:bob", "hi", List.of())).isNotEqualTo(original);
        assertThat(BodyHash.of("u:bob", "hi!", List.of())).isNotEqualTo(original);
        assertThat(BodyHash.of("u:bob", "hi", List.of(PHOTO))).isNotEqualTo(original);
        assertThat(BodyHash.of("u:bob", "hi", List.of(new MediaRef("a".repeat(64), "image/png", 1234))))
            .isNotEqualTo(BodyHash.of("u:bob", "hi", List.of(PHOTO)));
    }

    @Test
    void textCannotImitateTheAddresseeOrMediaPart() {
        assertThat(BodyHash.of("u:bob", "x\nhi", List.of())).isNotEqualTo(BodyHash.of("u:bob\nx", "hi", List.of()));
        String mediaLike = "\n" + PHOTO.assetHash() + " 1234 10:image/jpeg";
        assertThat(BodyHash.of("u:bob", "hi" + mediaLike, List.of()))
            .isNotEqualTo(BodyHash.of("u:bob", "hi", List.of(PHOTO)));
    }

}
