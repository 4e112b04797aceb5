package org.opencpm.application;

import org.opencpm.domain.DomainException;

/**
 * Revoking this key would leave no active admin key, and with none nobody could make keys again
 * (short of editing the database). Make another admin key first.
 */
public final class LastAdminKeyException extends DomainException {

    public LastAdminKeyException(String keyId) {
        super("last-admin-key", Kind.CONFLICT, "'" + keyId + "' is the last active admin key: create another admin key before revoking it");
    }
}
