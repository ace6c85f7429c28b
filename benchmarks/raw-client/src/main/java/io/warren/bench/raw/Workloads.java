package io.warren.bench.raw;

import java.util.List;

/** The runner's workloads by name; see benchmarks/README.md for what each measures. */
final class Workloads {

    private Workloads() {
    }

    /** The workloads a plain {@code benchmarks/run} runs. */
    static final String DEFAULT = "w1,w2,w3,w4,w1q,w2q,w6";
    /** Every workload, in the order of benchmarks/README.md. */
    static final List<String> ALL = List.of("w1", "w2", "w3", "w4", "w5", "w1q", "w2q", "w6");

    /** The workload of this name, with these settings. */
    static Workload named(String name, Settings s) {
        String n = "-Dbench.n=" + s.n();
        return switch (name) {
            case "w1" -> new QueueWorkload(name, "consume", "consume", null, 1, s.n(), List.of(n), Measure.RATE);
            case "w2" -> new QueueWorkload(name, "publish with confirms", "publish", null, 1, 0, List.of(n),
                    Measure.RATE);
            case "w3" -> new QueueWorkload(name, "latency at 5,000 msg/s", "latency", null, 1, 0,
                    List.of("-Dbench.seconds=" + s.latencySeconds(), "-Dbench.warmup-seconds=" + s.warmupSeconds()),
                    Measure.P99);
            case "w4" -> new QueueWorkload(name, "memory with a backlog and a slow handler", "memory", null, 1,
                    s.memoryN(), List.of("-Dbench.seconds=" + s.memorySeconds()), Measure.PEAK_RSS);
            case "w1q" -> new QueueWorkload(name, "consume from a quorum queue", "consume", "quorum", 1, s.n(),
                    List.of(n), Measure.RATE);
            case "w2q" -> new QueueWorkload(name, "publish with confirms to a quorum queue", "publish", "quorum", 1, 0,
                    List.of(n), Measure.RATE);
            case "w6" -> new QueueWorkload(name, "8 outgoing and 8 incoming channels in one app, publishing and"
                    + " consuming at once (SmallRye: a connection per channel)", "pipeline", null, 8, 0, List.of(n),
                    Measure.RATE);
            case "w5" -> new StreamWorkload(s.n());
            default -> throw new IllegalArgumentException("unknown workload " + name);
        };
    }

    /** A known section (a workload, or a phase of W5), for reading a results file back; null if unknown. */
    static Results.Section section(String name) {
        Settings s = Settings.fromSystemProperties();
        for (String w : ALL) {
            for (Results.Section section : named(w, s).sections()) {
                if (section.name().equals(name)) {
                    return section;
                }
            }
        }
        return null;
    }
}
