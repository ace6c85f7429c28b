package io.warren.quarkus.runtime;

import io.quarkus.runtime.annotations.RecordableConstructor;

/**
 * What the build found out about one channel's code, carried to the start-up check.
 */
public final class RecordedChannel {

    private final String channel;
    private final String direction;
    private final String usedBy;
    private final String payloadType;
    private final Boolean takesList;

    /**
     * @param channel the channel name
     * @param direction {@code INCOMING} or {@code OUTGOING}
     * @param usedBy the method or injection point using it
     * @param payloadType the payload type, or null when it is not known
     * @param takesList whether the consuming method takes a list, or null when it is not known
     */
    @RecordableConstructor
    public RecordedChannel(String channel, String direction, String usedBy, String payloadType, Boolean takesList) {
        this.channel = channel;
        this.direction = direction;
        this.usedBy = usedBy;
        this.payloadType = payloadType;
        this.takesList = takesList;
    }

    public String getChannel() {
        return channel;
    }

    public String getDirection() {
        return direction;
    }

    public String getUsedBy() {
        return usedBy;
    }

    public String getPayloadType() {
        return payloadType;
    }

    public Boolean getTakesList() {
        return takesList;
    }
}
