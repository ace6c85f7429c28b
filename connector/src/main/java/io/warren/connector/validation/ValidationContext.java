package io.warren.connector.validation;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import io.warren.connector.config.AttributeTable;

/**
 * What the validator knows besides the configuration itself: the attribute table, the beans that can be named in
 * the configuration, the classes on the class path and what the application code does with each channel. What is
 * not known (null) is not checked.
 *
 * @param attributes the connector's attributes
 * @param failureStrategies the custom {@code FailureHandler}s; null when they are not known
 * @param deduplicationStores the custom {@code DeduplicationStore}s; null when they are not known
 * @param classExists whether a class is on the class path; null when it cannot be told
 * @param code what the code does with its channels; null when the code is not known (outside a Quarkus build)
 * @param otherConnectors the attributes of the application's other connectors, with the connector declaring each:
 * a channel that moves between connectors by its {@code connector} key alone keeps both sets side by side, and
 * Warren ignores theirs. Empty when not known
 */
public record ValidationContext(AttributeTable attributes, NamedBeans failureStrategies,
        NamedBeans deduplicationStores, Predicate<String> classExists, CodeModel code,
        java.util.Map<String, String> otherConnectors) {

    public ValidationContext {
        otherConnectors = otherConnectors == null ? java.util.Map.of() : java.util.Map.copyOf(otherConnectors);
    }

    /**
     * Beans selected by their {@code @Identifier}.
     *
     * @param names the identifiers known in advance, used for suggestions
     * @param lookup whether a bean has that identifier, for those not known in advance
     */
    public record NamedBeans(Set<String> names, Predicate<String> lookup) {

        public NamedBeans {
            names = java.util.Collections.unmodifiableSet(new TreeSet<>(names));
        }

        /** Beans known by name, such as those found at build time. */
        public static NamedBeans of(Set<String> names) {
            return new NamedBeans(names, n -> false);
        }

        /** Beans found by looking them up, such as CDI beans at run time. */
        public static NamedBeans lookup(Predicate<String> lookup) {
            return new NamedBeans(Set.of(), lookup);
        }

        /** Whether a bean has that identifier. */
        public boolean exists(String name) {
            return names.contains(name) || lookup.test(name);
        }
    }

    /** A context for a connector's attributes that knows nothing about beans, classes or code. */
    public static ValidationContext of(AttributeTable attributes) {
        return new ValidationContext(attributes, null, null, null, null, null);
    }

    /** The same, with these custom beans. */
    public ValidationContext withBeans(NamedBeans strategies, NamedBeans stores) {
        return new ValidationContext(attributes, strategies, stores, classExists, code, otherConnectors);
    }

    /** Whether the thread's context class loader finds the class: the usual answer for {@link #withClasses}. */
    public static boolean loadable(String className) {
        try {
            Class.forName(className, false, Thread.currentThread().getContextClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The same, able to tell whether a class exists. */
    public ValidationContext withClasses(Predicate<String> exists) {
        return new ValidationContext(attributes, failureStrategies, deduplicationStores, exists, code,
                otherConnectors);
    }

    /** The same, knowing what the code does with each channel. */
    public ValidationContext withCode(CodeModel facts) {
        return new ValidationContext(attributes, failureStrategies, deduplicationStores, classExists, facts,
                otherConnectors);
    }

    /** The same, knowing the attributes of the application's other connectors (name to connector). */
    public ValidationContext withOtherConnectors(java.util.Map<String, String> attributes) {
        return new ValidationContext(this.attributes, failureStrategies, deduplicationStores, classExists, code,
                attributes);
    }
}
