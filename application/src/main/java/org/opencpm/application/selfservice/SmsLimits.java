package org.opencpm.application.selfservice;

import java.time.Duration;

/**
 * How many sign-in codes may be asked for in one {@code window}: per phone (so nobody's phone is
 * flooded), per client address (so one machine cannot ask for codes for millions of phones — SMS
 * pumping, where every message sent costs the operator), and in all (a ceiling on what a botnet of
 * many addresses can cost, and on the memory the counts take: every count lives at most one window,
 * and there are never more than {@code overall} of them).
 *
 * @param perPhone   codes one phone may be sent
 * @param perAddress codes one client address may ask for, whatever the phones
 * @param overall    codes this node hands out in all
 * @param window     the sliding window all three are counted over
 */
public record SmsLimits(int perPhone, int perAddress, int overall, Duration window) {

    /** 3 a phone, 10 an address, 1,000 in all, per 15 minutes. */
    public static final SmsLimits DEFAULT = new SmsLimits(3, 10, 1_000, Duration.ofMinutes(15));

    public SmsLimits {
        if (perPhone < 1 || perAddress < 1 || overall < 1) {
            throw new IllegalArgumentException("SMS limits must be at least 1");
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the SMS window must be positive");
        }
    }
}
