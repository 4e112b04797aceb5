package org.opencpm.connectors.runtime;

import java.util.concurrent.Callable;

/** Plugin code is called with the plugin's class loader as the thread's context class loader. */
final class PluginCalls {

    private PluginCalls() {
    }

    static <T> T withContextLoader(ClassLoader loader, Callable<T> work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return work.call();
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
