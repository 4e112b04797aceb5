package org.opencpm.adapters.rest.security;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which client address a request counts against when its key fails: the connection's peer;
 * behind a reverse proxy the operator lists in {@code opencpm.security.trusted-proxies}, the
 * address that proxy appended to {@code X-Forwarded-For} (the rightmost entry that is not itself a
 * trusted proxy). A header from anyone else is ignored, as it could name any address.
 *
 * <p>Injected, it trusts the proxies configured in {@code opencpm.security.trusted-proxies}
 * (comma-separated addresses; none by default): every check of an API key — the API's and the
 * metrics' — counts failures against the same address this way.
 *
 * <p>An {@code /api} request's address is worked out once, by {@link ApiKeyAuthentication} before
 * the request is matched, and kept on the request ({@link #of(ContainerRequestContext)}): the key's
 * throttling, the collector's rate, the SMS sign-in's limits and the evidence kept with a consent
 * all count or record the same address, never one worked out a second way.
 */
@Dependent
public final class ClientAddress {

    /**
     * The longest address kept: what a consent's evidence holds ({@code Evidence.ip}). No IP address
     * written as text is longer, so a longer peer is no address and counts as {@link #UNKNOWN}.
     */
    public static final int MAX_LENGTH = 64;
    /** The address of a request whose peer the server did not say. */
    public static final String UNKNOWN = "unknown";
    /** Where Helidon's JAX-RS integration puts the peer's address on each request. */
    private static final String REMOTE_HOST_PROPERTY = "io.helidon.jaxrs.remote-host";
    /** The request property the address is kept in once worked out. */
    private static final String PROPERTY = "org.opencpm.client-address";

    private final Set<InetAddress> trustedProxies;

    private ClientAddress(Set<InetAddress> trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    @Inject
    ClientAddress(@ConfigProperty(name = "opencpm.security.trusted-proxies") Optional<String> trustedProxies) {
        this(IpLiterals.list(trustedProxies.orElse(null)));
    }

    /** From a comma-separated list of proxy addresses (none when blank). */
    public static ClientAddress trusting(String trustedProxies) {
        return new ClientAddress(IpLiterals.list(trustedProxies));
    }

    private boolean trusted(String address) {
        return IpLiterals.address(address).filter(trustedProxies::contains).isPresent();
    }

    /**
     * Works out the address of {@code request} and keeps it on the request for everything after
     * ({@link #of(ContainerRequestContext)}); returns it.
     */
    String keep(ContainerRequestContext request) {
        Object host = request.getProperty(REMOTE_HOST_PROPERTY);
        String address = of(host == null ? UNKNOWN : host.toString(), request.getHeaderString("X-Forwarded-For"));
        request.setProperty(PROPERTY, address);
        return address;
    }

    /** The address {@link ApiKeyAuthentication} kept on an {@code /api} request ({@link #UNKNOWN} if none was). */
    public static String of(ContainerRequestContext request) {
        return request.getProperty(PROPERTY) instanceof String address ? address : UNKNOWN;
    }

    /**
     * The address a request from {@code peer} with {@code forwardedFor} (may be null) counts against:
     * at most {@link #MAX_LENGTH} characters, {@link #UNKNOWN} for a blank or longer peer.
     */
    public String of(String peer, String forwardedFor) {
        String connected = peer == null || peer.isBlank() || peer.length() > MAX_LENGTH ? UNKNOWN : peer;
        if (forwardedFor == null || !trusted(connected)) {
            return connected;
        }
        List<String> hops = Arrays.stream(forwardedFor.split(",")).map(String::strip).toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (hop.length() > MAX_LENGTH || IpLiterals.address(hop).isEmpty()) {
                return connected; // anything but an address in the header is not believed
            }
            if (!trusted(hop)) {
                return hop;
            }
        }
        return connected;
    }
}
