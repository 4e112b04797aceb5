package org.opencpm.domain.rights;

import org.opencpm.domain.Coded;

/**
 * What a person asks of the handler, by the PIPL article that gives the right: {@code access}
 * (Art. 45: see and copy), {@code portability} (Art. 45 §3: transfer to another handler),
 * {@code correction} (Art. 46: correct and complete), {@code deletion} (Art. 47: delete),
 * {@code withdraw_all} (Art. 15 and 44: withdraw every consent, decide against processing) and
 * {@code explanation} (Art. 48: have the processing rules explained).
 */
public enum RightsRequestType implements Coded {
    ACCESS,
    PORTABILITY,
    CORRECTION,
    DELETION,
    WITHDRAW_ALL,
    EXPLANATION;

    public static RightsRequestType parse(String code, String field) {
        return Coded.parse(RightsRequestType.class, code, field);
    }
}
