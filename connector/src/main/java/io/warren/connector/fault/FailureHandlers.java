package io.warren.connector.fault;

import static io.warren.connector.log.ConnectorMessages.MSG;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Finds the {@link FailureHandler} named by a channel's {@code failure-strategy}: a user-supplied one (a CDI bean
 * with that {@code @Identifier}), or a built-in one.
 */
public final class FailureHandlers {

    /** The built-in strategies, in the order the documentation lists them. */
    public static final List<String> BUILT_IN = List.of(FailureHandler.REJECT, FailureHandler.ACCEPT,
            FailureHandler.REQUEUE, FailureHandler.FAIL, FailureHandler.DEAD_LETTER, FailureHandler.RETRY);

    private final Function<String, FailureHandler> custom;

    /** @param custom finds user strategies by name; returns null when there is none */
    public FailureHandlers(Function<String, FailureHandler> custom) {
        this.custom = custom;
    }

    /** Whether a strategy of that name exists: a built-in one or a user-supplied one. */
    public boolean exists(String name) {
        return BUILT_IN.contains(name) || custom.apply(name) != null;
    }

    /**
     * @throws IllegalArgumentException naming the channel when no strategy has that name
     */
    public FailureHandler get(String name, FailureSupport support) {
        FailureHandler user = custom.apply(name);
        if (user != null) {
            return user;
        }
        FailureHandler reject = (m, reason, md) -> m.settleReject(false);
        return DeliveryLimitGuard.wrap(name, builtIn(name, support, reject), support);
    }

    private static FailureHandler builtIn(String name, FailureSupport support, FailureHandler reject) {
        return switch (name) {
            case FailureHandler.REJECT -> reject;
            case FailureHandler.ACCEPT -> (m, reason, md) -> m.settleAck();
            case FailureHandler.REQUEUE -> new RequeueFailureHandler(support);
            case FailureHandler.FAIL -> (m, reason, md) -> {
                m.failChannel(reason);
                return CompletableFuture.completedFuture(null);
            };
            case FailureHandler.DEAD_LETTER -> new DeadLetterFailureHandler(support);
            case FailureHandler.RETRY -> new RetryFailureHandler(support,
                    support.hasDeadLetterTarget() ? new DeadLetterFailureHandler(support) : reject);
            default -> throw MSG.unknownFailureStrategy(support.channel(), name, String.join(", ", BUILT_IN));
        };
    }
}
