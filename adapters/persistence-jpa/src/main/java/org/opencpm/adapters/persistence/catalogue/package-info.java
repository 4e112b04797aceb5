/**
 * Purposes (a JSON definition per code) and published notice versions (append-only, unique by
 * code and version and by code and revision).
 *
 * <p>Depends on: {@code org.opencpm.adapters.persistence}, the application's ports, the domain.
 */
package org.opencpm.adapters.persistence.catalogue;
