package io.warren.connector.validation;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.warren.connector.log.ValidationLog;

/**
 * Logs configuration warnings. In Quarkus the start-up check and the connector see the same settings, so each
 * warning is logged once per class loader rather than once per check.
 */
public final class ProblemLog {

    private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

    private ProblemLog() {
    }

    /** Logs each warning that was not logged before. */
    public static void warnOnce(List<ConfigProblem> warnings) {
        for (ConfigProblem p : warnings) {
            if (LOGGED.add(p.toString())) {
                ValidationLog.LOG.configurationWarning(p.toString());
            }
        }
    }
}
