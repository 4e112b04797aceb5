package org.opencpm.testfixtures;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.opencpm.application.port.in.Actor;
import org.opencpm.application.port.in.RecordConsentCommand;
import org.opencpm.application.port.in.SubjectReference;
import org.opencpm.domain.consent.Attachment;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.consent.ConsentAction;
import org.opencpm.domain.consent.ConsentMethod;
import org.opencpm.domain.consent.Evidence;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.notice.NoticeRef;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.Guardian;
import org.opencpm.domain.subject.GuardianRelation;
import org.opencpm.domain.subject.Identifier;

/**
 * Builds consent events that read like the story: {@code aGrant().by(PHONE).of(MARKETING_SMS).on(notice)}.
 * Defaults: by {@code 13800138000}, through the mini-program, by ticking a box, sent by an API key.
 */
public final class ConsentEvents {

    public static final Identifier PHONE = Identifier.phone("13800138000");

    private ConsentAction action;
    private final List<Identifier> identifiers = new ArrayList<>();
    private final List<PurposeCode> purposes = new ArrayList<>();
    private NoticeRef notice;
    private CollectionChannel channel = CollectionChannel.MINIPROGRAM;
    private ConsentMethod method = ConsentMethod.CHECKBOX;
    private Guardian guardian;
    private LocalDate birthDate;
    private Boolean minor;
    private Instant occurredAt;
    private String idempotencyKey;
    private String ip;
    private final List<Attachment> attachments = new ArrayList<>();
    private Actor actor = new Actor("key:test-integrator");

    private ConsentEvents(ConsentAction action) {
        this.action = action;
    }

    public static ConsentEvents aGrant() {
        return new ConsentEvents(ConsentAction.GRANT);
    }

    public static ConsentEvents aWithdrawal() {
        return new ConsentEvents(ConsentAction.WITHDRAW);
    }

    public static ConsentEvents aDenial() {
        return new ConsentEvents(ConsentAction.DENY);
    }

    public static ConsentEvents aConfirmation() {
        return new ConsentEvents(ConsentAction.CONFIRM);
    }

    public ConsentEvents by(Identifier... who) {
        identifiers.addAll(Arrays.asList(who));
        return this;
    }

    public ConsentEvents of(Purpose... what) {
        for (Purpose purpose : what) {
            purposes.add(purpose.code());
        }
        return this;
    }

    public ConsentEvents of(String... codes) {
        for (String code : codes) {
            purposes.add(PurposeCode.of(code));
        }
        return this;
    }

    public ConsentEvents on(Notice shown) {
        this.notice = shown.ref();
        return this;
    }

    public ConsentEvents on(NoticeRef shown) {
        this.notice = shown;
        return this;
    }

    public ConsentEvents through(CollectionChannel channel, ConsentMethod method) {
        this.channel = channel;
        this.method = method;
        return this;
    }

    public ConsentEvents withGuardian(Identifier parent) {
        this.guardian = new Guardian(List.of(parent), GuardianRelation.PARENT);
        return this;
    }

    public ConsentEvents bornOn(LocalDate date) {
        this.birthDate = date;
        return this;
    }

    public ConsentEvents minor(boolean minor) {
        this.minor = minor;
        return this;
    }

    public ConsentEvents at(Instant when) {
        this.occurredAt = when;
        return this;
    }

    public ConsentEvents idempotencyKey(String key) {
        this.idempotencyKey = key;
        return this;
    }

    /** Who records it (an API key by default; {@code Actor.connector(…)} for a platform's callback). */
    public ConsentEvents by(Actor who) {
        this.actor = who;
        return this;
    }

    public ConsentEvents fromIp(String address) {
        this.ip = address;
        return this;
    }

    /** Files kept as the event's evidence: a signature, a scanned form ({@link EvidenceFiles}). */
    public ConsentEvents attaching(Attachment... files) {
        this.attachments.addAll(List.of(files));
        return this;
    }

    public RecordConsentCommand build() {
        List<Identifier> who = identifiers.isEmpty() ? List.of(PHONE) : identifiers;
        Evidence evidence = new Evidence(channel, method, Optional.ofNullable(ip), Optional.empty(), Optional.empty(), Optional.empty(),
                attachments);
        return new RecordConsentCommand(new SubjectReference(who, Optional.ofNullable(birthDate), Optional.ofNullable(minor)),
                purposes, action, Optional.ofNullable(notice), evidence, Optional.ofNullable(guardian),
                Optional.ofNullable(occurredAt), Optional.ofNullable(idempotencyKey), actor);
    }
}
