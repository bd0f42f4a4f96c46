package com.acme.chat.testsupport;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators of hostile JSON for the fuzz tests of frames and REST bodies: values
 * of any JSON type, nested, from arbitrary strings and from values that come close to
 * valid ones, written as a client could write them (including escapes a Java string
 * cannot turn into UTF-8).
 */
public final class JsonArbitraries {

    /**
     * Literals that trip lenient readers: coercible numbers, out-of-range numbers, lone
     * and paired surrogate escapes.
     */
    public static final List<String> TRICKY_LITERALS = List.of("0", "-1", "1", "1.5", "1e308", "-1e400",
            "9223372036854775807", "9223372036854775808", "\"5\"", "true", "false", "null", "\"\\ud800\"",
            "\"a\\udc00b\"", "\"\\ud83d\\ude00\"");

    private JsonArbitraries() {
    }

    /**
     * @param fields the field names objects are built from
     * @param strings plausible string values (ids, types, text)
     * @param depth how deeply arrays and objects may nest
     * @return JSON values of every type, mostly scalars
     */
    public static Arbitrary<String> value(List<String> fields, List<String> strings, int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(20).map(JsonArbitraries::quote),
                Arbitraries.of(strings).map(JsonArbitraries::quote), Arbitraries.of(TRICKY_LITERALS));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> array = value(fields, strings, depth - 1).list()
            .ofMaxSize(4)
            .map(items -> "[" + String.join(",", items) + "]");
        return Arbitraries.frequencyOf(Tuple.of(6, scalar), Tuple.of(1, array),
                Tuple.of(1, object(fields, value(fields, strings, depth - 1), 4)));
    }

    /**
     * @param fields the field names to choose from (repeats make duplicate keys)
     * @param values the field values
     * @param maxFields the most fields in one object
     * @return JSON objects
     */
    public static Arbitrary<String> object(List<String> fields, Arbitrary<String> values, int maxFields) {
        return Combinators.combine(Arbitraries.of(fields), values)
            .as((name, value) -> quote(name) + ":" + value)
            .list()
            .ofMaxSize(maxFields)
            .map(items -> "{" + String.join(",", items) + "}");
    }

    /**
     * @param value any string, also one with unpaired surrogates
     * @return it as a JSON string literal, every non-ASCII character escaped so that
     * unpaired surrogates survive
     */
    public static String quote(String value) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            }
            else if (c < 0x20 || c > 0x7e) {
                json.append(String.format("\\u%04x", (int) c));
            }
            else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

}
