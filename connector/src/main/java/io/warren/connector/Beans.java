package io.warren.connector;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.inject.Instance;

import io.smallrye.common.annotation.Identifier;

/** Looks up the CDI beans the connector uses; outside CDI the instances are null and nothing is found. */
final class Beans {

    private Beans() {
    }

    /** The one bean, or null when there is none (or several). */
    static <T> T one(Instance<T> beans) {
        return beans != null && beans.isResolvable() ? beans.get() : null;
    }

    /** Every bean. */
    static <T> List<T> all(Instance<T> beans) {
        List<T> all = new ArrayList<>();
        if (beans != null) {
            beans.forEach(all::add);
        }
        return all;
    }

    /** Finds a bean by its {@code @Identifier}; null when there is none. */
    static <T> Function<String, T> byIdentifier(Instance<T> beans) {
        return name -> beans == null ? null : one(beans.select(Identifier.Literal.of(name)));
    }
}
