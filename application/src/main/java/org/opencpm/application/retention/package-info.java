/** Retention (PIPL Art. 19, 47): finding the persons whose data outlived its purposes, reporting them, erasing them when told to. */
package org.opencpm.application.retention;
