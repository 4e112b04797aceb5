package org.opencpm.connectors.runtime;

import java.util.Set;

/** Takes secrets out of text before it is logged or stored (an error message quoting a token). */
final class Scrubber {

    private final Set<String> secrets;

    Scrubber(Set<String> secrets) {
        this.secrets = Set.copyOf(secrets);
    }

    String scrub(String text) {
        if (text == null) {
            return "";
        }
        String out = text;
        for (String secret : secrets) {
            if (secret.length() >= 4) {
                out = out.replace(secret, "***");
            }
        }
        return out.length() > 900 ? out.substring(0, 900) + "…" : out;
    }
}
