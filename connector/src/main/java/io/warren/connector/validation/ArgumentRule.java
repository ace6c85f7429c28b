package io.warren.connector.validation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.warren.connector.arguments.ArgumentList;
import io.warren.connector.arguments.NamedArgument.Kind;
import io.warren.connector.arguments.NamedArgument;
import io.warren.connector.incoming.QueueTypes;

/**
 * Broker arguments: the syntax of the inline maps, the types RabbitMQ wants, an argument set both by its attribute
 * and in a map, and arguments the queue's type refuses. Each refusal was checked against RabbitMQ 3.10
 * ({@code BrokerArgumentFactsTest}): the declaration fails with PRECONDITION_FAILED.
 */
final class ArgumentRule implements ChannelRule {

    /** RabbitMQ's duration for {@code x-max-age}: a number and one of Y, M, D, h, m, s ({@code 7d} is refused). */
    static final Pattern MAX_AGE = Pattern.compile("\\d+[YMDhms]");

    private record Map_(String attribute, List<NamedArgument> named, boolean incomingOnly) {
    }

    private static final List<Map_> MAPS = List.of(new Map_(NamedArgument.QUEUE_MAP, NamedArgument.QUEUE, true),
            new Map_(NamedArgument.EXCHANGE_MAP, NamedArgument.EXCHANGE, false),
            new Map_(NamedArgument.BINDING_MAP, List.of(), true),
            new Map_(NamedArgument.CONSUMER_MAP, NamedArgument.CONSUMER, true));

    /** Arguments only some queue types take: which, and what the others answer. */
    private record Restricted(String argument, List<String> types) {
    }

    private static final List<Restricted> RESTRICTED = List.of(
            new Restricted("x-max-age", List.of(QueueTypes.STREAM)),
            new Restricted("x-stream-max-segment-size-bytes", List.of(QueueTypes.STREAM)),
            new Restricted("x-queue-leader-locator", List.of(QueueTypes.QUORUM, QueueTypes.STREAM)),
            new Restricted("x-max-length", List.of(QueueTypes.CLASSIC, QueueTypes.QUORUM)),
            new Restricted("x-overflow", List.of(QueueTypes.CLASSIC, QueueTypes.QUORUM)),
            new Restricted("x-single-active-consumer", List.of(QueueTypes.CLASSIC, QueueTypes.QUORUM)));

    @Override
    public void check(ChannelView c, ValidationContext context, List<ConfigProblem> problems) {
        if (c.config.shared()) {
            return;
        }
        Map<String, Object> queueArgs = new LinkedHashMap<>();
        for (Map_ m : MAPS) {
            if ((m.incomingOnly() && !c.incoming()) || !c.isSet(m.attribute()) || c.unknown(m.attribute())) {
                continue;
            }
            Map<String, Object> parsed = new LinkedHashMap<>();
            String text = c.value(m.attribute()).orElse("");
            for (String p : ArgumentList.problems(text, parsed)) {
                problems.add(ConfigProblem.error(c.property(m.attribute()), text, p,
                        "write key:value pairs separated by commas, such as x-match:all,format:pdf"));
            }
            for (Map.Entry<String, Object> e : parsed.entrySet()) {
                checkEntry(c, m, e.getKey(), e.getValue(), problems);
            }
            if (m.attribute().equals(NamedArgument.QUEUE_MAP)) {
                queueArgs.putAll(parsed);
            }
        }
        if (c.incoming()) {
            for (NamedArgument n : NamedArgument.QUEUE) {
                if (c.isSet(n.attribute()) && !c.unknown(n.attribute())) {
                    c.value(n.attribute()).ifPresent(v -> queueArgs.put(n.argument(), v));
                }
            }
            checkMaxAge(c, problems);
            checkQueueType(c, queueArgs, problems);
            checkConsumer(c, problems);
            checkUnused(c, queueArgs, problems);
        }
    }

    private static void checkEntry(ChannelView c, Map_ m, String key, Object value, List<ConfigProblem> problems) {
        String property = c.property(m.attribute());
        String shown = c.value(m.attribute()).orElse(null);
        if (key.equals("x-queue-type") || key.equals("x-stream-offset") || key.startsWith("x-dead-letter-")) {
            String attribute = key.equals("x-queue-type") ? "queue.x-queue-type"
                    : key.equals("x-stream-offset") ? "stream.offset" : "auto-bind-dlq or dead-letter-exchange";
            problems.add(ConfigProblem.error(property, shown, "'" + key + "' changes how Warren consumes, so it is set "
                    + "by its attribute only", "remove it from " + m.attribute() + " and set " + attribute));
            return;
        }
        Optional<NamedArgument> named = NamedArgument.byArgument(m.named(), key);
        if (named.isEmpty()) {
            return;
        }
        NamedArgument n = named.get();
        boolean typeOk = switch (n.kind()) {
            case NUMBER -> value instanceof Long;
            case BOOLEAN -> value instanceof Boolean;
            case TEXT -> value instanceof String;
        };
        if (!typeOk) {
            problems.add(ConfigProblem.error(property, shown, "'" + key + "' must be " + kind(n.kind())
                    + ", and RabbitMQ refuses '" + value + "' (PRECONDITION_FAILED)", "write " + key + ":<"
                            + kind(n.kind()) + ">, or set " + n.attribute() + " instead"));
        } else if (n.kind() == Kind.NUMBER && (Long) value < 0
                && AttributeConstraints.range(n.attribute()).map(r -> r.min() >= 0).orElse(false)) {
            problems.add(ConfigProblem.error(property, shown, "'" + key + "' cannot be negative (RabbitMQ refuses it "
                    + "with PRECONDITION_FAILED)", "write a whole number 0 or more"));
        }
        if (c.isSet(n.attribute()) && !c.unknown(n.attribute())) {
            Object other = n.convert(c.value(n.attribute()).orElse(""));
            if (!String.valueOf(other).equals(String.valueOf(value))) {
                problems.add(ConfigProblem.error(property, shown, "'" + key + "' is set twice: " + key + ":" + value
                        + " here and " + n.attribute() + "=" + other, "keep one of them, preferably "
                                + c.property(n.attribute())));
            }
        }
    }

    private static void checkMaxAge(ChannelView c, List<ConfigProblem> problems) {
        String attribute = "queue.x-max-age";
        if (c.isSet(attribute) && !c.unknown(attribute)
                && !MAX_AGE.matcher(c.value(attribute).orElse("")).matches()) {
            problems.add(ConfigProblem.error(c.property(attribute), c.shown(attribute),
                    "RabbitMQ refuses this x-max-age (PRECONDITION_FAILED: invalid_max_age)",
                    "write a number and one unit: Y, M, D, h, m or s (case matters), such as 7D or 12h"));
        }
    }

    private static void checkQueueType(ChannelView c, Map<String, Object> args, List<ConfigProblem> problems) {
        if (c.unknown("queue.x-queue-type") || !c.flag("queue.declare")) {
            return;
        }
        String type = c.queueType() == null ? QueueTypes.CLASSIC : c.queueType();
        for (Restricted r : RESTRICTED) {
            if (args.containsKey(r.argument()) && !r.types().contains(type)) {
                String attribute = NamedArgument.byArgument(NamedArgument.QUEUE, r.argument()).get().attribute();
                String where = c.isSet(attribute) ? attribute : NamedArgument.QUEUE_MAP;
                problems.add(ConfigProblem.error(c.property(where), c.shown(where), "RabbitMQ refuses " + r.argument()
                        + " for " + type + " queues (PRECONDITION_FAILED when declaring the queue); it applies to "
                        + String.join(" and ", r.types()) + " queues",
                        "remove " + r.argument() + ", or set " + c.property("queue.x-queue-type") + " to "
                                + String.join(" or ", r.types())));
            }
        }
        if (args.containsKey("x-overflow") && !args.containsKey("x-max-length")
                && !args.containsKey("x-max-length-bytes")) {
            String where = c.isSet("queue.x-overflow") ? "queue.x-overflow" : NamedArgument.QUEUE_MAP;
            problems.add(ConfigProblem.warning(c.property(where), c.shown(where),
                    "x-overflow has no effect without x-max-length or x-max-length-bytes: the queue is never full",
                    "set queue.x-max-length or queue.x-max-length-bytes, or remove x-overflow"));
        }
    }

    private static void checkConsumer(ChannelView c, List<ConfigProblem> problems) {
        if (c.flag("consumer-exclusive") && !c.unknown("consumer-exclusive") && !c.unknown("concurrency")
                && c.number("concurrency").orElse(1) > 1) {
            problems.add(ConfigProblem.error(c.property("consumer-exclusive"), c.shown("consumer-exclusive"),
                    "an exclusive consumer must be the queue's only one, and concurrency="
                            + (long) c.number("concurrency").getAsDouble() + " subscribes several: RabbitMQ refuses "
                            + "the others (ACCESS_REFUSED: queue in exclusive use)",
                    "remove consumer-exclusive, or set concurrency=1 (queue.single-active-consumer keeps stand-by "
                            + "consumers instead)"));
        }
        if (c.isSet("consumer-tag") && c.isSet("consumer-tag-prefix")) {
            problems.add(ConfigProblem.error(c.property("consumer-tag-prefix"), c.shown("consumer-tag-prefix"),
                    "consumer-tag and consumer-tag-prefix both name the consumer", "keep one of them"));
        }
    }

    private static void checkUnused(ChannelView c, Map<String, Object> queueArgs, List<ConfigProblem> problems) {
        if (!queueArgs.isEmpty() && !c.unknown("queue.declare") && !c.flag("queue.declare")) {
            for (String attribute : attributes(NamedArgument.QUEUE_MAP, NamedArgument.QUEUE)) {
                if (c.isSet(attribute) && !attribute.equals("queue.x-queue-type")) {
                    problems.add(ConfigProblem.warning(c.property(attribute), c.shown(attribute), attribute
                            + " has no effect with queue.declare=false: Warren does not declare the queue",
                            "declare the argument where the queue is declared (or with a policy), and remove it"));
                }
            }
        }
        if (c.isSet(NamedArgument.BINDING_MAP) && !c.unknown("exchange.type")
                && !"headers".equals(c.value("exchange.type").orElse(""))) {
            problems.add(ConfigProblem.warning(c.property(NamedArgument.BINDING_MAP),
                    c.shown(NamedArgument.BINDING_MAP), "binding arguments only take effect on a headers exchange, "
                            + "and exchange.type is " + c.shown("exchange.type"),
                    "set " + c.property("exchange.type") + "=headers, or remove arguments"));
        }
    }

    private static List<String> attributes(String map, List<NamedArgument> named) {
        List<String> all = new java.util.ArrayList<>();
        all.add(map);
        named.forEach(n -> all.add(n.attribute()));
        return all;
    }

    private static String kind(Kind kind) {
        return switch (kind) {
            case NUMBER -> "a whole number";
            case BOOLEAN -> "true or false";
            case TEXT -> "text";
        };
    }
}
