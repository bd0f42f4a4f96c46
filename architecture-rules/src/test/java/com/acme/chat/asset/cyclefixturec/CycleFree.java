package com.acme.chat.asset.cyclefixturec;

import com.acme.chat.relay.queuefixture.QueueFacade;

/** Depends on another feature package in one direction only. */
public class CycleFree {

    public int pageSize() {
        return new QueueFacade().pageSize();
    }

}
