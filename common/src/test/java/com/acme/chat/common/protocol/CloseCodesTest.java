package com.acme.chat.common.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CloseCodesTest {

    @Test
    void codesAreDistinctAndInTheAllowedRanges() throws IllegalAccessException {
        List<Integer> codes = new ArrayList<>();
        for (Field field : CloseCodes.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
                codes.add(field.getInt(null));
            }
        }

        assertThat(codes).hasSize(15).doesNotHaveDuplicates();
        // 1004-1006 and 1015 must never be sent on the wire (RFC 6455 7.4.1); 4000-4999
        // are for applications.
        assertThat(codes).allSatisfy(code -> assertThat(code).satisfiesAnyOf(c -> assertThat(c).isBetween(1000, 1003),
                c -> assertThat(c).isBetween(1007, 1014), c -> assertThat(c).isBetween(4000, 4999)));
    }

}
