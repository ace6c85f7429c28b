package io.warren.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import io.quarkus.runtime.configuration.ConfigurationException;

/** Digs the configuration error out of a failed build or start-up. */
final class Failures {

    private Failures() {
    }

    /** The message of the {@link ConfigurationException} in the cause chain. */
    static String configurationError(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConfigurationException) {
                return c.getMessage();
            }
        }
        throw new AssertionError("no ConfigurationException in " + stackTrace(t));
    }

    /** The lines of the report that list problems, in order. */
    static String[] problemLines(String report) {
        return report.lines().filter(l -> l.startsWith("  - ")).map(l -> l.substring(4)).toArray(String[]::new);
    }

    /** Asserts that the build itself failed, in Warren's validation step. */
    static void assertBuildFailed(Throwable t) {
        assertThat(stackTrace(t)).contains("at io.warren.quarkus.deployment.ValidationProcessor.validate(")
                .contains("at io.quarkus.builder.BuildContext.run(");
    }

    /** Asserts that the build passed and the start-up failed. */
    static void assertStartupFailed(Throwable t) {
        assertThat(stackTrace(t)).doesNotContain("ValidationProcessor").doesNotContain("io.quarkus.builder.BuildContext");
    }

    static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
