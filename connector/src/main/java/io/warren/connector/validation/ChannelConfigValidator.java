package io.warren.connector.validation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

import io.warren.connector.config.ChannelConfig;

/**
 * Checks channel configurations: attribute names, values, contradictions between settings, beans named in the
 * configuration and, when the code is known, channels that no code uses. The same rules run in the Quarkus build,
 * at application start-up, and in the connector when a channel is created outside Quarkus.
 */
public final class ChannelConfigValidator {

    private static final List<ChannelRule> RULES = List.of(new AttributeNameRule(), new AttributeValueRule(),
            new BeanRule(), new DeadLetterRule(), new QueueTypeRule(), new DeliveryLimitRule(),
            new ConsumptionRule(), new PublishRule(),
            new IgnoredSettingRule(), new CodeRule(), new ArgumentRule(), new SecurityRule(),
            new StreamRule());

    private ChannelConfigValidator() {
    }

    /** Every problem in these channels, errors first, sorted by property, each reported once. */
    public static List<ConfigProblem> validate(Collection<ChannelConfig> channels, ValidationContext context) {
        TreeSet<ConfigProblem> problems = new TreeSet<>();
        for (ChannelConfig channel : channels) {
            ChannelView view = new ChannelView(channel, context.attributes());
            List<ConfigProblem> found = new ArrayList<>();
            for (ChannelRule rule : RULES) {
                rule.check(view, context, found);
            }
            problems.addAll(found);
        }
        return List.copyOf(problems);
    }

    /** The errors among the problems. */
    public static List<ConfigProblem> errors(List<ConfigProblem> problems) {
        return problems.stream().filter(ConfigProblem::isError).toList();
    }

    /** The warnings among the problems. */
    public static List<ConfigProblem> warnings(List<ConfigProblem> problems) {
        return problems.stream().filter(p -> !p.isError()).toList();
    }

    /**
     * A report listing every problem, one per line:
     *
     * <pre>
     * Warren found 2 errors in the channel configuration:
     *   - mp.messaging.incoming.orders.queue.nmae=orders: unknown attribute 'queue.nmae'. Fix: did you mean ...
     * </pre>
     */
    public static String report(List<ConfigProblem> problems) {
        List<ConfigProblem> errors = errors(problems);
        List<ConfigProblem> warnings = warnings(problems);
        StringBuilder sb = new StringBuilder();
        if (!errors.isEmpty()) {
            sb.append("Warren found ").append(count(errors.size(), "error")).append(" in the channel configuration:");
            errors.forEach(p -> sb.append("\n  - ").append(p));
        }
        if (!warnings.isEmpty()) {
            sb.append(sb.length() == 0 ? "" : "\n").append("Warren found ").append(count(warnings.size(), "warning"))
                    .append(" in the channel configuration:");
            warnings.forEach(p -> sb.append("\n  - ").append(p));
        }
        return sb.toString();
    }

    /**
     * Logs the warnings (each once per class loader) and throws if there are errors.
     *
     * @throws ChannelConfigException listing every error
     */
    public static void requireValid(List<ConfigProblem> problems) {
        ProblemLog.warnOnce(warnings(problems));
        List<ConfigProblem> errors = errors(problems);
        if (!errors.isEmpty()) {
            throw new ChannelConfigException(errors);
        }
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
