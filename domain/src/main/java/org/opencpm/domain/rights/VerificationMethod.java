package org.opencpm.domain.rights;

import org.opencpm.domain.Coded;

/**
 * How the requester was verified to be the person (GB/T 35273 §8.7 a: verify identity before
 * answering): a link sent to a known contact, a code by SMS, an operator who checked in person or
 * on the phone, or a login to the handler's own account.
 */
public enum VerificationMethod implements Coded {
    LINK,
    SMS_CODE,
    OPERATOR,
    LOGIN;

    public static VerificationMethod parse(String code, String field) {
        return Coded.parse(VerificationMethod.class, code, field);
    }
}
