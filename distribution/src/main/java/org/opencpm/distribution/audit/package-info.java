/**
 * The offline audit verifier ({@code bin/opencpm audit verify}): checks an exported audit trail
 * against the checkpoint public keys with no server and no database (PIPL Art. 54–56).
 */
package org.opencpm.distribution.audit;
