package org.opencpm.application.port.in;

import org.opencpm.domain.Coded;

/** Where an erasure stands: waiting for connectors to carry it, or done. */
public enum ErasureStatus implements Coded {
    ERASING,
    ERASED
}
