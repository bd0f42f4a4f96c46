package com.acme.chat.common.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdValidationTest {

    static Stream<Arguments> simpleIds() {
        return Stream.of(Arguments.of((Function<String, Object>) UserId::of, 128),
                Arguments.of((Function<String, Object>) DeviceId::of, 128),
                Arguments.of((Function<String, Object>) MessageId::of, 128),
                Arguments.of((Function<String, Object>) GroupId::of, 128),
                Arguments.of((Function<String, Object>) ClientMessageId::of, 128));
    }

    @ParameterizedTest
    @MethodSource("simpleIds")
    void acceptsUpToMaxLength(Function<String, Object> factory, int maxLength) {
        assertThat(factory.apply("x".repeat(maxLength))).hasToString("x".repeat(maxLength));
    }

    @ParameterizedTest
    @MethodSource("simpleIds")
    void rejectsLongerThanMaxLength(Function<String, Object> factory, int maxLength) {
        assertThatIllegalArgumentException().isThrownBy(() -> factory.apply("x".repeat(maxLength + 1)));
    }

    @ParameterizedTest
    @MethodSource("simpleIds")
    void rejectsNullBlankAndWhitespace(Function<String, Object> factory, int maxLength) {
        assertThatIllegalArgumentException().isThrownBy(() -> factory.apply(null));
        assertThatIllegalArgumentException().isThrownBy(() -> factory.apply(""));
        assertThatIllegalArgumentException().isThrownBy(() -> factory.apply("   "));
        assertThatIllegalArgumentException().isThrownBy(() -> factory.apply("a b"));
        assertThatIllegalArgumentException().isThrownBy(() -> factory.apply("a\nb"));
        assertThatIllegalArgumentException().isThrownBy(() -> factory.apply("a\u00a0b"));
    }

    @ParameterizedTest
    @MethodSource("simpleIds")
    void rejectsDotSegmentsAndLoneSurrogatesButNotPairedOnes(Function<String, Object> factory, int maxLength) {
        assertThatIllegalArgumentException().isThrownBy(() -> factory.apply("."));
        assertThatIllegalArgumentException().isThrownBy(() -> factory.apply(".."));
        assertThatIllegalArgumentException().isThrownBy(() -> factory.apply("a\ud800"));
        assertThatIllegalArgumentException().isThrownBy(() -> factory.apply("\udc00a"));
        assertThat(factory.apply("...")).hasToString("...");
        assertThat(factory.apply("a\ud83d\ude00")).hasToString("a\ud83d\ude00");
    }

    @ParameterizedTest
    @ValueSource(strings = { "*", ".", ".." })
    void aClientMayNotNameTheReservedDeviceOrADotSegment(String device) {
        assertThatIllegalArgumentException().isThrownBy(() -> DeviceId.ofClient(device));
        assertThat(DeviceId.ofClient("phone-1")).isEqualTo(DeviceId.of("phone-1"));
    }

    @ParameterizedTest
    @MethodSource("simpleIds")
    void rejectsCharactersThatBreakUrlPathSegments(Function<String, Object> factory, int maxLength) {
        for (String value : new String[] { "a/b", "a\\b", "a?b", "a#b", "a%2Fb" }) {
            assertThatIllegalArgumentException().as(value).isThrownBy(() -> factory.apply(value));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "a:b", ":", "alice:" })
    void userIdRejectsColonBecauseItSeparatesDirectConversationIds(String value) {
        assertThatIllegalArgumentException().isThrownBy(() -> UserId.of(value));
    }

}
