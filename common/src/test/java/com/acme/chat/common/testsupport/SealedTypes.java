package com.acme.chat.common.testsupport;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Finds the concrete types below a sealed interface, so a test fails when a new type
 * lacks a fixture.
 */
public final class SealedTypes {

    private SealedTypes() {
    }

    public static Set<Class<?>> concreteSubtypes(Class<?> sealedType) {
        Set<Class<?>> result = new LinkedHashSet<>();
        for (Class<?> sub : sealedType.getPermittedSubclasses()) {
            if (sub.isSealed()) {
                result.addAll(concreteSubtypes(sub));
            }
            else {
                result.add(sub);
            }
        }
        return result;
    }

}
