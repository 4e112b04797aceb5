package org.opencpm.adapters.decisionindex;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.opencpm.domain.preference.Preferences;
import org.opencpm.domain.purpose.PurposeCode;

/**
 * The values many packed subjects share, each kept once and named by number: purpose codes, {@link
 * ConsentShape consent shapes} and {@link Preferences}. Numbers are handed out under the
 * index's write lock and never change or go away; the arrays that turn a number back into its value
 * only grow, and are replaced whole (volatile), so a reader that got a number from a record it read
 * after the write always finds its value.
 */
final class Dictionary {

    /**
     * At most this many distinct preferences are numbered (they are never forgotten); a subject with
     * others is kept unpacked.
     */
    private static final int SHARED_PREFERENCES = 65_536;

    private final Map<PurposeCode, Integer> purposeNumbers = new ConcurrentHashMap<>();
    private volatile PurposeCode[] purposes = new PurposeCode[16];
    private final Map<ConsentShape, Integer> shapeNumbers = new HashMap<>();
    private volatile ConsentShape[] shapes = new ConsentShape[256];
    private final Map<Preferences, Integer> preferenceNumbers = new HashMap<>();
    private volatile Preferences[] preferences = new Preferences[64];

    /** The number of {@code code}, or -1 when no consent to it was ever packed. Any thread. */
    int purposeNumber(PurposeCode code) {
        Integer number = purposeNumbers.get(code);
        return number == null ? -1 : number;
    }

    PurposeCode purpose(int number) {
        return purposes[number];
    }

    ConsentShape shape(int number) {
        return shapes[number];
    }

    /** Under the write lock. */
    int numberPurpose(PurposeCode code) {
        Integer number = purposeNumbers.get(code);
        if (number != null) {
            return number;
        }
        int next = purposeNumbers.size();
        PurposeCode[] grown = next < purposes.length ? purposes : Arrays.copyOf(purposes, purposes.length * 2);
        grown[next] = code;
        purposes = grown;
        purposeNumbers.put(code, next);
        return next;
    }

    /** Under the write lock. */
    int numberShape(ConsentShape shape) {
        Integer number = shapeNumbers.get(shape);
        if (number != null) {
            return number;
        }
        int next = shapeNumbers.size();
        ConsentShape[] grown = next < shapes.length ? shapes : Arrays.copyOf(shapes, shapes.length * 2);
        grown[next] = shape;
        shapes = grown;
        shapeNumbers.put(shape, next);
        return next;
    }

    /**
     * The number of the preferences equal to {@code given}, 0 for none set; -1 when {@value
     * #SHARED_PREFERENCES} distinct ones are numbered already. Under the write lock.
     */
    int numberPreferences(Preferences given) {
        if (given.equals(Preferences.none())) {
            return 0;
        }
        Integer number = preferenceNumbers.get(given);
        if (number != null) {
            return number;
        }
        int next = preferenceNumbers.size() + 1;
        if (next > SHARED_PREFERENCES) {
            return -1;
        }
        Preferences[] grown = next < preferences.length ? preferences : Arrays.copyOf(preferences, preferences.length * 2);
        grown[next] = given;
        preferences = grown;
        preferenceNumbers.put(given, next);
        return next;
    }

    Preferences preferences(int number) {
        return number == 0 ? Preferences.none() : preferences[number];
    }
}
