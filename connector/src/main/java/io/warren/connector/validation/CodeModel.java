package io.warren.connector.validation;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.warren.connector.config.ChannelDirection;
import io.warren.connector.config.ChannelRef;

/**
 * What the application code does with its channels, found at build time.
 *
 * @param channels the facts of every channel the code uses
 */
public record CodeModel(Map<ChannelRef, CodeFacts> channels) {

    public CodeModel {
        channels = Collections.unmodifiableMap(new TreeMap<>(channels));
    }

    /** The facts of a channel; {@link CodeFacts#UNUSED} when no code uses it. */
    public CodeFacts facts(ChannelRef channel) {
        return channels.getOrDefault(channel, CodeFacts.UNUSED);
    }

    /** The channels the code uses in a direction, sorted. */
    public List<String> names(ChannelDirection direction) {
        return channels.keySet().stream().filter(r -> r.direction() == direction).map(ChannelRef::channel).toList();
    }
}
