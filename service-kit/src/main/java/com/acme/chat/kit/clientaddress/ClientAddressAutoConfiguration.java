package com.acme.chat.kit.clientaddress;

import io.netty.util.NetUtil;
import org.apache.catalina.valves.RemoteIpValve;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Client addresses behind {@code chat.web.trusted-proxies}: on servlet services Tomcat's
 * {@code RemoteIpValve} makes {@code getRemoteAddr()} the client's; on WebFlux the
 * {@link ClientAddressResolver} finds it for those who ask (websocket-manager's handshake
 * and ticket endpoint).
 */
@AutoConfiguration
@ConditionalOnWebApplication
@EnableConfigurationProperties(ClientAddressProperties.class)
public class ClientAddressAutoConfiguration {

    @Bean
    TrustedProxies trustedProxies(ClientAddressProperties properties) {
        return new TrustedProxies(properties.trustedProxies());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass({ RemoteIpValve.class, TomcatWebServerFactory.class })
    static class Tomcat {

        @Bean
        TomcatTrustedProxies tomcatTrustedProxies(TrustedProxies trusted) {
            return new TomcatTrustedProxies(trusted);
        }

    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    @ConditionalOnClass(NetUtil.class)
    static class Reactive {

        @Bean
        ClientAddressResolver clientAddressResolver(TrustedProxies trusted) {
            return new ClientAddressResolver(trusted);
        }

    }

}
