package io.warren.connector.arguments;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.config.Config;

/**
 * The arguments Warren hands the broker for a channel's queue, exchange, bindings and consumer: the generic map
 * first, then the named attributes (the validator refuses an argument set both ways with different values).
 */
public final class BrokerArguments {

    private BrokerArguments() {
    }

    /** Adds the queue arguments of {@code queue.arguments} and the named queue attributes. */
    public static void addQueueArguments(Map<String, Object> args, Config config) {
        collect(args, config, NamedArgument.QUEUE_MAP, NamedArgument.QUEUE);
    }

    /** The exchange arguments, or null when there are none. */
    public static Map<String, Object> exchange(Config config) {
        return orNull(collect(new HashMap<>(), config, NamedArgument.EXCHANGE_MAP, NamedArgument.EXCHANGE));
    }

    /** The binding arguments ({@code x-match} and the headers to match), or null when there are none. */
    public static Map<String, Object> binding(Config config) {
        return orNull(collect(new HashMap<>(), config, NamedArgument.BINDING_MAP, List.of()));
    }

    /**
     * How the channel's consumer subscribes.
     *
     * @param tag the consumer tag; empty for one the broker makes up
     * @param exclusive whether the consumer must be the queue's only one
     * @param arguments the consumer arguments
     */
    public record Consumer(String tag, boolean exclusive, Map<String, Object> arguments) {
    }

    /** The consumer's tag, exclusivity and arguments, with {@code base} (such as {@code x-stream-offset}) added. */
    public static Consumer consumer(Config config, Map<String, Object> base) {
        Map<String, Object> args = collect(new HashMap<>(), config, NamedArgument.CONSUMER_MAP,
                NamedArgument.CONSUMER);
        args.putAll(base);
        Optional<String> prefix = config.getOptionalValue("consumer-tag-prefix", String.class);
        String tag = config.getOptionalValue("consumer-tag", String.class)
                .orElseGet(() -> prefix.map(p -> p + "-" + UUID.randomUUID()).orElse(""));
        boolean exclusive = config.getOptionalValue("consumer-exclusive", Boolean.class).orElse(false);
        return new Consumer(tag, exclusive, Map.copyOf(args));
    }

    private static Map<String, Object> collect(Map<String, Object> args, Config config, String map,
            List<NamedArgument> named) {
        config.getOptionalValue(map, String.class).ifPresent(text -> args.putAll(ArgumentList.parse(text)));
        for (NamedArgument n : named) {
            n.read(config).ifPresent(v -> args.put(n.argument(), v));
        }
        return args;
    }

    private static Map<String, Object> orNull(Map<String, Object> args) {
        return args.isEmpty() ? null : args;
    }
}
