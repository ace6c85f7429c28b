package io.warren.swap;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Ships the parcels, and remembers them. */
@ApplicationScoped
public class Shipping {

    private static final Logger LOG = Logger.getLogger("swap.shipping");

    private final List<Parcel> shipped = new CopyOnWriteArrayList<>();

    @Incoming("to-ship")
    public void ship(Parcel parcel) {
        shipped.add(parcel);
        LOG.infof("SHIP %s in %d box(es)", parcel.orderId(), parcel.boxes());
    }

    /** What was shipped so far. */
    public List<Parcel> shipped() {
        return List.copyOf(shipped);
    }
}
