package org.opencpm.adapters.fakeb;

/** The adapter {@link org.opencpm.adapters.fakea.AdapterA} wrongly reaches into. Test code only. */
public class AdapterB {
}
