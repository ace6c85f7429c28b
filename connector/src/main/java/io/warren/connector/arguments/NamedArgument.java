package io.warren.connector.arguments;

import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;

/**
 * An attribute that sets one broker argument, such as {@code queue.x-max-length} for {@code x-max-length}. The
 * same tables build the arguments and let the validator find an argument set twice, once by its attribute and once
 * in a generic map.
 *
 * @param attribute the attribute
 * @param argument the broker argument
 * @param kind the type RabbitMQ wants
 */
public record NamedArgument(String attribute, String argument, Kind kind) {

    /** The AMQP type of an argument's value. */
    public enum Kind {
        /** A whole number. */
        NUMBER,
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** A string. */
        TEXT
    }

    /** Queue arguments with an attribute of their own; {@code x-dead-letter-*} come from {@code auto-bind-dlq}. */
    public static final List<NamedArgument> QUEUE = List.of(
            new NamedArgument("queue.x-queue-type", "x-queue-type", Kind.TEXT),
            new NamedArgument("queue.ttl", "x-message-ttl", Kind.NUMBER),
            new NamedArgument("queue.x-max-priority", "x-max-priority", Kind.NUMBER),
            new NamedArgument("queue.single-active-consumer", "x-single-active-consumer", Kind.BOOLEAN),
            new NamedArgument("queue.x-max-length", "x-max-length", Kind.NUMBER),
            new NamedArgument("queue.x-max-length-bytes", "x-max-length-bytes", Kind.NUMBER),
            new NamedArgument("queue.x-overflow", "x-overflow", Kind.TEXT),
            new NamedArgument("queue.x-max-age", "x-max-age", Kind.TEXT),
            new NamedArgument("queue.x-stream-max-segment-size-bytes", "x-stream-max-segment-size-bytes", Kind.NUMBER),
            new NamedArgument("queue.x-queue-leader-locator", "x-queue-leader-locator", Kind.TEXT));

    /** Exchange arguments with an attribute of their own. */
    public static final List<NamedArgument> EXCHANGE = List.of(
            new NamedArgument("exchange.alternate-exchange", "alternate-exchange", Kind.TEXT));

    /** Consumer arguments with an attribute of their own; {@code x-stream-offset} comes from {@code stream.offset}. */
    public static final List<NamedArgument> CONSUMER = List.of(
            new NamedArgument("consumer-priority", "x-priority", Kind.NUMBER));

    /** The generic map of each table's arguments. */
    public static final String QUEUE_MAP = "queue.arguments";
    /** The generic map of exchange arguments. */
    public static final String EXCHANGE_MAP = "exchange.arguments";
    /** The binding arguments (headers exchange matching), SmallRye's {@code arguments}. */
    public static final String BINDING_MAP = "arguments";
    /** The generic map of consumer arguments. */
    public static final String CONSUMER_MAP = "consumer-arguments";

    /** The named argument for a broker argument, if the table has one. */
    public static Optional<NamedArgument> byArgument(List<NamedArgument> table, String argument) {
        return table.stream().filter(n -> n.argument().equals(argument)).findFirst();
    }

    /** The value as the broker wants it: a {@code long}, a {@code boolean} or a string. */
    public Object convert(String value) {
        String v = value.trim();
        return switch (kind) {
            case NUMBER -> Long.parseLong(v);
            case BOOLEAN -> Boolean.parseBoolean(v);
            case TEXT -> v;
        };
    }

    /** The value set in the channel's configuration, converted; empty when not set. */
    public Optional<Object> read(Config config) {
        return config.getOptionalValue(attribute, String.class).map(this::convert);
    }
}
