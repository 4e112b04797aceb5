package org.opencpm.domain.purpose;

import java.util.Locale;
import java.util.regex.Pattern;
import org.opencpm.domain.Checks;
import org.opencpm.domain.InvalidValueException;

/**
 * Someone personal information is provided to, as a notice must name them (PIPL Art. 23, 39):
 * name, contact, country (ISO 3166-1 alpha-2) and processing method.
 */
public record Recipient(String name, String contact, String country, String processingMethod) {

    /** Mainland China. Hong Kong, Macao and Taiwan count as outside it for data export rules. */
    public static final String MAINLAND = "CN";

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    public Recipient {
        Checks.maxLength(Checks.singleLine(Checks.requiredText(name, "recipients[].name"), "recipients[].name").strip(), 200,
                "recipients[].name");
        name = name.strip();
        Checks.singleLine(Checks.requiredText(contact, "recipients[].contact"), "recipients[].contact");
        Checks.maxLength(contact, 500, "recipients[].contact");
        country = Checks.singleLine(Checks.requiredText(country, "recipients[].country"), "recipients[].country").strip().toUpperCase(Locale.ROOT);
        if (!COUNTRY.matcher(country).matches()) {
            throw new InvalidValueException("recipients[].country", "'" + country + "' is not an ISO 3166-1 alpha-2 country code");
        }
        Checks.text(Checks.maxLength(processingMethod, 500, "recipients[].processingMethod"), "recipients[].processingMethod");
    }

    /** Outside mainland China: providing data to this recipient is a cross-border transfer. */
    public boolean isOverseas() {
        return !MAINLAND.equals(country);
    }

    /** Whether {@code requested} names this recipient (case and surrounding blanks ignored). */
    public boolean isNamed(String requested) {
        return requested != null && name.equalsIgnoreCase(requested.strip());
    }
}
