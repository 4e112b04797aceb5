package org.opencpm.domain;

import java.time.ZoneId;

/** The time zone the law counts in when a rule speaks of days, months or ages. */
public final class ChinaTime {

    /** Beijing time, UTC+8, no daylight saving. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private ChinaTime() {
    }
}
