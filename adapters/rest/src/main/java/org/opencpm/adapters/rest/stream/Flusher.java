package org.opencpm.adapters.rest.stream;

import java.io.Flushable;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What a reader runs before it waits for more of the body: flushes the answer written so far, once
 * there is one ({@link #to}); before the answer has started it does nothing.
 */
public final class Flusher implements Runnable {

    private Flushable target;

    public void to(Flushable target) {
        this.target = target;
    }

    @Override
    public void run() {
        if (target == null) {
            return;
        }
        try {
            target.flush();
        } catch (IOException clientGone) {
            throw new UncheckedIOException(clientGone);
        }
    }
}
