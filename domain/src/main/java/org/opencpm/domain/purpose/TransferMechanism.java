package org.opencpm.domain.purpose;

import org.opencpm.domain.Coded;

/**
 * The lawful way personal information leaves mainland China (PIPL Art. 38): one of these must be
 * in place before a cross-border purpose collects any grant.
 */
public enum TransferMechanism implements Coded {
    /** The CAC's security assessment (Art. 38 (1), Art. 40). */
    SECURITY_ASSESSMENT,
    /** A contract with the overseas recipient on the CAC's standard contract (Art. 38 (3)). */
    STANDARD_CONTRACT,
    /** Personal information protection certification by a specialised body (Art. 38 (2)). */
    CERTIFICATION
}
