package org.opencpm.adapters.rest.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * IP addresses written as text, read without any name lookup: the one reading of
 * {@code opencpm.security.trusted-proxies} for everything that compares a client with it (the API
 * keys' throttling, {@code /metrics}, the listener's per-address cap), so that {@code ::1} and
 * {@code 0:0:0:0:0:0:0:1} are the same proxy everywhere. A name (not an address) is ignored.
 */
public final class IpLiterals {

    private static final Pattern LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*");

    private IpLiterals() {
    }

    /** The addresses of a comma-separated list (none when null or blank); what is not an address is left out. */
    public static Set<InetAddress> list(String text) {
        return text == null ? Set.of() : Arrays.stream(text.split(",")).map(IpLiterals::address)
                .flatMap(Optional::stream).collect(Collectors.toUnmodifiableSet());
    }

    /** {@code text} as an IPv4 or IPv6 address, or empty when it is not one (never a name lookup). */
    public static Optional<InetAddress> address(String text) {
        String literal = text.strip();
        if (!LITERAL.matcher(literal).matches()) {
            return Optional.empty();
        }
        try {
            if (literal.contains(":")) {
                return Optional.of(InetAddress.getByName(literal)); // a text with a colon is parsed as IPv6, never looked up
            }
            byte[] octets = new byte[4];
            String[] parts = literal.split("\\.");
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(parts[i]);
                if (octet > 255) {
                    return Optional.empty();
                }
                octets[i] = (byte) octet;
            }
            return Optional.of(InetAddress.getByAddress(octets));
        } catch (UnknownHostException notAnAddress) {
            return Optional.empty();
        }
    }
}
