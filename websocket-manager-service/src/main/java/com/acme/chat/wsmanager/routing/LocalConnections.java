package com.acme.chat.wsmanager.routing;

import com.acme.chat.common.routing.HandlerMessage;

/**
 * The connections held by this handler instance, as the routing layer needs them: to push
 * a frame and to evict a replaced connection. Implemented by the session layer, so
 * routing does not depend on it.
 */
public interface LocalConnections {

    /**
     * Pushes the frame to the device's connection on this instance, if there is one (and
     * it is the named one when {@link HandlerMessage.Deliver#connectionId()} is set);
     * otherwise drops it.
     * @param deliver what to push, and to whom
     * @return whether the frame was queued for the socket
     */
    boolean deliver(HandlerMessage.Deliver deliver);

    /**
     * Pushes one frame to several devices' connections on this instance: for each target
     * exactly what {@link #deliver} does with that user, device and connection, the frame
     * serialised once for all of them.
     * @param deliver what to push, and to whom
     * @return how many targets had the frame queued for their socket (the others were not
     * connected here)
     */
    int deliverMany(HandlerMessage.DeliverMany deliver);

    /**
     * Closes the named connection with 4001 if it is still open here; a newer connection
     * of the device is left alone.
     * @param evict which connection
     * @return whether a connection was closed
     */
    boolean evict(HandlerMessage.Evict evict);

}
