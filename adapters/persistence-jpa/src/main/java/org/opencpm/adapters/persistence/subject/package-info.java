/**
 * Subjects with their version-checked updates, identifier links by keyed hash, and the paged
 * walk over every subject's state that fills the decision index.
 *
 * <p>Depends on: {@code org.opencpm.adapters.persistence}, its {@code consent} and
 * {@code preference} stores, the application's ports, the domain.
 */
package org.opencpm.adapters.persistence.subject;
