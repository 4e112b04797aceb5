package org.opencpm.plugins.wechat;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.opencpm.connectors.api.ChangeBatch;
import org.opencpm.connectors.api.ConsentChange;
import org.opencpm.connectors.api.IdentifierType;
import org.opencpm.connectors.api.RetryableDeliveryException;
import org.opencpm.connectors.api.SubjectIdentifier;

/**
 * Carries a batch of consent changes to WeChat's tags: a {@code granted} consent puts the
 * subject's openid in its purpose's tag ({@code batchtagging}), any other state ({@code withdrawn},
 * {@code denied}, {@code expired}, {@code pending}) takes it out ({@code batchuntagging}). The
 * batch's changes are grouped by (tag, in or out) into calls of at most {@value #MAX_OPENIDS}
 * openids, WeChat's limit.
 *
 * <p>Both calls are idempotent on WeChat's side, so a batch that fails half-way is simply sent
 * again whole. A tag someone deleted on WeChat (45159) is forgotten and created again at the next
 * attempt. Changes that WeChat has nothing to do with are settled without a call: preference
 * changes (WeChat keeps no preferences; its tags follow consents), and subjects without an openid
 * of this app.
 */
final class TagSync {

    static final int MAX_OPENIDS = 50;

    private static final Logger LOG = Logger.getLogger(TagSync.class.getName());

    private final String appId;
    private final TagIds tags;
    private final AccessTokens tokens;
    private final WeChatApi api;

    private record Call(String purpose, boolean tagging) {
    }

    TagSync(String appId, TagIds tags, AccessTokens tokens, WeChatApi api) {
        this.appId = appId;
        this.tags = tags;
        this.tokens = tokens;
        this.api = api;
    }

    void deliver(ChangeBatch batch) {
        Map<Call, Set<String>> calls = new LinkedHashMap<>();
        int skipped = 0;
        for (ConsentChange change : batch.changes()) {
            Optional<String> openid = openidOf(change);
            if (change.kind() != ConsentChange.Kind.CONSENT || change.purpose().isEmpty() || change.state().isEmpty() || openid.isEmpty()) {
                skipped++;
                continue;
            }
            Call call = new Call(change.purpose().get(), change.state().get() == ConsentChange.State.GRANTED);
            calls.computeIfAbsent(call, c -> new LinkedHashSet<>()).add(openid.get());
        }
        if (skipped > 0) {
            int count = skipped;
            LOG.fine(() -> count + " of " + batch.size() + " changes have nothing to do on WeChat (preferences, or no openid of this app)");
        }
        calls.forEach(this::send);
    }

    private void send(Call call, Set<String> openids) {
        int tagId = tags.idOf(call.purpose());
        List<String> all = new ArrayList<>(openids);
        String api = call.tagging() ? "tags/members/batchtagging" : "tags/members/batchuntagging";
        for (int from = 0; from < all.size(); from += MAX_OPENIDS) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + MAX_OPENIDS));
            JsonObject answer = tokens.call(token -> this.api.members(token, call.tagging(), tagId, chunk));
            if (Errcodes.of(answer) == Errcodes.TAG_UNKNOWN && tags.forget(call.purpose(), tagId)) {
                throw new RetryableDeliveryException("WeChat no longer knows the tag of a purpose (errcode 45159): it is created again");
            }
            Errcodes.check(api, answer);
        }
    }

    /**
     * The subject's openid in this app: the {@code wechat_openid} whose scope is {@code appId}, or
     * else one without a scope (an identifier recorded before openids carried their app id).
     * Openids of other apps (a mini-program's, another account's) mean nothing here.
     */
    Optional<String> openidOf(ConsentChange change) {
        List<SubjectIdentifier> openids = change.identifiers().stream()
                .filter(id -> id.type().equals(IdentifierType.WECHAT_OPENID.code())).toList();
        return openids.stream().filter(id -> id.scope().filter(appId::equals).isPresent()).findFirst()
                .or(() -> openids.stream().filter(id -> id.scope().isEmpty()).findFirst())
                .map(SubjectIdentifier::value);
    }
}
