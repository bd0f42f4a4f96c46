package com.acme.chat.asset.cyclefixturea;

import com.acme.chat.asset.cyclefixtureb.CycleB;

/** Half of a cycle between two fixture feature packages. */
public class CycleA {

    public CycleB next() {
        return new CycleB();
    }

}
