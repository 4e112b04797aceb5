/** Defining the purposes of processing. */
package org.opencpm.application.purpose;
