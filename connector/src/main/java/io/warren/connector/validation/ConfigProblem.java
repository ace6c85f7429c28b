package io.warren.connector.validation;

import java.util.Comparator;

import io.warren.connector.config.Redaction;

/**
 * A mistake in a channel's configuration.
 *
 * @param severity {@link Severity#ERROR} fails the build or the start-up; {@link Severity#WARNING} is logged
 * @param property the property at fault, such as {@code mp.messaging.incoming.orders.queue.nmae}
 * @param value its value, or a description such as {@code reject (the default)}; null when it has none. Masked
 *        when the property names a secret (see {@link Redaction})
 * @param problem what is wrong
 * @param fix how to fix it
 */
public record ConfigProblem(Severity severity, String property, String value, String problem, String fix)
        implements Comparable<ConfigProblem> {

    /** How bad a problem is. */
    public enum Severity {
        /** The channel cannot work as configured. */
        ERROR,
        /** A setting has no effect, or is probably not what was meant. */
        WARNING
    }

    /** Takes secrets out: the value of a secret property, wherever it appears, and the user-info of any URI. */
    public ConfigProblem {
        problem = Redaction.text(problem, property, value);
        fix = Redaction.text(fix, property, value);
        value = Redaction.value(property, value);
    }

    private static final Comparator<ConfigProblem> ORDER = Comparator.comparing(ConfigProblem::severity)
            .thenComparing(ConfigProblem::property).thenComparing(ConfigProblem::problem)
            .thenComparing(p -> String.valueOf(p.value())).thenComparing(ConfigProblem::fix);

    /** An error. */
    public static ConfigProblem error(String property, String value, String problem, String fix) {
        return new ConfigProblem(Severity.ERROR, property, value, problem, fix);
    }

    /** A warning. */
    public static ConfigProblem warning(String property, String value, String problem, String fix) {
        return new ConfigProblem(Severity.WARNING, property, value, problem, fix);
    }

    /** Whether this fails the build or the start-up. */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public int compareTo(ConfigProblem o) {
        return ORDER.compare(this, o);
    }

    /** One line: {@code property=value: problem. Fix: fix.} */
    @Override
    public String toString() {
        return property + (value == null ? "" : "=" + value) + ": " + problem + ". Fix: " + fix
                + (fix.endsWith(".") ? "" : ".");
    }
}
