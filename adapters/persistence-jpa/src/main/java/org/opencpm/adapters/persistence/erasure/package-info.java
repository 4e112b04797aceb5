/** Persons' data keys and erasures: crypto-shredding's storage (ADR 0010). */
package org.opencpm.adapters.persistence.erasure;
