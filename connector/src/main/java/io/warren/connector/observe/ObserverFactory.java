package io.warren.connector.observe;

import java.util.ArrayList;
import java.util.List;

/**
 * Creates the observer of each channel when the channel is created. In Quarkus, every CDI bean of this type is
 * used; outside CDI, pass one to {@code WarrenConnector#observeWith}.
 */
@FunctionalInterface
public interface ObserverFactory {

    /** Observes nothing. */
    ObserverFactory NONE = channel -> ChannelObserver.NONE;

    /**
     * @param channel the channel to observe
     * @return its observer, or {@link ChannelObserver#NONE} to leave it alone
     */
    ChannelObserver observe(ObservedChannel channel);

    /** One factory for several: each channel gets the observers that are not {@link ChannelObserver#NONE}. */
    static ObserverFactory all(List<ObserverFactory> factories) {
        List<ObserverFactory> copy = List.copyOf(factories);
        if (copy.isEmpty()) {
            return NONE;
        }
        if (copy.size() == 1) {
            return copy.get(0);
        }
        return channel -> {
            List<ChannelObserver> observers = new ArrayList<>();
            for (ObserverFactory f : copy) {
                ChannelObserver o = f.observe(channel);
                if (o != null && o != ChannelObserver.NONE) {
                    observers.add(o);
                }
            }
            return CompositeObserver.of(observers);
        };
    }
}
