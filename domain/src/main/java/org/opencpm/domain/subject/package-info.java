/**
 * The people whose data it is (个人信息主体): their identifiers on every channel, normalised so
 * that one person is one subject however a number is written; whether they are a minor under
 * 14, and the {@link org.opencpm.domain.subject.GuardianPolicy} that asks a guardian to consent
 * for them (PIPL Art. 31).
 *
 * <p>Depends on: {@code org.opencpm.domain}.
 */
package org.opencpm.domain.subject;
