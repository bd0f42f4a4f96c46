package com.acme.chat.kit.clientaddress;

import java.net.InetAddress;
import java.util.List;

import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * The networks of {@code chat.web.trusted-proxies}, matched with Spring Security's
 * {@link IpAddressMatcher}. A block that is not CIDR notation of an address is refused at
 * startup: Tomcat would read a list without {@code /} as a regular expression.
 */
public final class TrustedProxies {

    private final List<String> blocks;

    private final List<IpAddressMatcher> matchers;

    public TrustedProxies(List<String> blocks) {
        this.blocks = List.copyOf(blocks);
        this.matchers = this.blocks.stream().map(TrustedProxies::matcher).toList();
    }

    /** Whether {@code address} is one of the trusted proxies. */
    public boolean contains(InetAddress address) {
        String literal = address.getHostAddress();
        return this.matchers.stream().anyMatch(matcher -> matcher.matches(literal));
    }

    /** The blocks as Tomcat's {@code RemoteIpValve} reads CIDR lists: comma-separated. */
    String asTomcatList() {
        return String.join(",", this.blocks);
    }

    private static IpAddressMatcher matcher(String block) {
        if (block.indexOf('/') < 0) {
            throw new IllegalArgumentException("chat.web.trusted-proxies: '" + block
                    + "' is not a CIDR block (write a single address as /32 or /128)");
        }
        try {
            return new IpAddressMatcher(block);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("chat.web.trusted-proxies: '" + block + "' is not a CIDR block", ex);
        }
    }

}
