package com.acme.chat.kit.openapi;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import io.swagger.v3.oas.models.Operation;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;

import com.acme.chat.common.error.ErrorCode;

/**
 * Adds each controller operation's error responses: the codes of its
 * {@link ErrorResponses} (method and class), {@code malformed_json} and
 * {@code unsupported_media_type} when it reads a request body (the shared exception
 * handlers answer an unreadable body or a foreign content type with them), and
 * {@code internal}, which any operation can answer. What depends on the path (the 401s)
 * is added by {@link ChatOpenApiCustomizer}.
 */
final class ErrorResponsesCustomizer implements OperationCustomizer {

    @Override
    public Operation customize(Operation operation, HandlerMethod handlerMethod) {
        Set<ErrorCode> codes = EnumSet.of(ErrorCode.INTERNAL);
        addDeclared(codes,
                AnnotatedElementUtils.findMergedAnnotation(handlerMethod.getBeanType(), ErrorResponses.class));
        addDeclared(codes, handlerMethod.getMethodAnnotation(ErrorResponses.class));
        if (operation.getRequestBody() != null) {
            codes.add(ErrorCode.MALFORMED_JSON);
            codes.add(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        }
        ProblemResponses.add(operation, codes);
        return operation;
    }

    private static void addDeclared(Set<ErrorCode> codes, @Nullable ErrorResponses declared) {
        if (declared != null) {
            codes.addAll(Arrays.asList(declared.value()));
        }
    }

}
