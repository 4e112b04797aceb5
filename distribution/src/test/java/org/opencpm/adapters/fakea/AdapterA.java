package org.opencpm.adapters.fakea;

import org.opencpm.adapters.fakeb.AdapterB;

/** A deliberately wrong adapter that calls another adapter, to prove the rule can fail. Test code only. */
public class AdapterA {

    public String reachAcross() {
        return new AdapterB().toString();
    }
}
