package com.acme.chat.asset.cyclefixtureb;

import com.acme.chat.asset.cyclefixturea.CycleA;

/** The other half of the cycle. */
public class CycleB {

    public CycleA next() {
        return new CycleA();
    }

}
