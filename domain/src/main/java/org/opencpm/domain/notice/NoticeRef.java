package org.opencpm.domain.notice;

import java.util.regex.Pattern;
import org.opencpm.domain.InvalidValueException;

/** A notice version by name: {@code privacy-policy} version {@code 2026-01}. */
public record NoticeRef(String code, String version) {

    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}");

    public NoticeRef {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new InvalidValueException("notice.code", "'" + code + "' is not a notice code (a-z, 0-9, '.', '_', '-')");
        }
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new InvalidValueException("notice.version", "'" + version + "' is not a notice version (letters, digits, '.', '_', '+', '-')");
        }
    }

    public static NoticeRef of(String code, String version) {
        return new NoticeRef(code, version);
    }

    @Override
    public String toString() {
        return code + "@" + version;
    }
}
