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

    /** The channel name. */
    public String getChannel() {
        return channel;
    }

    /** {@code INCOMING} or {@code OUTGOING}. */
    public String getDirection() {
        return direction;
    }

    /** The method or injection point using the channel. */
    public String getUsedBy() {
        return usedBy;
    }

    /** The payload type, or null when it is not known. */
    public String getPayloadType() {
        return payloadType;
    }

    /** Whether the consuming method takes a list, or null when it is not known. */
    public Boolean getTakesList() {
        return takesList;
    }
}
