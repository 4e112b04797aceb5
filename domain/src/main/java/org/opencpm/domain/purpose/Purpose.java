package org.opencpm.domain.purpose;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opencpm.domain.Checks;
import org.opencpm.domain.InvalidValueException;

/**
 * A purpose of processing, as the notice describes it and the law classifies it.
 *
 * <p>Invariants, checked when the purpose is defined so that no rule has to second-guess it later:
 * <ul>
 *   <li>a {@link PurposeCategory#SHARING sharing} purpose names at least one recipient (PIPL Art. 23);</li>
 *   <li>a purpose with an overseas recipient is marked {@code crossBorder}, and a {@code crossBorder}
 *       purpose has an overseas recipient (PIPL Art. 39);</li>
 *   <li>a purpose using a sensitive data element is marked {@code sensitive} (PIPL Art. 28);</li>
 *   <li>retention and validity, when given, are positive numbers of days.</li>
 * </ul>
 * Whether a purpose needs separate consent is not a field: {@link
 * org.opencpm.domain.consent.SeparateConsentPolicy} derives it from the facts above.
 *
 * <p>A purpose is a value: redefining one replaces it; consents refer to it by {@link #code()}.
 *
 * @param necessary     processing is necessary for the service (PIPL Art. 16: refusing optional
 *                      purposes must not cost the person the service)
 * @param doubleOptIn   a grant stays {@code pending} until the person confirms it (e.g. e-mail)
 * @param validityDays  how long a grant lasts before it expires; empty means until withdrawn
 * @param transferMechanism how the data lawfully leaves mainland China (PIPL Art. 38): only on a
 *                      {@code crossBorder} purpose; empty on one defined before it was recorded,
 *                      which then collects no grant ({@link org.opencpm.domain.consent.CrossBorderTransferPolicy})
 * @param materiallyRedefinedAt when the purpose was last redefined materially ({@link PurposeRedefinition}):
 *                      consents granted before then were given to another definition and allow nothing
 *                      until given again (PIPL Art. 14 ¶2); set by OpenCPM, never by the caller
 */
public record Purpose(
        PurposeCode code,
        LocalizedText name,
        String description,
        PurposeCategory category,
        LegalBasis legalBasis,
        boolean necessary,
        boolean sensitive,
        boolean separateConsent,
        boolean crossBorder,
        boolean doubleOptIn,
        List<DataElement> dataElements,
        List<Recipient> recipients,
        Optional<Integer> retentionDays,
        Optional<Integer> validityDays,
        Optional<TransferMechanism> transferMechanism,
        Optional<Instant> materiallyRedefinedAt) {

    /** The longest retention or validity period: 100 years. */
    public static final int MAX_DAYS = 36_500;

    public Purpose {
        Checks.required(code, "code");
        Checks.required(name, "name");
        Checks.text(Checks.maxLength(description, 4000, "description"), "description");
        Checks.required(category, "category");
        Checks.required(legalBasis, "legalBasis");
        dataElements = Checks.copyOf(dataElements, "dataElements");
        recipients = Checks.copyOf(recipients, "recipients");
        Checks.required(retentionDays, "retentionDays").ifPresent(days -> checkDays(days, "retentionDays"));
        Checks.required(validityDays, "validityDays").ifPresent(days -> checkDays(days, "validityDays"));
        checkConsistency(code, category, sensitive, crossBorder, dataElements, recipients);
        Checks.required(materiallyRedefinedAt, "materiallyRedefinedAt");
        if (Checks.required(transferMechanism, "transferMechanism").isPresent() && !crossBorder) {
            throw new InvalidPurposeDefinitionException("purpose " + code + " records a transfer mechanism but is not crossBorder:"
                    + " a mechanism is for data leaving mainland China (PIPL Art. 38)");
        }
    }

    /** This definition, stamped as materially redefined at {@code at} (or at no time). */
    public Purpose materiallyRedefinedAt(Optional<Instant> at) {
        return new Purpose(code, name, description, category, legalBasis, necessary, sensitive, separateConsent, crossBorder,
                doubleOptIn, dataElements, recipients, retentionDays, validityDays, transferMechanism, at);
    }

    /**
     * A period in days: positive and at most {@link #MAX_DAYS}, so that every date computed from it
     * (a grant's expiry, the end of retention) stays a date every supported database can store.
     */
    private static void checkDays(int days, String field) {
        if (days < 1 || days > MAX_DAYS) {
            throw new InvalidValueException(field, "must be a whole number of days from 1 to " + MAX_DAYS);
        }
    }

    private static void checkConsistency(PurposeCode code, PurposeCategory category, boolean sensitive,
                                         boolean crossBorder, List<DataElement> dataElements,
                                         List<Recipient> recipients) {
        if (category == PurposeCategory.SHARING && recipients.isEmpty()) {
            throw new InvalidPurposeDefinitionException("purpose " + code
                    + " provides data to others, so it must name each recipient (PIPL Art. 23)");
        }
        boolean overseas = recipients.stream().anyMatch(Recipient::isOverseas);
        if (crossBorder && !overseas) {
            throw new InvalidPurposeDefinitionException("purpose " + code
                    + " is marked crossBorder but names no recipient outside mainland China (PIPL Art. 39)");
        }
        if (overseas && !crossBorder) {
            Recipient abroad = recipients.stream().filter(Recipient::isOverseas).findFirst().orElseThrow();
            throw new InvalidPurposeDefinitionException("recipient '" + abroad.name() + "' of purpose " + code
                    + " is in " + abroad.country() + ", outside mainland China: mark the purpose crossBorder (PIPL Art. 39)");
        }
        if (!sensitive) {
            for (DataElement element : dataElements) {
                if (element.grade().needsSeparateConsent()) {
                    throw new InvalidPurposeDefinitionException("data element '" + element.name() + "' of purpose " + code
                            + " is sensitive personal information: mark the purpose sensitive (PIPL Art. 28)");
                }
            }
        }
    }

    /**
     * Refuses a definition that declares a data element below its lowest grade ({@link
     * DataElement#lowestGrade()}): a face, a health record or a minor's data declared
     * {@code general} would let the purpose escape separate consent (PIPL Art. 28, 29, 31).
     *
     * <p>Checked when a purpose is (re)defined, not in the constructor: a purpose stored before the
     * rule must still load, and is held to it at its next redefinition.
     */
    public void checkDeclaredGrades() {
        for (DataElement element : dataElements) {
            if (element.gradedTooLow()) {
                throw new InvalidPurposeDefinitionException("data element '" + element.name() + "' of purpose " + code
                        + " is sensitive personal information: it cannot be declared " + element.grade().code()
                        + ", at least " + element.lowestGrade().code() + " (PIPL Art. 28)");
            }
        }
    }

    /** Whether a decision about this purpose depends on the person's consent (PIPL Art. 13). */
    public boolean requiresConsent() {
        return legalBasis.requiresConsent();
    }

    /** The recipients outside mainland China. */
    public List<Recipient> overseasRecipients() {
        return recipients.stream().filter(Recipient::isOverseas).toList();
    }

    /** The recipient {@code requested} names, if this purpose lists it. */
    public Optional<Recipient> recipientNamed(String requested) {
        return recipients.stream().filter(r -> r.isNamed(requested)).findFirst();
    }

    /** The highest sensitivity grade among the data elements (GENERAL when there are none). */
    public SensitivityGrade highestGrade() {
        SensitivityGrade highest = SensitivityGrade.GENERAL;
        for (DataElement element : dataElements) {
            if (element.grade().compareTo(highest) > 0) {
                highest = element.grade();
            }
        }
        return highest;
    }

    /** How long a grant of this purpose lasts, if it lapses at all. */
    public Optional<Duration> validity() {
        return validityDays.map(Duration::ofDays);
    }

    public static Builder builder(String code) {
        return new Builder(PurposeCode.of(code));
    }

    /** Builds a purpose field by field; {@link #build()} checks the invariants. */
    public static final class Builder {
        private final PurposeCode code;
        private LocalizedText name;
        private String description;
        private PurposeCategory category = PurposeCategory.OTHER;
        private LegalBasis legalBasis = LegalBasis.CONSENT;
        private boolean necessary;
        private boolean sensitive;
        private boolean separateConsent;
        private boolean crossBorder;
        private boolean doubleOptIn;
        private final List<DataElement> dataElements = new ArrayList<>();
        private final List<Recipient> recipients = new ArrayList<>();
        private Integer retentionDays;
        private Integer validityDays;
        private TransferMechanism transferMechanism;
        private Instant materiallyRedefinedAt;

        private Builder(PurposeCode code) {
            this.code = code;
            this.name = LocalizedText.of("en", code.value());
        }

        public Builder name(LocalizedText name) { this.name = name; return this; }
        public Builder name(String language, String text) { this.name = LocalizedText.of(language, text); return this; }
        public Builder description(String description) { this.description = description; return this; }
        public Builder category(PurposeCategory category) { this.category = category; return this; }
        public Builder legalBasis(LegalBasis legalBasis) { this.legalBasis = legalBasis; return this; }
        public Builder necessary(boolean necessary) { this.necessary = necessary; return this; }
        public Builder sensitive(boolean sensitive) { this.sensitive = sensitive; return this; }
        public Builder separateConsent(boolean separateConsent) { this.separateConsent = separateConsent; return this; }
        public Builder crossBorder(boolean crossBorder) { this.crossBorder = crossBorder; return this; }
        public Builder doubleOptIn(boolean doubleOptIn) { this.doubleOptIn = doubleOptIn; return this; }
        public Builder dataElement(DataElement element) { this.dataElements.add(element); return this; }
        public Builder dataElements(List<DataElement> elements) { this.dataElements.addAll(elements); return this; }
        public Builder recipient(Recipient recipient) { this.recipients.add(recipient); return this; }
        public Builder recipients(List<Recipient> recipients) { this.recipients.addAll(recipients); return this; }
        public Builder retentionDays(Integer days) { this.retentionDays = days; return this; }
        public Builder validityDays(Integer days) { this.validityDays = days; return this; }
        public Builder transferMechanism(TransferMechanism mechanism) { this.transferMechanism = mechanism; return this; }
        public Builder materiallyRedefinedAt(Instant at) { this.materiallyRedefinedAt = at; return this; }

        public Purpose build() {
            if (name == null) {
                throw new InvalidValueException("name", "is required");
            }
            return new Purpose(code, name, description, category, legalBasis, necessary, sensitive,
                    separateConsent, crossBorder, doubleOptIn, dataElements, recipients,
                    Optional.ofNullable(retentionDays), Optional.ofNullable(validityDays), Optional.ofNullable(transferMechanism),
                    Optional.ofNullable(materiallyRedefinedAt));
        }
    }
}
