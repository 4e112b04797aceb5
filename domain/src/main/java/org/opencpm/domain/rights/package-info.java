/**
 * People's rights requests (PIPL Art. 44–50): what a person asked for, how they were verified,
 * and where the answer stands against its deadline (Art. 50; GB/T 35273 §8.7).
 */
package org.opencpm.domain.rights;
