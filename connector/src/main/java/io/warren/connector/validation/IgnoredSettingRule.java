package io.warren.connector.validation;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import io.warren.connector.fault.FailureHandler;
import io.warren.connector.fault.FailureHandlers;

/** Settings that have no effect because another setting switches their feature off. Warnings, not errors. */
final class IgnoredSettingRule implements ChannelRule {

    /**
     * @param attributes the settings that depend on something
     * @param incomingOnly whether the dependency exists on incoming channels only
     * @param when why they have no effect, such as {@code without failure-strategy=retry}
     * @param fix how to fix it
     * @param needs which attributes the condition reads (a value not known yet skips the check)
     * @param met whether the channel meets the requirement
     * @param strategyDependent whether the requirement is a built-in failure strategy
     */
    private record Dependency(Set<String> attributes, boolean incomingOnly, String when, String fix,
            Set<String> needs, Predicate<ChannelView> met, boolean strategyDependent) {
    }

    private static final List<Dependency> DEPENDENCIES = List.of(
            new Dependency(Set.of("retry.max-attempts", "retry.initial-delay", "retry.multiplier", "retry.max-delay",
                    "retry.jitter"), true, "without failure-strategy=retry", "remove it, or set failure-strategy=retry",
                    Set.of("failure-strategy"), c -> strategyIn(c, FailureHandler.RETRY), true),
            new Dependency(Set.of("dead-letter.include-stacktrace"), true,
                    "without failure-strategy=dead-letter or retry", "remove it, or set failure-strategy=dead-letter",
                    Set.of("failure-strategy"), c -> strategyIn(c, FailureHandler.DEAD_LETTER, FailureHandler.RETRY),
                    true),
            new Dependency(Set.of("requeue.delay"), true, "unless failure-strategy is requeue, dead-letter or retry",
                    "remove it, or set failure-strategy=requeue", Set.of("failure-strategy"),
                    c -> strategyIn(c, FailureHandler.REQUEUE, FailureHandler.DEAD_LETTER, FailureHandler.RETRY), true),
            new Dependency(Set.of("batch.size", "batch.timeout"), true, "without batch=true",
                    "remove it, or set batch=true", Set.of("batch"), c -> c.flag("batch"), false),
            new Dependency(Set.of("deduplication.store"), true, "without deduplication=true",
                    "remove it, or set deduplication=true", Set.of("deduplication"), c -> c.flag("deduplication"),
                    false),
            new Dependency(Set.of("deduplication.max-size", "deduplication.ttl"), true,
                    "unless deduplication=true with the memory store",
                    "remove it, or set deduplication=true (the memory store is the default)",
                    Set.of("deduplication", "deduplication.store"),
                    c -> c.flag("deduplication") && "memory".equals(c.value("deduplication.store").orElse("")), false),
            new Dependency(Set.of("dead-letter-queue-name"), true, "without auto-bind-dlq=true",
                    "remove it, or set auto-bind-dlq=true", Set.of("auto-bind-dlq"), c -> c.flag("auto-bind-dlq"),
                    false),
            new Dependency(Set.of("dead-letter-queue-type"), true, "without auto-bind-dlq=true",
                    "remove it, or set auto-bind-dlq=true", Set.of("auto-bind-dlq"), c -> c.flag("auto-bind-dlq"),
                    false),
            new Dependency(Set.of("dead-letter-exchange-type"), true, "unless auto-bind-dlq or dlx.declare is true",
                    "remove it, or set auto-bind-dlq=true or dlx.declare=true", Set.of("auto-bind-dlq", "dlx.declare"),
                    c -> c.flag("auto-bind-dlq") || c.flag("dlx.declare"), false),
            new Dependency(Set.of("routing-keys"), true, "on the default exchange (exchange.name=\"\"), which takes "
                    + "no bindings", "remove it, or name an exchange to bind the queue to", Set.of("exchange.name"),
                    c -> !defaultExchange(c), false),
            new Dependency(Set.of("exchange.type", "exchange.durable", "exchange.auto-delete", "exchange.declare"),
                    false, "on the default exchange (exchange.name=\"\"), which is never declared",
                    "remove it, or name an exchange", Set.of("exchange.name"), c -> !defaultExchange(c), false),
            new Dependency(Set.of("trust-all"), false, "without ssl=true", "remove it, or set ssl=true",
                    Set.of("ssl"), c -> c.flag("ssl"), false),
            new Dependency(Set.of("host", "port"), false, "when addresses is set, which takes precedence",
                    "remove it, or list every node in addresses", Set.of("addresses"), c -> !c.isSet("addresses"),
                    false));

    @Override
    public void check(ChannelView c, ValidationContext context, List<ConfigProblem> problems) {
        if (c.config.shared()) {
            return;
        }
        boolean customStrategy = !FailureHandlers.BUILT_IN.contains(c.strategy());
        for (Dependency d : DEPENDENCIES) {
            if ((d.incomingOnly() && !c.incoming()) || (d.strategyDependent() && customStrategy)
                    || d.needs().stream().anyMatch(c::unknown) || d.met().test(c)) {
                continue;
            }
            for (String attribute : d.attributes()) {
                if (c.isSet(attribute) && !c.unknown(attribute)
                        && context.attributes().find(attribute).map(s -> s.appliesTo(c.config.direction())).orElse(false)) {
                    problems.add(ConfigProblem.warning(c.property(attribute), c.shown(attribute),
                            attribute + " has no effect " + d.when(), d.fix()));
                }
            }
        }
    }

    private static boolean strategyIn(ChannelView c, String... strategies) {
        return List.of(strategies).contains(c.strategy());
    }

    private static boolean defaultExchange(ChannelView c) {
        return c.value("exchange.name").map(v -> v.equals("\"\"")).orElse(false);
    }
}
