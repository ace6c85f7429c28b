package io.warren.bench.raw;

import java.util.List;
import java.util.Map;

/**
 * A workload of the runner: one unit that knows its queues, the properties it gives each system, and how its results
 * are shown. {@link Workloads} lists them by name.
 */
interface Workload {

    /** Its result sections: usually one, named as the workload; W5 has one per phase. */
    List<Results.Section> sections();

    /** How many rounds to run when {@code configured} are asked for. */
    default int rounds(int configured) {
        return configured;
    }

    /** Set up what all its rounds share (W5: a node of its own); closed after the last round. */
    default AutoCloseable open() throws Exception {
        return () -> {
        };
    }

    /** Runs one system once, queues declared and deleted around it: the RESULT line of each section. */
    Map<String, String> runOnce(Launcher launcher, String system) throws Exception;
}
