package org.opencpm.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.consent.ConsentAction;
import org.opencpm.domain.consent.ConsentMethod;
import org.opencpm.domain.consent.ConsentRecorder;
import org.opencpm.domain.consent.ConsentRequest;
import org.opencpm.domain.consent.Evidence;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.notice.NoticeHistory;
import org.opencpm.domain.notice.NoticeRef;
import org.opencpm.domain.purpose.DataElement;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCategory;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.purpose.Recipient;
import org.opencpm.domain.subject.Guardian;
import org.opencpm.domain.subject.GuardianRelation;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.Subject;
import org.opencpm.domain.subject.SubjectId;

/** Test data that reads like the story it sets up. */
public final class Fixtures {

    public static final Instant DAY_ONE = Instant.parse("2026-03-02T02:00:00Z"); // 10:00 in Beijing
    public static final Identifier PHONE = Identifier.phone("13800138000");
    public static final Identifier PARENT_PHONE = Identifier.phone("13900139000");

    private Fixtures() {
    }

    public static Purpose.Builder aPurpose(String code) {
        return Purpose.builder(code).name("zh", code).category(PurposeCategory.MARKETING)
                .dataElement(DataElement.named("phone"));
    }

    public static Purpose marketingSms() {
        return aPurpose("marketing-sms").build();
    }

    public static Purpose sensitiveHealth() {
        return aPurpose("health-advice").sensitive(true).dataElement(DataElement.named("health")).build();
    }

    public static Purpose sharingWithPartner() {
        return aPurpose("share-partner").category(PurposeCategory.SHARING)
                .recipient(new Recipient("Partner Co.", "dpo@partner.cn", "CN", "joint marketing")).build();
    }

    public static Purpose publicDisclosure() {
        return aPurpose("public-reviews").category(PurposeCategory.PUBLIC_DISCLOSURE).build();
    }

    public static Purpose crossBorder() {
        return aPurpose("hq-analytics").category(PurposeCategory.ANALYTICS).crossBorder(true)
                .recipient(new Recipient("HQ GmbH", "privacy@hq.de", "DE", "analytics")).build();
    }

    public static Notice notice(String code, String version, int revision, Instant publishedAt, boolean material,
                                Purpose... covers) {
        Set<PurposeCode> purposes = Arrays.stream(covers).map(Purpose::code).collect(Collectors.toSet());
        return Notice.publish(NoticeRef.of(code, version), "zh-CN", "隐私政策 " + version,
                Optional.of("我们如何处理您的个人信息 " + version), Optional.empty(), purposes, material, publishedAt, revision);
    }

    public static Notice privacyPolicy(Purpose... covers) {
        return notice("privacy-policy", "2026-01", 1, DAY_ONE.minusSeconds(86_400), true, covers);
    }

    public static NoticeHistory historyOf(Notice... versions) {
        return new NoticeHistory(versions[0].ref().code(), List.of(versions));
    }

    public static Evidence checkbox() {
        return Evidence.of(CollectionChannel.MINIPROGRAM, ConsentMethod.CHECKBOX);
    }

    public static Subject anAdult() {
        return Subject.register(SubjectId.of("sub_adult"), DAY_ONE.minusSeconds(3600));
    }

    public static Subject aChild() {
        return Subject.register(SubjectId.of("sub_child"), DAY_ONE.minusSeconds(3600))
                .withAgeFacts(Optional.of(java.time.LocalDate.of(2016, 5, 1)), Optional.empty(), java.time.LocalDate.of(2026, 3, 2));
    }

    public static Guardian aParent() {
        return new Guardian(List.of(PARENT_PHONE), GuardianRelation.PARENT);
    }

    /** A request for {@code action} on {@code purposes}, shown {@code notice}, by checkbox, at {@code at}. */
    public static ConsentRequest request(ConsentAction action, Notice notice, Instant at, Purpose... purposes) {
        return new ConsentRequest(action, List.of(purposes), Optional.ofNullable(notice),
                Optional.ofNullable(notice).map(n -> historyOf(n)), checkbox(), Optional.empty(), Set.of(PHONE), at);
    }

    /** Records {@code request} for {@code subject} with no earlier consents. */
    public static ConsentRecorder.Recording record(ConsentRequest request, Subject subject) {
        return ConsentRecorder.record(request, subject, Map.of(), request.occurredAt());
    }

    /** A consent to {@code purpose} granted on {@code notice} at {@code at}. */
    public static Consent grantedConsent(Subject subject, Purpose purpose, Notice notice, Instant at) {
        return record(request(ConsentAction.GRANT, notice, at, purpose), subject).consents().get(0);
    }
}
