package io.warren.embedded;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the embedded broker's own logging to warnings and errors, unless the application configured those
 * categories itself. Qpid logs through slf4j, which Quarkus (and any JBoss LogManager set-up) routes to the same
 * loggers as java.util.logging; no logback is involved.
 */
final class QuietLogging {

    /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
    private static final List<Logger> CATEGORIES = List.of(Logger.getLogger("org.apache.qpid"),
            Logger.getLogger("qpid"));
    /** Warns at every declare with RabbitMQ's arguments; Warren's channels say once what is ignored. */
    private static final Logger ARGUMENTS = Logger.getLogger("org.apache.qpid.server.queue.QueueArgumentsConverter");

    private QuietLogging() {
    }

    static void apply() {
        for (Logger category : CATEGORIES) {
            if (category.getLevel() == null) {
                category.setLevel(Level.WARNING);
            }
        }
        if (ARGUMENTS.getLevel() == null) {
            ARGUMENTS.setLevel(Level.SEVERE);
        }
    }
}
