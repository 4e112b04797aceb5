package org.opencpm.domain.purpose;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a redefinition of a purpose changes what the person agreed to. PIPL Art. 14 ¶2: when
 * the purpose, the way of processing or the kinds of personal information change, consent is
 * obtained again — as a material notice version asks for, a material redefinition does too.
 *
 * <p>Material: a new data element, or one graded higher (Art. 14 ¶2, 28); a new recipient, or a
 * recipient processing in another way (Art. 23); made sensitive (Art. 28-29) or cross-border
 * (Art. 39); another category, which is another purpose. Not material: names, descriptions,
 * contacts, retention and validity, double opt-in, and anything removed — using less needs no
 * new consent.
 *
 * <p>How a consent knows which definition it was given on: the purpose carries the time of its
 * latest material redefinition ({@link Purpose#materiallyRedefinedAt()}); a consent granted
 * (by its {@code occurredAt}) before then was given on an older definition. No field is added to
 * consents, so every consent stored before this rule is judged by it at once.
 */
public final class PurposeRedefinition {

    private PurposeRedefinition() {
    }

    /**
     * {@code after} as it is to be stored: stamped {@code now} when it changes {@code before}
     * materially, else keeping the stamp {@code before} had (none for a new purpose).
     */
    public static Purpose stamp(Optional<Purpose> before, Purpose after, Instant now) {
        if (before.isEmpty()) {
            return after.materiallyRedefinedAt(Optional.empty());
        }
        return after.materiallyRedefinedAt(materialChanges(before.get(), after).isEmpty()
                ? before.get().materiallyRedefinedAt() : Optional.of(now));
    }

    /**
     * Whether a consent granted at {@code grantedAtEpochMilli} was given on an older definition of
     * {@code purpose} than the one in force, so that it no longer allows until the person consents
     * again (the decision reason {@code purpose_redefined}, and the compliance report's re-consent list).
     */
    public static boolean outdates(Purpose purpose, long grantedAtEpochMilli) {
        return purpose.materiallyRedefinedAt().isPresent() && grantedAtEpochMilli < purpose.materiallyRedefinedAt().get().toEpochMilli();
    }

    /** What {@code after} changes materially in {@code before}, in words, for the audit trail; empty when nothing. */
    public static List<String> materialChanges(Purpose before, Purpose after) {
        List<String> changes = new ArrayList<>();
        for (DataElement element : after.dataElements()) {
            Optional<DataElement> was = before.dataElements().stream().filter(e -> e.name().equals(element.name())).findFirst();
            if (was.isEmpty()) {
                changes.add("new data element '" + element.name() + "'");
            } else if (element.grade().compareTo(was.get().grade()) > 0) {
                changes.add("data element '" + element.name() + "' graded " + element.grade().code());
            }
        }
        for (Recipient recipient : after.recipients()) {
            Optional<Recipient> was = before.recipients().stream()
                    .filter(r -> r.isNamed(recipient.name()) && r.country().equals(recipient.country())).findFirst();
            if (was.isEmpty()) {
                changes.add("new recipient '" + recipient.name() + "' (" + recipient.country() + ")");
            } else if (!Objects.equals(normalized(was.get().processingMethod()), normalized(recipient.processingMethod()))) {
                changes.add("recipient '" + recipient.name() + "' (" + recipient.country() + ") processes by '"
                        + recipient.processingMethod() + "'");
            }
        }
        if (after.sensitive() && !before.sensitive()) {
            changes.add("made sensitive");
        }
        if (after.crossBorder() && !before.crossBorder()) {
            changes.add("made cross-border");
        }
        if (after.category() != before.category()) {
            changes.add("category " + after.category().code());
        }
        return changes;
    }

    private static String normalized(String text) {
        return text == null ? null : text.strip().toLowerCase(Locale.ROOT);
    }
}
