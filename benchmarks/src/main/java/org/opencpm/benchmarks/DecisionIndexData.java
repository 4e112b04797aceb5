package org.opencpm.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.Set;
import java.util.stream.Collectors;
import org.opencpm.application.port.out.DecisionIndex;
import org.opencpm.application.port.out.IdentityVault;
import org.opencpm.application.port.out.SubjectState;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.consent.Consent;
import org.opencpm.domain.consent.ConsentMethod;
import org.opencpm.domain.consent.ConsentState;
import org.opencpm.domain.consent.NoticeStamp;
import org.opencpm.domain.notice.Notice;
import org.opencpm.domain.notice.NoticeRef;
import org.opencpm.domain.preference.ChannelPreference;
import org.opencpm.domain.preference.ContactChannel;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.purpose.DataElement;
import org.opencpm.domain.purpose.Purpose;
import org.opencpm.domain.purpose.PurposeCategory;
import org.opencpm.domain.purpose.PurposeCode;
import org.opencpm.domain.subject.GuardianRelation;
import org.opencpm.domain.subject.Identifier;
import org.opencpm.domain.subject.Subject;
import org.opencpm.domain.subject.SubjectId;

/**
 * The population the P1 and P2 benchmarks load into a decision index: subjects with a consent to
 * each of 8 purposes, shaped like a retailer's after a couple of years (P1, P2 in the design's
 * PERFORMANCE.md). Each subject is built afresh as the database loader builds it (new objects for
 * every value, nothing shared that the store would not share), from a seed, so that a run can be
 * repeated:
 *
 * <ul>
 *   <li>about 55 % of the consents granted (a few by an implied act, which allows nothing), 15 %
 *       withdrawn, 10 % denied, 5 % recorded expired, the double opt-in purpose's unconfirmed ones
 *       pending; three purposes have a validity, so some grants have lapsed without their expiry
 *       being recorded yet;</li>
 *   <li>every consent names the notice revision it was given on (5 stamps in all); a later material
 *       revision outdates some of them;</li>
 *   <li>10 % of the subjects gave a birth date, some of them minors whose grants came from a
 *       guardian; 20 % set preferences (a channel or a topic switched off, a language);</li>
 *   <li>every subject has a phone number, 20 % an e-mail address too; their vault hashes are linked
 *       in the index as the loader links them.</li>
 * </ul>
 *
 * Times are millisecond-precise, as recorded ({@code ConsentRequest} truncates to milliseconds).
 */
public final class DecisionIndexData {

    /** Where every time is counted back from: the benchmark's "now". */
    public static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    public static final int PURPOSES = 8;

    private final List<Purpose> purposes = new ArrayList<>();
    private final List<Notice> notices = new ArrayList<>();
    private final long seed;

    public DecisionIndexData(long seed) {
        this.seed = seed;
        String[] codes = {"marketing-sms", "marketing-email", "marketing-phone", "personalized-recs", "share-tmall",
                "analytics", "app-push", "loyalty-club"};
        for (int p = 0; p < PURPOSES; p++) {
            Purpose.Builder builder = Purpose.builder(codes[p]).name("zh", "目的 " + p)
                    .category(p < 3 || p == 6 ? PurposeCategory.MARKETING : PurposeCategory.PERSONALIZATION)
                    .dataElement(DataElement.named("phone"));
            if (p == 0 || p == 2 || p == 7) {
                builder.validityDays(730);
            }
            if (p == 1) {
                builder.doubleOptIn(true);
            }
            purposes.add(builder.build());
        }
        Set<PurposeCode> all = purposes.stream().map(Purpose::code).collect(Collectors.toSet());
        for (int revision = 1; revision <= 3; revision++) {
            notices.add(Notice.publish(NoticeRef.of("privacy", "v" + revision), "zh-CN", "隐私政策", Optional.of("privacy policy text " + revision),
                    Optional.empty(), all, revision == 3, NOW.minus(Duration.ofDays(900 - 300L * revision)), revision));
        }
        Set<PurposeCode> sharing = Set.of(purposes.get(4).code(), purposes.get(5).code());
        for (int revision = 1; revision <= 2; revision++) {
            notices.add(Notice.publish(NoticeRef.of("sharing", "v" + revision), "zh-CN", "共享告知", Optional.of("sharing text " + revision),
                    Optional.empty(), sharing, revision == 2, NOW.minus(Duration.ofDays(800 - 300L * revision)), revision));
        }
    }

    public List<Purpose> purposes() {
        return purposes;
    }

    public List<Notice> notices() {
        return notices;
    }

    /** Defines the purposes and publishes the notices in {@code index}, as the loader does first. */
    public void defineIn(DecisionIndex index) {
        purposes.forEach(index::purposeDefined);
        notices.forEach(index::noticePublished);
    }

    /** Subject number {@code n}: its id is a random one, drawn from the seed and {@code n}. */
    public SubjectId subjectId(int n) {
        SplittableRandom random = random(n);
        return SubjectId.of("sub_" + hex(random.nextLong()) + hex(random.nextLong()));
    }

    /** Subject number {@code n}'s phone number, unique among the subjects. */
    public Identifier phone(int n) {
        return Identifier.phone("139" + String.format("%08d", n));
    }

    /** Subject number {@code n}'s e-mail address, if they gave one. */
    public Optional<Identifier> email(int n) {
        return n % 5 == 0 ? Optional.of(Identifier.email("person" + n + "@example.com")) : Optional.empty();
    }

    /** Subject number {@code n}'s state, built afresh. */
    public SubjectState state(int n) {
        SplittableRandom random = random(n);
        SubjectId id = SubjectId.of("sub_" + hex(random.nextLong()) + hex(random.nextLong()));
        Instant registered = NOW.minus(random.nextLong(Duration.ofDays(1000).toMillis()), ChronoUnit.MILLIS);
        Optional<LocalDate> birthDate = Optional.empty();
        boolean minor = false;
        if (random.nextInt(10) == 0) {
            minor = random.nextInt(10) < 3;
            int age = minor ? 8 + random.nextInt(6) : 18 + random.nextInt(60);
            birthDate = Optional.of(LocalDate.of(2026 - age, 1 + random.nextInt(12), 1 + random.nextInt(28)));
        }
        Map<PurposeCode, Consent> consents = new HashMap<>();
        long version = 0;
        for (Purpose purpose : purposes) {
            version += 1 + random.nextInt(2);
            consents.put(purpose.code(), consent(random, id, purpose, registered, version, minor));
        }
        Subject subject = new Subject(id, birthDate, false, version, registered);
        return new SubjectState(subject, consents, preferences(random));
    }

    /** Loads subjects {@code 0..count-1} into {@code index}: their identifiers' hashes, then their states. */
    public void load(DecisionIndex index, IdentityVault vault, int count) {
        for (int n = 0; n < count; n++) {
            SubjectState state = state(n);
            SubjectId id = state.subject().id();
            index.identifierLinked(vault.hash(phone(n)), id);
            email(n).ifPresent(email -> index.identifierLinked(vault.hash(email), id));
            index.subjectChanged(state);
        }
    }

    private Consent consent(SplittableRandom random, SubjectId id, Purpose purpose, Instant registered, long version, boolean minor) {
        long sinceRegistered = Duration.between(registered, NOW).toMillis();
        Instant changed = registered.plusMillis(random.nextLong(Math.max(1, sinceRegistered)));
        Instant granted = registered.plusMillis(random.nextLong(Math.max(1, Duration.between(registered, changed).toMillis() + 1)));
        int roll = random.nextInt(100);
        ConsentState state;
        if (roll < 55) {
            state = purpose.doubleOptIn() && random.nextInt(4) == 0 ? ConsentState.PENDING : ConsentState.GRANTED;
        } else if (roll < 70) {
            state = ConsentState.WITHDRAWN;
        } else if (roll < 80) {
            state = ConsentState.DENIED;
        } else if (roll < 85) {
            state = ConsentState.EXPIRED;
        } else {
            state = ConsentState.GRANTED;
        }
        ConsentMethod method = random.nextInt(50) == 0 ? ConsentMethod.IMPLIED
                : ConsentMethod.values()[random.nextInt(ConsentMethod.values().length - 2)];
        CollectionChannel channel = CollectionChannel.values()[random.nextInt(CollectionChannel.values().length)];
        Notice notice = noticeFor(random, purpose);
        Optional<NoticeStamp> stamp = Optional.of(new NoticeStamp(NoticeRef.of(notice.ref().code(), notice.ref().version()),
                notice.contentHash(), notice.revision()));
        Optional<GuardianRelation> guardian = minor && random.nextInt(4) != 0 ? Optional.of(GuardianRelation.PARENT) : Optional.empty();
        Optional<Instant> grantedAt;
        Optional<Instant> expiresAt = Optional.empty();
        switch (state) {
            case GRANTED -> {
                grantedAt = Optional.of(changed);
                expiresAt = purpose.validity().map(changed::plus);
            }
            case PENDING, DENIED -> grantedAt = Optional.empty();
            default -> grantedAt = Optional.of(granted);
        }
        return Consent.restore(id, purpose.code(), state, version, changed, grantedAt, expiresAt, stamp, guardian, channel, method);
    }

    private Notice noticeFor(SplittableRandom random, Purpose purpose) {
        boolean sharing = purpose.code().equals(purposes.get(4).code()) || purpose.code().equals(purposes.get(5).code());
        return sharing ? notices.get(3 + random.nextInt(2)) : notices.get(random.nextInt(3));
    }

    private static Preferences preferences(SplittableRandom random) {
        if (random.nextInt(5) != 0) {
            return Preferences.none();
        }
        Map<String, Boolean> topics = new HashMap<>();
        Map<ContactChannel, ChannelPreference> channels = new HashMap<>();
        if (random.nextBoolean()) {
            topics.put("promotions", false);
        }
        if (random.nextInt(3) == 0) {
            topics.put("newsletter", random.nextBoolean());
        }
        if (random.nextBoolean()) {
            channels.put(ContactChannel.SMS, ChannelPreference.disabled());
        }
        if (random.nextInt(4) == 0) {
            channels.put(ContactChannel.PHONE, ChannelPreference.disabled());
        }
        Optional<String> language = random.nextBoolean() ? Optional.of(random.nextBoolean() ? "zh-CN" : "en") : Optional.empty();
        return new Preferences(topics, channels, Optional.empty(), language);
    }

    private SplittableRandom random(int n) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + n);
    }

    private static String hex(long value) {
        return String.format("%016x", value);
    }
}
