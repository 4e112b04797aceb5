package org.opencpm.adapters.rest.sdk;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.opencpm.adapters.rest.json.ApiRequests;
import org.opencpm.adapters.rest.json.Fields;
import org.opencpm.adapters.rest.json.JsonInputException;
import org.opencpm.application.port.in.Actor;
import org.opencpm.application.port.in.RecordConsentCommand;
import org.opencpm.application.port.in.SubjectReference;
import org.opencpm.domain.consent.CollectionChannel;
import org.opencpm.domain.consent.ConsentAction;
import org.opencpm.domain.consent.ConsentMethod;
import org.opencpm.domain.consent.Evidence;
import org.opencpm.domain.notice.NoticeRef;
import org.opencpm.domain.purpose.PurposeCode;

/**
 * The body of {@code POST /api/v1/sdk/consents}: a narrower consent event than {@code
 * /api/v1/consents}, because whoever holds a collector key is whoever opened the brand's page.
 * What the page may say: one identifier of the person (never several: an event would link them, see
 * {@link #read}), the purposes, grant / deny / withdraw, the
 * notice version with the content hash the dialog showed, a web, app or mini-program channel, a
 * checkbox, button or toggle, the user agent and the words shown, and an idempotency key. What it
 * may not (a 400 naming the field, as any unknown field): the address (the server takes the
 * connection's), an operator, the time (now), a guardian, a birth date, files. So a page can
 * neither back-date an event to hide it behind a later one nor vouch for evidence it cannot know.
 */
record SdkConsentEvent(SubjectReference subject, List<PurposeCode> purposes, ConsentAction action, NoticeRef notice,
                       String contentHash, CollectionChannel channel, ConsentMethod method, Optional<String> userAgent,
                       Optional<String> text, Optional<String> idempotencyKey) {

    private static final List<ConsentAction> ACTIONS = List.of(ConsentAction.GRANT, ConsentAction.DENY, ConsentAction.WITHDRAW);
    private static final List<CollectionChannel> CHANNELS = List.of(CollectionChannel.WEB, CollectionChannel.APP,
            CollectionChannel.MINIPROGRAM);
    private static final List<ConsentMethod> METHODS = List.of(ConsentMethod.CHECKBOX, ConsentMethod.BUTTON, ConsentMethod.TOGGLE);
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    /** The most words of the dialog kept as evidence; the notice itself is named by its hash. */
    static final int MAX_TEXT = 2000;

    static SdkConsentEvent read(Fields e) {
        e.allowOnly("subject", "purpose", "purposes", "action", "notice", "channel", "method", "evidence", "idempotencyKey");
        Fields s = e.requiredObject("subject").allowOnly("identifiers");
        SubjectReference subject = ApiRequests.subject(s);
        if (subject.identifiers().size() != 1) {
            // Two identifiers in one event link them to one person: with a key anyone can read off the
            // brand's page, a stranger could add their own phone to someone else's record and then sign
            // in to that person's preference centre by SMS code; and "these two belong to different
            // people" would answer a question about strangers. A page names the person by one.
            throw new JsonInputException(s.path("identifiers"), "give exactly one identifier: an event recorded with a collector "
                    + "key never links identifiers to one person");
        }
        List<PurposeCode> purposes = new ArrayList<>();
        if (e.has("purpose") == e.has("purposes")) {
            throw new JsonInputException(e.path("purpose"), "give either purpose or purposes (a non-empty array)");
        }
        if (e.has("purpose")) {
            purposes.add(ApiRequests.purposeCode(e.requiredString("purpose"), e.path("purpose")));
        } else {
            List<String> codes = e.strings("purposes");
            if (codes.isEmpty()) {
                throw new JsonInputException(e.path("purposes"), "at least one purpose");
            }
            for (int i = 0; i < codes.size(); i++) {
                purposes.add(ApiRequests.purposeCode(codes.get(i), e.path("purposes") + "[" + i + "]"));
            }
        }
        ConsentAction action = oneOf(ConsentAction.parseClientAction(e.requiredString("action"), e.path("action")), ACTIONS,
                e.path("action"));
        Fields n = e.requiredObject("notice").allowOnly("code", "version", "contentHash");
        NoticeRef notice = ApiRequests.noticeRef(n.requiredString("code"), n.requiredString("version"), n.path());
        String contentHash = n.requiredString("contentHash");
        if (!HEX.matcher(contentHash).matches()) {
            throw new JsonInputException(n.path("contentHash"), "must be the notice's SHA-256 as 64 lowercase hex digits");
        }
        CollectionChannel channel = oneOf(CollectionChannel.parse(e.optionalString("channel").orElse("web"), e.path("channel")),
                CHANNELS, e.path("channel"));
        ConsentMethod method = oneOf(ConsentMethod.parse(e.optionalString("method").orElse("button"), e.path("method")),
                METHODS, e.path("method"));
        Optional<Fields> evidence = e.optionalObject("evidence");
        evidence.ifPresent(f -> f.allowOnly("userAgent", "text"));
        Optional<String> text = evidence.flatMap(f -> f.optionalString("text"));
        if (text.filter(t -> t.length() > MAX_TEXT).isPresent()) {
            throw new JsonInputException(evidence.get().path("text"), "at most " + MAX_TEXT + " characters");
        }
        Optional<String> key = e.optionalString("idempotencyKey");
        if (key.filter(k -> !KEY.matcher(k).matches()).isPresent()) {
            throw new JsonInputException(e.path("idempotencyKey"), "must be 8–64 characters of A–Z, a–z, 0–9, '_' and '-'");
        }
        return new SdkConsentEvent(subject, purposes, action, notice, contentHash, channel, method,
                evidence.flatMap(f -> f.optionalString("userAgent")), text, key);
    }

    private static <T> T oneOf(T value, List<T> allowed, String field) {
        if (!allowed.contains(value)) {
            throw new JsonInputException(field, "a collector key may send only " + allowed.stream()
                    .map(v -> ((org.opencpm.domain.Coded) v).code()).toList());
        }
        return value;
    }

    /**
     * The command recorded: the address is the client's as the server saw it; the evidence text
     * names the notice version and its hash, so the words shown are tied to the text published; the
     * idempotency key is kept under the key's own namespace, so one key can neither replay nor
     * spoil another client's events.
     */
    RecordConsentCommand command(String clientAddress, Actor actor) {
        String shown = "OpenCPM SDK dialog; notice " + notice.code() + " " + notice.version() + " sha256:" + contentHash
                + text.map(t -> "; " + t).orElse("");
        Evidence evidence = new Evidence(channel, method, Optional.of(clientAddress),
                userAgent, Optional.empty(), Optional.of(shown));
        return new RecordConsentCommand(subject, purposes, action, Optional.of(notice), evidence, Optional.empty(),
                Optional.empty(), idempotencyKey.map(k -> "sdk:" + actor.id() + ":" + k), actor);
    }
}
