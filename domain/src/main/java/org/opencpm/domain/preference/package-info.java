/**
 * Preferences (偏好): what a person is willing to receive beyond bare consent — topics, the
 * channels messages may use, how often ({@link org.opencpm.domain.preference.FrequencyCap}, e.g.
 * at most two SMS a month), never during their quiet hours — and the {@link
 * org.opencpm.domain.preference.FrequencyBudget} a send permit draws on.
 *
 * <p>Depends on: {@code org.opencpm.domain}.
 */
package org.opencpm.domain.preference;
