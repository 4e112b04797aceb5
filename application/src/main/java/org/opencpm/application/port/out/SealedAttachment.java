package org.opencpm.application.port.out;

import java.util.Arrays;
import java.util.Objects;
import org.opencpm.domain.Checks;

/**
 * An evidence file as it is stored: what is known of it, and its bytes sealed under the person's
 * own key ({@link PersonalCipher}), which only that person's erasure destroys.
 */
public record SealedAttachment(KeptAttachment kept, byte[] sealed) {

    public SealedAttachment {
        Checks.required(kept, "kept");
        if (sealed == null || sealed.length == 0) {
            throw new IllegalArgumentException("a sealed attachment is never empty");
        }
        sealed = sealed.clone();
    }

    @Override
    public byte[] sealed() {
        return sealed.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SealedAttachment other && kept.equals(other.kept) && Arrays.equals(sealed, other.sealed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kept, Arrays.hashCode(sealed));
    }

    @Override
    public String toString() {
        return "SealedAttachment[" + kept + ", " + sealed.length + " bytes sealed]";
    }
}
