package org.opencpm.adapters.decisionindex;

import java.util.Optional;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.consent.ConsentMethod;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.consent.NoticeStamp;
import org.opencpm.domain.subject.GuardianRelation;

/**
 * Everything about a consent but its subject, purpose, version and times — and how those times are
 * written in the packed record. Few distinct shapes exist (a handful of states, channels, methods,
 * notice versions, validities), so each is kept once in the {@link Dictionary} and a consent names
 * its shape by number: one or two bytes instead of an object graph.
 *
 * @param changedFixed40 {@code changedAt}'s offset from the subject's registration is written in
 *                       five fixed bytes, not as a varint
 * @param granted        {@link #GRANTED_NONE}, {@link #GRANTED_AT_CHANGE} (the grant in force is the
 *                       latest event), or {@link #GRANTED_EXPLICIT} (written as an offset back from
 *                       {@code changedAt})
 * @param expiry         {@link #EXPIRY_NONE}, {@link #EXPIRY_DAYS_AFTER_GRANT} ({@code expiryDays}
 *                       after the grant: a purpose's validity), or {@link #EXPIRY_EXPLICIT}
 * @param subMillisecond some time has a fraction of a millisecond, written after the times
 */
record ConsentShape(ConsentState state, Optional<GuardianRelation> guardian, CollectionChannel channel, ConsentMethod method,
                    Optional<NoticeStamp> notice, boolean changedFixed40, int granted, boolean grantedFixed40, int expiry,
                    int expiryDays, boolean subMillisecond) {

    static final int GRANTED_NONE = 0;
    static final int GRANTED_AT_CHANGE = 1;
    static final int GRANTED_EXPLICIT = 2;
    static final int EXPIRY_NONE = 0;
    static final int EXPIRY_DAYS_AFTER_GRANT = 1;
    static final int EXPIRY_EXPLICIT = 2;
}
