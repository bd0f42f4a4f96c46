package com.acme.chat.kit.openapi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.core.Ordered;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import com.acme.chat.common.error.ErrorCode;

/**
 * What every service's OpenAPI document shares, applied after every other customiser so
 * it sees all operations:
 * <ul>
 * <li>{@code info}: the application name as title, the build-info version;</li>
 * <li>the {@value ProblemResponses#SCHEMA} schema and the {@value BearerScheme#NAME}
 * scheme, each once, and bearer tokens as the default requirement;</li>
 * <li>per operation: {@code security: []} on {@code chat.security.public-paths}; on every
 * other path the 401 codes and each {@link SharedErrorCodes} bean's codes;</li>
 * <li>error responses that many operations share ({@code 401}, {@code 500}, shared codes)
 * moved to {@code components.responses} and referenced;</li>
 * <li>the probes {@code /livez} and {@code /readyz}, when Boot maps them (they are
 * actuator health groups, which springdoc does not see).</li>
 * </ul>
 */
final class ChatOpenApiCustomizer implements OpenApiCustomizer, Ordered {

    private static final Set<ErrorCode> AUTHENTICATION = EnumSet.of(ErrorCode.UNAUTHENTICATED, ErrorCode.TOKEN_EXPIRED);

    /** What springdoc puts in an {@code info} nobody configured. */
    private static final String DEFAULT_TITLE = "OpenAPI definition";

    private static final String DEFAULT_VERSION = "v0";

    private static final String HEALTH_SCHEMA = "Health";

    private final OpenApiSettings settings;

    private final List<PathPattern> publicPaths;

    private final Set<ErrorCode> sharedCodes;

    ChatOpenApiCustomizer(OpenApiSettings settings) {
        this.settings = settings;
        PathPatternParser parser = new PathPatternParser();
        this.publicPaths = settings.publicPaths().stream().map(parser::parse).toList();
        this.sharedCodes = EnumSet.copyOf(AUTHENTICATION);
        settings.sharedCodes().forEach(shared -> this.sharedCodes.addAll(shared.codes()));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void customise(OpenAPI openApi) {
        info(openApi);
        Components components = (openApi.getComponents() != null) ? openApi.getComponents() : new Components();
        openApi.setComponents(components);
        components.addSchemas(ProblemResponses.SCHEMA, ProblemResponses.schema());
        components.addSecuritySchemes(BearerScheme.NAME, BearerScheme.scheme());
        openApi.setSecurity(new ArrayList<>(List.of(new SecurityRequirement().addList(BearerScheme.NAME))));
        Paths paths = (openApi.getPaths() != null) ? openApi.getPaths() : new Paths();
        openApi.setPaths(paths);
        paths.forEach((path, item) -> operations(item).forEach(operation -> secure(path, operation)));
        probes(openApi, components);
        shareCommonResponses(openApi, components);
    }

    private void info(OpenAPI openApi) {
        Info info = (openApi.getInfo() != null) ? openApi.getInfo() : new Info();
        if (info.getTitle() == null || DEFAULT_TITLE.equals(info.getTitle())) {
            info.setTitle(settings.applicationName());
        }
        if (info.getVersion() == null || DEFAULT_VERSION.equals(info.getVersion())) {
            info.setVersion(settings.version());
        }
        openApi.setInfo(info);
    }

    /**
     * A public path answers without a token; any other answers 401 without a valid one.
     * An operation that declares its own security (e.g. a handshake that takes a ticket
     * instead) keeps it.
     */
    private void secure(String path, Operation operation) {
        if (operation.getSecurity() != null) {
            return;
        }
        if (isPublic(path)) {
            operation.setSecurity(new ArrayList<>());
        }
        else {
            ProblemResponses.add(operation, sharedCodes);
        }
    }

    boolean isPublic(String path) {
        PathContainer container = PathContainer.parsePath(path);
        return publicPaths.stream().anyMatch(pattern -> pattern.matches(container));
    }

    /**
     * {@code /livez} and {@code /readyz} are health groups that Boot maps as additional
     * paths ({@code management.endpoint.health.probes.add-additional-paths}).
     */
    private void probes(OpenAPI openApi, Components components) {
        if (!settings.probePaths()) {
            return;
        }
        components.addSchemas(HEALTH_SCHEMA, healthSchema());
        openApi.getPaths()
            .addPathItem("/livez",
                    new PathItem().get(probe("Liveness probe",
                            "UP while the process can serve; DOWN only when the application is broken and should be "
                                    + "restarted. Dependencies are deliberately not part of it.",
                            settings.livenessGroup())));
        openApi.getPaths()
            .addPathItem("/readyz", new PathItem().get(probe("Readiness probe",
                    "UP when the service may receive traffic: every health contributor of the readiness group is "
                            + "UP. Turns DOWN (503) when one of them goes away and back UP when it returns, "
                            + "without a restart.",
                    settings.readinessGroup())));
    }

    private static Operation probe(String summary, String description, List<String> group) {
        Content content = new Content();
        Schema<?> ref = new Schema<>().$ref("#/components/schemas/" + HEALTH_SCHEMA);
        content.addMediaType("application/vnd.spring-boot.actuator.v3+json", new MediaType().schema(ref));
        content.addMediaType("application/json", new MediaType().schema(ref));
        String members = group.isEmpty() ? "" : " Health contributors: " + String.join(", ", group) + ".";
        Operation operation = new Operation().summary(summary)
            .description(description + members)
            .operationId(summary.toLowerCase().replace(' ', '-'))
            .addTagsItem("probes")
            .security(new ArrayList<>());
        operation
            .setResponses(new ApiResponses().addApiResponse("200", new ApiResponse().description("UP").content(content))
                .addApiResponse("503", new ApiResponse().description("DOWN or OUT_OF_SERVICE").content(content)));
        return operation;
    }

    private static Schema<?> healthSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("status", ProblemResponses.typed("string")
            ._enum(new ArrayList<>(List.of("UP", "DOWN", "OUT_OF_SERVICE", "UNKNOWN"))));
        properties.put("components", ProblemResponses.typed("object")
            .description("Each health contributor of the group by name, with its own status"));
        Schema<?> schema = ProblemResponses.typed("object")
            .description("Spring Boot actuator health of a probe group")
            .required(List.of("status"));
        schema.setProperties(properties);
        return schema;
    }

    /**
     * Error responses that are the same on many operations are defined once in
     * {@code components.responses} and referenced: 401 (authentication), 500
     * ({@code internal}) and each status of the shared codes.
     */
    private void shareCommonResponses(OpenAPI openApi, Components components) {
        Map<Integer, Set<ErrorCode>> byStatus = new TreeMap<>();
        for (ErrorCode code : sharedCodes) {
            byStatus.computeIfAbsent(code.httpStatus(), status -> EnumSet.noneOf(ErrorCode.class)).add(code);
        }
        byStatus.computeIfAbsent(ErrorCode.INTERNAL.httpStatus(), status -> EnumSet.noneOf(ErrorCode.class))
            .add(ErrorCode.INTERNAL);
        Collection<Set<ErrorCode>> shared = new LinkedHashSet<>(byStatus.values());
        for (Set<ErrorCode> codes : shared) {
            components.addResponses(ProblemResponses.componentName(codes), ProblemResponses.response(codes));
        }
        openApi.getPaths()
            .values()
            .forEach(item -> operations(item).forEach(operation -> operation.getResponses().replaceAll((status, r) -> {
                Set<ErrorCode> codes = ProblemResponses.codesOf(r);
                return shared.contains(codes)
                        ? new ApiResponse().$ref(ProblemResponses.RESPONSES_REF + ProblemResponses.componentName(codes))
                        : r;
            })));
    }

    private static List<Operation> operations(PathItem item) {
        return item.readOperations();
    }

    /**
     * What the customiser needs to know about the service.
     *
     * @param applicationName {@code spring.application.name}, the title
     * @param version the build version, or a marker when the build wrote no build-info
     * @param publicPaths {@code chat.security.public-paths}
     * @param sharedCodes the service's {@link SharedErrorCodes} beans
     * @param probePaths whether {@code /livez} and {@code /readyz} are mapped
     * @param livenessGroup the liveness group's health contributors
     * @param readinessGroup the readiness group's health contributors
     */
    record OpenApiSettings(String applicationName, String version, List<String> publicPaths,
            List<SharedErrorCodes> sharedCodes, boolean probePaths, List<String> livenessGroup,
            List<String> readinessGroup) {
    }

}
