package org.opencpm.testplugins.brokenstart;

import org.pf4j.Plugin;

/** A plugin whose start throws, as one with a missing dependency or a bad static initialiser would. */
public final class BrokenStartPlugin extends Plugin {

    @Override
    public void start() {
        throw new IllegalStateException("broken-start throws while it starts, on purpose");
    }
}
