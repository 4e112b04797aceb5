package org.opencpm.domain.preference;

import org.opencpm.domain.Checks;

/** Whether a channel may be used at all, and how often. */
public record ChannelPreference(boolean enabled, FrequencyCap cap) {

    public static final ChannelPreference OPEN = new ChannelPreference(true, FrequencyCap.NONE);

    public ChannelPreference {
        Checks.required(cap, "cap");
    }

    public static ChannelPreference enabled(FrequencyCap cap) {
        return new ChannelPreference(true, cap);
    }

    public static ChannelPreference disabled() {
        return new ChannelPreference(false, FrequencyCap.NONE);
    }
}
