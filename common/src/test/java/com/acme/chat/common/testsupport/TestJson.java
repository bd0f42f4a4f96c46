package com.acme.chat.common.testsupport;

import tools.jackson.databind.json.JsonMapper;

/**
 * The mapper the tests use: Jackson 3 defaults, as the services' {@code JsonMapper} bean
 * has them. The contract types must not depend on any mapper customisation, so nothing is
 * configured here.
 */
public final class TestJson {

    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    private TestJson() {
    }

}
