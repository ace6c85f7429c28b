package io.warren.bench.raw;

/** The runner's settings, from its system properties (see {@code benchmarks/run}). */
record Settings(int rounds, long n, int latencySeconds, int warmupSeconds, long memoryN, int memorySeconds,
        String heap) {

    static Settings fromSystemProperties() {
        return new Settings(Integer.getInteger("rounds", 3), Long.getLong("n", 200_000),
                Integer.getInteger("latency-seconds", 30), Integer.getInteger("warmup-seconds", 20),
                Long.getLong("memory-n", 1_000_000), Integer.getInteger("memory-seconds", 60),
                System.getProperty("heap", "512m"));
    }

    /** One line for the head of a results file. */
    String describe() {
        return "rounds=" + rounds + " n=" + n + " heap=" + heap + " latency-seconds=" + latencySeconds
                + " warmup-seconds=" + warmupSeconds + " memory-n=" + memoryN + " memory-seconds=" + memorySeconds;
    }
}
