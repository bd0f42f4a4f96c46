package com.acme.chat.kit.openapi;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.jspecify.annotations.Nullable;

import com.acme.chat.common.error.ErrorCode;
import com.acme.chat.kit.web.Problems;

/**
 * Error responses in the OpenAPI document: one {@code application/problem+json} response
 * per HTTP status, whose schema is {@value #SCHEMA} and whose examples are named by the
 * {@link ErrorCode#code() codes} the operation can answer with at that status. The
 * example names are what the document says about the codes, so merging two lists of codes
 * reads them back from there.
 */
public final class ProblemResponses {

    /** Name of the RFC 9457 ProblemDetail schema in {@code components.schemas}. */
    public static final String SCHEMA = "ProblemDetail";

    /** The media type every error is answered with. */
    public static final String MEDIA_TYPE = "application/problem+json";

    static final String SCHEMA_REF = "#/components/schemas/" + SCHEMA;

    static final String RESPONSES_REF = "#/components/responses/";

    private ProblemResponses() {
    }

    /**
     * Documents that the operation can answer with these codes, merged with the error
     * codes it already documents at the same statuses.
     * @param operation the operation
     * @param codes the codes to add
     */
    public static void add(Operation operation, Collection<ErrorCode> codes) {
        if (codes.isEmpty()) {
            return;
        }
        ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
        Map<Integer, Set<ErrorCode>> byStatus = codes.stream()
            .collect(Collectors.groupingBy(ErrorCode::httpStatus, TreeMap::new,
                    Collectors.toCollection(() -> EnumSet.noneOf(ErrorCode.class))));
        byStatus.forEach((status, added) -> {
            Set<ErrorCode> merged = EnumSet.copyOf(added);
            merged.addAll(codesOf(responses.get(String.valueOf(status))));
            responses.put(String.valueOf(status), response(merged));
        });
        operation.setResponses(sorted(responses));
    }

    /**
     * The codes an inline problem response documents; empty for any other response.
     */
    static Set<ErrorCode> codesOf(@Nullable ApiResponse response) {
        Set<ErrorCode> codes = EnumSet.noneOf(ErrorCode.class);
        MediaType problem = (response != null && response.getContent() != null) ? response.getContent().get(MEDIA_TYPE)
                : null;
        if (problem != null && problem.getExamples() != null) {
            problem.getExamples().keySet().forEach(name -> ErrorCode.fromCode(name).ifPresent(codes::add));
        }
        return codes;
    }

    /**
     * @param codes codes of one HTTP status
     * @return the response documenting them
     */
    static ApiResponse response(Set<ErrorCode> codes) {
        Map<String, Example> examples = new LinkedHashMap<>();
        for (ErrorCode code : codes) {
            examples.put(code.code(), new Example().summary(code.title()).value(exampleBody(code)));
        }
        String list = codes.stream()
            .map(code -> "`" + code.code() + "` (" + code.title() + ")")
            .collect(Collectors.joining(", "));
        return new ApiResponse().description("Problem: " + list)
            .content(new Content().addMediaType(MEDIA_TYPE,
                    new MediaType().schema(new Schema<>().$ref(SCHEMA_REF)).examples(examples)));
    }

    /**
     * The name of a shared response in {@code components.responses}, e.g.
     * {@code UnauthenticatedOrTokenExpired}.
     */
    static String componentName(Set<ErrorCode> codes) {
        return codes.stream().map(code -> {
            StringBuilder name = new StringBuilder();
            for (String word : code.code().split("_")) {
                name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
            return name.toString();
        }).collect(Collectors.joining("Or"));
    }

    /** Success responses first, then errors by status, as readers expect. */
    static ApiResponses sorted(ApiResponses responses) {
        ApiResponses sorted = new ApiResponses();
        responses.entrySet()
            .stream()
            .sorted(Map.Entry.comparingByKey())
            .forEach(entry -> sorted.addApiResponse(entry.getKey(), entry.getValue()));
        sorted.setExtensions(responses.getExtensions());
        return sorted;
    }

    /**
     * The RFC 9457 shape {@link Problems} builds: type, title, status, detail, and the
     * project's {@code code} and {@code traceId}.
     */
    static Schema<?> schema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", typed("string").format("uri")
            .description("`" + Problems.TYPE_PREFIX + "<code>`: identifies the problem type"));
        properties.put("title", typed("string").description("Short human-readable summary of the problem type"));
        properties.put("status", typed("integer").format("int32").description("The HTTP status code"));
        properties.put("detail", typed("string")
            .description("Human-readable explanation of this occurrence; never contains message bodies or tokens"));
        properties.put("instance", typed("string").format("uri").description("The request path, when known"));
        properties.put("code", typed("string").description("The stable error code (lower_snake, never renamed or "
                + "reused). New codes may be added at any time: treat an unknown code like its HTTP status class."));
        properties.put("traceId", typed("string").description("The trace of the request, when tracing is on"));
        Schema<?> schema = typed("object").description(
                "An RFC 9457 problem detail. Every error of this API has this shape; `code` is what clients branch on.")
            .required(java.util.List.of("type", "title", "status", "code"));
        schema.setProperties(properties);
        return schema;
    }

    /**
     * A schema of one JSON type, readable whether the document is written as OpenAPI 3.0
     * ({@code type}) or 3.1 ({@code types}).
     */
    static Schema<Object> typed(String type) {
        Schema<Object> schema = new Schema<>();
        schema.setType(type);
        schema.setTypes(Set.of(type));
        return schema;
    }

    private static Map<String, Object> exampleBody(ErrorCode code) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", code.problemType().toString());
        body.put("title", code.title());
        body.put("status", code.httpStatus());
        body.put("detail", code.title());
        body.put("code", code.code());
        return body;
    }

}
