package io.warren.connector.validation;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

import io.warren.connector.config.AttributeTable;
import io.warren.connector.config.ChannelConfig;
import io.warren.connector.config.ChannelDirection;
import io.warren.connector.config.ChannelRef;
import io.warren.connector.config.Setting;
import io.warren.connector.fault.FailureHandler;

/**
 * A channel's configuration with the attribute defaults applied, as the rules read it. A value that is set but
 * not known yet (resolved only at run time) reads as unknown, and rules that need it stay silent.
 */
final class ChannelView {

    /** What MicroProfile Config reads as {@code true}; anything else is {@code false}. */
    static final List<String> TRUE_WORDS = List.of("true", "1", "yes", "y", "on", "ja", "j", "si", "sim", "oui");
    /** What reads as {@code false} and is plainly meant so. */
    static final List<String> FALSE_WORDS = List.of("false", "0", "no", "n", "off");

    final ChannelConfig config;
    final AttributeTable table;

    ChannelView(ChannelConfig config, AttributeTable table) {
        this.config = config;
        this.table = table;
    }

    ChannelRef ref() {
        return new ChannelRef(config.channel(), config.direction());
    }

    String property(String attribute) {
        return config.property(attribute);
    }

    boolean isSet(String attribute) {
        return config.settings().containsKey(attribute);
    }

    boolean unknown(String attribute) {
        Setting s = config.settings().get(attribute);
        return s != null && !s.resolved();
    }

    /** The value set, or the default; empty when neither, or when not known yet. */
    Optional<String> value(String attribute) {
        Setting s = config.settings().get(attribute);
        if (s != null) {
            return Optional.ofNullable(s.value()).map(String::trim);
        }
        return table.defaultValue(attribute);
    }

    /** The value for a message: {@code x}, or {@code x (the default)}. */
    String shown(String attribute) {
        if (isSet(attribute)) {
            return value(attribute).orElse(null);
        }
        return value(attribute).map(v -> v + " (the default)").orElse(null);
    }

    boolean flag(String attribute) {
        return value(attribute).map(v -> TRUE_WORDS.contains(v.toLowerCase(Locale.ROOT))).orElse(false);
    }

    OptionalDouble number(String attribute) {
        Optional<String> v = value(attribute);
        if (v.isEmpty()) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(Double.parseDouble(v.get()));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    boolean incoming() {
        return config.direction() == ChannelDirection.INCOMING;
    }

    /** {@code queue.x-queue-type}, or null when not set or not known. */
    String queueType() {
        return value("queue.x-queue-type").orElse(null);
    }

    String strategy() {
        return value("failure-strategy").orElse(FailureHandler.REJECT);
    }
}
