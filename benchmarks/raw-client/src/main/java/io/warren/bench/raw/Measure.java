package io.warren.bench.raw;

import java.util.List;

/** A figure of a RESULT line: its key there, how it is shown, and which way is better. */
record Measure(String key, String label, double scale, boolean higherIsBetter) {

    static final Measure RATE = new Measure("rate", "msg/s", 1, true);
    static final Measure P99 = new Measure("p99_ms", "p99 ms", 1, false);
    static final Measure PEAK_RSS = new Measure("peak_rss_mb", "peak RSS MB", 1, false);
    /** W4: the live heap after a full GC at the end; a backlog would inflate it. */
    static final Measure LIVE_HEAP = new Measure("live_heap_end_mb", "live heap at the end MB", 1, false);
    /** Client process CPU time per message over the measured window. */
    static final Measure CPU = new Measure("cpu_us_per_msg", "CPU µs/msg", 1, false);
    /** Heap bytes allocated by all the client's threads per message over the window, shown in KB. */
    static final Measure ALLOC = new Measure("alloc_bytes_per_msg", "alloc KB/msg", 1.0 / 1024, false);

    /** A workload's own figure, then what the client spends per message. */
    static List<Measure> shown(Measure primary) {
        return primary == PEAK_RSS ? List.of(primary, LIVE_HEAP, CPU, ALLOC) : List.of(primary, CPU, ALLOC);
    }

    String title() {
        return label + (higherIsBetter ? " (higher is better)" : " (lower is better)");
    }
}
