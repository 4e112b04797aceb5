package org.opencpm.domain.subject;

import org.opencpm.domain.Coded;

/** How a guardian is related to the minor they consent for (PIPL Art. 31: 父母或者其他监护人). */
public enum GuardianRelation implements Coded {
    PARENT,
    GUARDIAN
}
