package org.opencpm.domain.purpose;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.opencpm.domain.Checks;
import org.opencpm.domain.InvalidValueException;

/**
 * One kind of personal information a purpose uses, with its classification and grade.
 * {@link #standard(String)} knows the usual elements, so {@code "phone"} is enough to name one.
 */
public record DataElement(String name, DataCategory category, SensitivityGrade grade) {

    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private static final Map<String, DataElement> STANDARD = Map.ofEntries(
            known("name", DataCategory.IDENTITY, SensitivityGrade.GENERAL),
            known("gender", DataCategory.PROFILE, SensitivityGrade.GENERAL),
            known("birth_date", DataCategory.PROFILE, SensitivityGrade.GENERAL),
            known("phone", DataCategory.CONTACT, SensitivityGrade.GENERAL),
            known("email", DataCategory.CONTACT, SensitivityGrade.GENERAL),
            known("address", DataCategory.CONTACT, SensitivityGrade.GENERAL),
            known("wechat_openid", DataCategory.ACCOUNT, SensitivityGrade.GENERAL),
            known("member_id", DataCategory.ACCOUNT, SensitivityGrade.GENERAL),
            known("device_id", DataCategory.DEVICE, SensitivityGrade.GENERAL),
            known("purchase_history", DataCategory.BEHAVIOUR, SensitivityGrade.GENERAL),
            known("browsing_history", DataCategory.BEHAVIOUR, SensitivityGrade.GENERAL),
            known("id_card", DataCategory.IDENTITY, SensitivityGrade.SENSITIVE),
            known("passport", DataCategory.IDENTITY, SensitivityGrade.SENSITIVE),
            known("precise_location", DataCategory.LOCATION, SensitivityGrade.SENSITIVE),
            known("bank_account", DataCategory.FINANCIAL, SensitivityGrade.SENSITIVE),
            known("credit_record", DataCategory.FINANCIAL, SensitivityGrade.SENSITIVE),
            known("health", DataCategory.HEALTH, SensitivityGrade.SENSITIVE),
            known("medical_record", DataCategory.HEALTH, SensitivityGrade.SENSITIVE),
            known("face", DataCategory.BIOMETRIC, SensitivityGrade.SENSITIVE),
            known("fingerprint", DataCategory.BIOMETRIC, SensitivityGrade.SENSITIVE),
            known("iris", DataCategory.BIOMETRIC, SensitivityGrade.SENSITIVE),
            known("voiceprint", DataCategory.BIOMETRIC, SensitivityGrade.SENSITIVE),
            known("genetic", DataCategory.BIOMETRIC, SensitivityGrade.SENSITIVE),
            known("payment_account", DataCategory.FINANCIAL, SensitivityGrade.SENSITIVE),
            known("location_track", DataCategory.LOCATION, SensitivityGrade.SENSITIVE),
            known("religion", DataCategory.PROFILE, SensitivityGrade.SENSITIVE),
            known("minor_information", DataCategory.MINOR, SensitivityGrade.SENSITIVE));

    public DataElement {
        if (name == null || !SHAPE.matcher(name).matches()) {
            throw new InvalidValueException("dataElements", "'" + name + "' is not a data element name (a-z, 0-9, '.', '_', '-')");
        }
        Checks.required(category, "dataElements[].category");
        Checks.required(grade, "dataElements[].grade");
    }

    /** The standard classification of a well-known element, if {@code name} is one. */
    public static Optional<DataElement> standard(String name) {
        return Optional.ofNullable(name).map(n -> STANDARD.get(n.toLowerCase(Locale.ROOT)));
    }

    /** A well-known element by name, or an ordinary ({@code OTHER}, {@code GENERAL}) one. */
    public static DataElement named(String name) {
        return standard(name).orElseGet(() -> new DataElement(name, DataCategory.OTHER, SensitivityGrade.GENERAL));
    }

    /**
     * The lowest grade this element may be declared with: its standard grade when {@code name} is a
     * standard element, and {@code SENSITIVE} when its category is sensitive by nature (biometric,
     * health, financial, a minor's data: PIPL Art. 28; GB/T 35273 Annex B). Location is not
     * sensitive by nature (a city is not a track): only the standard location elements are.
     */
    public SensitivityGrade lowestGrade() {
        SensitivityGrade standardGrade = standard(name).map(DataElement::grade).orElse(SensitivityGrade.GENERAL);
        SensitivityGrade categoryGrade = category.sensitiveByNature() ? SensitivityGrade.SENSITIVE : SensitivityGrade.GENERAL;
        return standardGrade.compareTo(categoryGrade) >= 0 ? standardGrade : categoryGrade;
    }

    /** Whether this element is declared below {@link #lowestGrade()}. */
    public boolean gradedTooLow() {
        return grade.compareTo(lowestGrade()) < 0;
    }

    private static Map.Entry<String, DataElement> known(String name, DataCategory category, SensitivityGrade grade) {
        return Map.entry(name, new DataElement(name, category, grade));
    }
}
