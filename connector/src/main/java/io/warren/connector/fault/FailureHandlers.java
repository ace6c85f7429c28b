package io.warren.connector.fault;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import jakarta.enterprise.inject.Instance;

import io.smallrye.common.annotation.Identifier;

/**
 * Finds the {@link FailureHandler} named by a channel's {@code failure-strategy}: a user-supplied one (a CDI bean
 * with that {@code @Identifier}), or a built-in one.
 */
public final class FailureHandlers {

    private final Function<String, FailureHandler> custom;

    private FailureHandlers(Function<String, FailureHandler> custom) {
        this.custom = custom;
    }

    /** Looks custom strategies up among CDI beans. */
    public static FailureHandlers fromBeans(Instance<FailureHandler> beans) {
        return new FailureHandlers(name -> {
            Instance<FailureHandler> selected = beans.select(Identifier.Literal.of(name));
            return selected.isResolvable() ? selected.get() : null;
        });
    }

    /** Uses the given custom strategies, for plain Java use. */
    public static FailureHandlers of(Map<String, FailureHandler> handlers) {
        Map<String, FailureHandler> copy = Map.copyOf(handlers);
        return new FailureHandlers(copy::get);
    }

    /**
     * @throws IllegalArgumentException naming the channel when no strategy has that name
     */
    public FailureHandler get(String channel, String name) {
        FailureHandler user = custom.apply(name);
        if (user != null) {
            return user;
        }
        return switch (name) {
            case FailureHandler.REJECT -> (m, reason, md) -> m.settleReject(false);
            case FailureHandler.ACCEPT -> (m, reason, md) -> m.settleAck();
            case FailureHandler.REQUEUE -> (m, reason, md) -> m.settleReject(true);
            case FailureHandler.FAIL -> (m, reason, md) -> {
                m.failChannel(reason);
                return CompletableFuture.completedFuture(null);
            };
            default -> throw new IllegalArgumentException("Channel '" + channel + "': unknown failure-strategy '" + name
                    + "'. Use reject, accept, requeue, fail, or the @Identifier of a FailureHandler bean");
        };
    }
}
