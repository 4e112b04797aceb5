/**
 * Notices: the versioned text a person was shown before consenting (PIPL Art. 14, 17). A
 * published version is immutable and fingerprinted with SHA-256, so the exact wording behind a
 * consent can be proven; a {@code material} version asks for new consent (PIPL Art. 14 ¶2).
 *
 * <p>Depends on: {@code org.opencpm.domain}, {@code org.opencpm.domain.purpose}.
 */
package org.opencpm.domain.notice;
