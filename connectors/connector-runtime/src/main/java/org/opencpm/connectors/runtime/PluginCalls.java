package org.opencpm.connectors.runtime;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How the host calls a plugin's code: always with the plugin's class loader as the thread's
 * context class loader, and — while it starts — within a time limit, so that a plugin that hangs
 * is given up on instead of holding the host.
 */
final class PluginCalls {

    private final Duration startTimeout;

    PluginCalls(Duration startTimeout) {
        this.startTimeout = startTimeout;
    }

    /** Runs plugin code with its class loader as context loader, giving up after the start timeout (a hung plugin). */
    <T> T withTimeout(ClassLoader loader, String what, Callable<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(() -> withContextLoader(loader, work));
        Thread runner = Thread.ofVirtual().name("opencpm-plugin-" + what).start(task);
        try {
            return task.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException hung) {
            runner.interrupt();
            task.cancel(true);
            throw new TimeoutException("its " + what + " did not finish within " + startTimeout.toSeconds() + " s");
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw failed;
        }
    }

    /** Runs plugin code with its class loader as context loader. */
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

    /** What went wrong, in one line: the innermost exception that says something. */
    static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
