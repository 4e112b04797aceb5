/** Erasure of a person (PIPL Art. 47) by crypto-shredding: ADR 0010. */
package org.opencpm.application.erasure;
