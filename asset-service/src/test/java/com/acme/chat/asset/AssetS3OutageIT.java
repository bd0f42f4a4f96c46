package com.acme.chat.asset;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.acme.chat.testsupport.ChatIntegrationTest;
import com.acme.chat.testsupport.OutageContract;
import com.acme.chat.testsupport.PrivateServers;

/** asset follows an outage of the object store. */
@ChatIntegrationTest
class AssetS3OutageIT extends OutageContract {

    @DynamicPropertySource
    static void privateS3(DynamicPropertyRegistry registry) {
        PrivateServers.s3(registry);
    }

    @Override
    protected String server() {
        return "s3";
    }

}
