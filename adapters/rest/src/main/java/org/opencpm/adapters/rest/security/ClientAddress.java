package org.opencpm.adapters.rest.security;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
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
 */
@Dependent
public final class ClientAddress {

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

    /** The address a request from {@code peer} with {@code forwardedFor} (may be null) counts against. */
    public String of(String peer, String forwardedFor) {
        if (forwardedFor == null || !trusted(peer)) {
            return peer;
        }
        List<String> hops = Arrays.stream(forwardedFor.split(",")).map(String::strip).toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (IpLiterals.address(hop).isEmpty()) {
                return peer; // anything but an address in the header is not believed
            }
            if (!trusted(hop)) {
                return hop;
            }
        }
        return peer;
    }
}
