package org.opencpm.domain.purpose;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.opencpm.domain.Checks;
import org.opencpm.domain.InvalidValueException;

/** A short text in several languages, keyed by language tag ({@code zh}, {@code en}, {@code zh-CN}). */
public record LocalizedText(Map<String, String> texts) {

    public LocalizedText {
        Checks.required(texts, "name");
        if (texts.isEmpty()) {
            throw new InvalidValueException("name", "needs at least one language");
        }
        texts.forEach((language, text) -> {
            Checks.singleLine(Checks.requiredText(language, "name.<language>"), "name.<language>");
            Checks.singleLine(Checks.requiredText(text, "name." + language), "name." + language);
            Checks.maxLength(text, 500, "name." + language);
        });
        texts = Map.copyOf(new TreeMap<>(texts));
    }

    public static LocalizedText of(String language, String text) {
        return new LocalizedText(Map.of(language, text));
    }

    /** The text for {@code language}, then its primary language ({@code zh} for {@code zh-CN}). */
    public Optional<String> in(String language) {
        String exact = texts.get(language);
        if (exact != null) {
            return Optional.of(exact);
        }
        int dash = language.indexOf('-');
        return dash > 0 ? Optional.ofNullable(texts.get(language.substring(0, dash))) : Optional.empty();
    }
}
