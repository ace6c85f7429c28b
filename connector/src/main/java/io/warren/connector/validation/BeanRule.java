package io.warren.connector.validation;

import java.util.ArrayList;
import java.util.List;

import io.warren.connector.dedup.DeduplicationStore;
import io.warren.connector.fault.FailureHandlers;
import io.warren.connector.validation.ValidationContext.NamedBeans;

/** A failure strategy or deduplication store named in the configuration that neither is built in nor is a bean. */
final class BeanRule implements ChannelRule {

    @Override
    public void check(ChannelView channel, ValidationContext context, List<ConfigProblem> problems) {
        if (channel.config.shared() || !channel.incoming()) {
            return;
        }
        check(channel, "failure-strategy", FailureHandlers.BUILT_IN, "FailureHandler", context.failureStrategies(),
                problems);
        check(channel, "deduplication.store", List.of(DeduplicationStore.MEMORY), "DeduplicationStore",
                context.deduplicationStores(), problems);
    }

    private static void check(ChannelView channel, String attribute, List<String> builtIn, String beanType,
            NamedBeans beans, List<ConfigProblem> problems) {
        if (beans == null || !channel.isSet(attribute) || channel.unknown(attribute)) {
            return;
        }
        String name = channel.value(attribute).orElse("");
        if (builtIn.contains(name) || beans.exists(name)) {
            return;
        }
        List<String> candidates = new ArrayList<>(builtIn);
        candidates.addAll(beans.names());
        String hint = NameDistance.closest(name, candidates).map(c -> "did you mean '" + c + "'? Use ").orElse("use ");
        problems.add(ConfigProblem.error(channel.property(attribute), name,
                "no " + attribute + " is named '" + name + "': it is not built in, and no " + beanType
                        + " bean has @Identifier(\"" + name + "\")",
                hint + String.join(", ", candidates) + ", or add a " + beanType + " bean annotated with "
                        + "@Identifier(\"" + name + "\")"));
    }
}
