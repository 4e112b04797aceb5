package org.opencpm.adapters.rest;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The client address each use case that takes one was last given, by use case: the test wiring puts
 * one of these in front of each such service, so that {@link ClientAddressApiTest} sees what every
 * consumer of the address was handed, not only what one of them recorded.
 */
final class AddressesSeen {

    static final Map<Class<?>, String> LAST = new ConcurrentHashMap<>();

    private AddressesSeen() {
    }

    /** {@code service} as {@code port}; each call of {@code method} notes the address {@code address} reads from its arguments. */
    static <T> T recording(Class<T> port, T service, String method, Function<Object[], String> address) {
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, called, args) -> {
            if (called.getName().equals(method)) {
                LAST.put(port, String.valueOf(address.apply(args)));
            }
            try {
                return called.invoke(service, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}
