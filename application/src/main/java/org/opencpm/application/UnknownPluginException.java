package org.opencpm.application;

import org.opencpm.domain.DomainException;

/** No plugin with this id is loaded. */
public final class UnknownPluginException extends DomainException {

    public UnknownPluginException(String pluginId) {
        super("plugin-not-found", Kind.NOT_FOUND, "no plugin '" + pluginId + "'");
    }
}
