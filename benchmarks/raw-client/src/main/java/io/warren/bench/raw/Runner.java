package io.warren.bench.raw;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

/**
 * Runs the workloads against Warren, SmallRye's connector and the raw client, alternating the systems round after
 * round (A B C A B C ...), and writes min / median / max per system plus the Warren/raw and Warren/SmallRye ratios
 * taken pair by pair (within the same round).
 */
public final class Runner {

    /** The systems to run, in this order within each round ({@code -Dsystems=warren,raw} for a subset). */
    private static final List<String> SYSTEMS = List.of(System.getProperty("systems", "warren,smallrye,raw").split(","));
    /**
     * Warren with its observability on: the same application with Micrometer and OpenTelemetry, one of them switched
     * off at run time, so that each variant's cost is measured against plain {@code warren}.
     */
    private static final Map<String, List<String>> VARIANTS = Map.of(
            "warren-metrics", List.of("-Dquarkus.otel.sdk.disabled=true",
                    "-Dmp.messaging.connector.warren.tracing.enabled=false"),
            "warren-tracing", List.of("-Dquarkus.warren.metrics.enabled=false"),
            // The same application with Warren's own metrics and tracing off: what the extensions cost by themselves.
            "warren-extensions", List.of("-Dquarkus.otel.sdk.disabled=true",
                    "-Dmp.messaging.connector.warren.tracing.enabled=false", "-Dquarkus.warren.metrics.enabled=false"));
    /** Extra JVM options for every system, for profiling ({@code -Djvm-args="-XX:StartFlightRecording=..."}). */
    private static final String JVM_ARGS = System.getProperty("jvm-args", "").trim();

    private final Path root;
    private final int rounds;
    private final long n;
    private final int latencySeconds;
    private final int warmupSeconds;
    private final long memoryN;
    private final int memorySeconds;
    private final String heap;
    /** workload -> system -> one value per round (the metric the workload is judged on). */
    private final Map<String, Map<String, List<Double>>> results = new LinkedHashMap<>();
    private final Map<String, Map<String, List<String>>> raw = new LinkedHashMap<>();
    /** workload -> system -> CPU microseconds per message, one per round (W1 and W2). */
    private final Map<String, Map<String, List<Double>>> cpu = new LinkedHashMap<>();

    private Runner(Path root) {
        this.root = root;
        this.rounds = Integer.getInteger("rounds", 3);
        this.n = Long.getLong("n", 200_000);
        this.latencySeconds = Integer.getInteger("latency-seconds", 30);
        this.warmupSeconds = Integer.getInteger("warmup-seconds", 20);
        this.memoryN = Long.getLong("memory-n", 1_000_000);
        this.memorySeconds = Integer.getInteger("memory-seconds", 60);
        this.heap = System.getProperty("heap", "512m");
    }

    public static void main(String[] args) throws Exception {
        Runner r = new Runner(Path.of(args.length > 0 ? args[0] : "benchmarks").toAbsolutePath());
        List<String> workloads = List.of(System.getProperty("workloads", "w1,w2,w3,w4").split(","));
        for (String w : workloads) {
            if (w.equals("w5")) {
                r.streams();
                continue;
            }
            int rounds = w.equals("w4") ? 1 : r.rounds;
            for (int round = 1; round <= rounds; round++) {
                for (String system : SYSTEMS) {
                    r.runOne(w, system, round);
                }
            }
        }
        r.report(workloads);
    }

    /** W5's systems: Warren on the stream protocol, Warren over AMQP 0-9-1, the raw stream-client. */
    private static final List<String> W5_SYSTEMS = List.of(System.getProperty("w5-systems",
            "warren-native,warren,raw-stream").split(","));

    /**
     * W5: publish {@code n} messages to a fresh stream with confirms, then consume them from the first one, on each
     * system in turn, round after round. The machine's broker has no stream plugin, so W5 starts a node of its own.
     */
    private void streams() throws Exception {
        try (io.warren.testing.RabbitNode node = io.warren.testing.RabbitNode.builder("bench-stream")
                .plugin("rabbitmq_stream").port("stream")
                .config(x -> "stream.listeners.tcp.1 = 127.0.0.1:" + x.port("stream"))
                .config("stream.advertised_host = 127.0.0.1")
                .config(x -> "stream.advertised_port = " + x.port("stream")).start()) {
            for (int round = 1; round <= rounds; round++) {
                for (String system : W5_SYSTEMS) {
                    String stream = "bench-w5-" + system + "-" + UUID.randomUUID().toString().substring(0, 6);
                    com.rabbitmq.client.ConnectionFactory f = RawBench.factory();
                    f.setPort(node.amqpPort());
                    try (Connection c = f.newConnection("bench-runner")) {
                        Channel ch = c.createChannel();
                        ch.queueDeclare(stream, true, false, false, Map.of("x-queue-type", "stream"));
                        // While publishing, the apps' incoming channel reads an empty stream, not the one written.
                        ch.queueDeclare(stream + "-idle", true, false, false, Map.of("x-queue-type", "stream"));
                    }
                    for (String phase : List.of("publish", "consume")) {
                        List<String> props = new ArrayList<>(List.of("-Dbench.mode=" + phase, "-Dbench.n=" + n,
                                "-Dbench.in-queue=" + (phase.equals("publish") ? stream + "-idle" : stream),
                                "-Dbench.out-queue=" + stream,
                                "-Dbench.port=" + node.amqpPort(), "-Dbench.stream-port=" + node.port("stream")));
                        props.addAll(streamChannel(system, phase.equals("publish") ? stream + "-idle" : stream, stream,
                                node.port("stream")));
                        String line = launch(system.equals("warren-native") ? "warren"
                                : system.equals("raw-stream") ? "raw-stream" : system, props);
                        String key = "w5-" + phase;
                        System.out.printf("%s round %d %-14s %s%n", key, round, system, line);
                        raw.computeIfAbsent(key, k -> new LinkedHashMap<>())
                                .computeIfAbsent(system, k -> new ArrayList<>()).add(line);
                        Double metric = metric("w1", line);
                        if (metric != null) {
                            results.computeIfAbsent(key, k -> new LinkedHashMap<>())
                                    .computeIfAbsent(system, k -> new ArrayList<>()).add(metric);
                        }
                    }
                    try (Connection c = f.newConnection("bench-runner")) {
                        Channel ch = c.createChannel();
                        ch.queueDelete(stream);
                        ch.queueDelete(stream + "-idle");
                    }
                }
            }
        }
    }

    /** The channel settings that put the Warren app on the stream, natively or over AMQP 0-9-1. */
    private static List<String> streamChannel(String system, String inStream, String stream, int streamPort) {
        String in = "-Dmp.messaging.incoming.bench-in.";
        String out = "-Dmp.messaging.outgoing.bench-out.";
        if (system.equals("warren-native")) {
            return List.of(in + "stream.protocol=native", in + "stream.name=" + inStream, in + "stream.port=" + streamPort,
                    in + "stream.declare=false", out + "stream.protocol=native", out + "stream.name=" + stream,
                    out + "stream.port=" + streamPort, out + "stream.declare=false");
        }
        if (system.equals("warren")) {
            return List.of(in + "queue.x-queue-type=stream", in + "stream.offset=first", in + "queue.declare=false");
        }
        return List.of();
    }

    private void runOne(String workload, String system, int round) throws Exception {
        String queue = "bench-" + workload + "-" + system + "-" + UUID.randomUUID().toString().substring(0, 6);
        try (Connection c = RawBench.factory().newConnection("bench-runner")) {
            Channel ch = c.createChannel();
            ch.queueDeclare(queue, true, false, false, null);
            List<String> props = new ArrayList<>();
            switch (workload) {
                case "w1" -> {
                    RawBench.prefill(queue, n);
                    props.addAll(List.of("-Dbench.mode=consume", "-Dbench.n=" + n, "-Dbench.in-queue=" + queue));
                }
                case "w2" -> props.addAll(List.of("-Dbench.mode=publish", "-Dbench.n=" + n, "-Dbench.out-queue=" + queue));
                case "w3" -> props.addAll(List.of("-Dbench.mode=latency", "-Dbench.seconds=" + latencySeconds, "-Dbench.warmup-seconds=" + warmupSeconds,
                        "-Dbench.in-queue=" + queue, "-Dbench.out-queue=" + queue));
                case "w4" -> {
                    RawBench.prefill(queue, memoryN);
                    props.addAll(List.of("-Dbench.mode=memory", "-Dbench.seconds=" + memorySeconds,
                            "-Dbench.in-queue=" + queue));
                }
                default -> throw new IllegalArgumentException(workload);
            }
            String line = launch(system, props);
            System.out.printf("%s round %d %-8s %s%n", workload, round, system, line);
            raw.computeIfAbsent(workload, k -> new LinkedHashMap<>()).computeIfAbsent(system, k -> new ArrayList<>())
                    .add(line);
            Double cpuPerMessage = value(line, "cpu_us_per_msg");
            if (cpuPerMessage != null) {
                cpu.computeIfAbsent(workload, k -> new LinkedHashMap<>())
                        .computeIfAbsent(system, k -> new ArrayList<>()).add(cpuPerMessage);
            }
            Double metric = metric(workload, line);
            if (metric != null) {
                results.computeIfAbsent(workload, k -> new LinkedHashMap<>())
                        .computeIfAbsent(system, k -> new ArrayList<>()).add(metric);
            }
            ch.queueDelete(queue);
        }
    }

    private String launch(String system, List<String> props) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("java", "-Xms" + heap, "-Xmx" + heap));
        if (!JVM_ARGS.isEmpty()) {
            cmd.addAll(List.of(JVM_ARGS.replace("{system}", system).split(" +")));
        }
        cmd.addAll(props);
        cmd.addAll(VARIANTS.getOrDefault(system, List.of()));
        if (system.equals("raw") || system.equals("raw-stream")) {
            Path dir = root.resolve("raw-client/target");
            cmd.addAll(List.of("-cp", dir.resolve("classes") + ":" + dir.resolve("lib") + "/*",
                    system.equals("raw") ? RawBench.class.getName() : RawStreamBench.class.getName()));
        } else {
            String app = VARIANTS.containsKey(system) ? "warren-observed" : system;
            cmd.addAll(List.of("-jar", root.resolve(app + "-app/target/quarkus-app/quarkus-run.jar").toString()));
        }
        long brokerBefore = brokerCpuTicks();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String result = "RESULT error=no-result";
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String l;
            while ((l = r.readLine()) != null) {
                if (l.startsWith("RESULT")) {
                    result = l;
                } else if (l.startsWith("THREAD") || l.startsWith("TIMELINE") || l.startsWith("OBSERVED")) {
                    System.out.println("  " + system + " " + l);
                }
            }
        }
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        long brokerAfter = brokerCpuTicks();
        if (brokerBefore >= 0 && brokerAfter >= 0) {
            // Over the whole run, start-up included; the broker's share of the machine, for the profile note.
            result += String.format(Locale.ROOT, " broker_cpu_s=%.1f", (brokerAfter - brokerBefore) / 100.0);
        }
        return result;
    }

    /** CPU time (utime + stime, in clock ticks) of the broker's Erlang VM, or -1 if it is not found. */
    private static long brokerCpuTicks() {
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path dir : (Iterable<Path>) procs::iterator) {
                Path cmdline = dir.resolve("cmdline");
                if (!dir.getFileName().toString().matches("\\d+") || !Files.isReadable(cmdline)) {
                    continue;
                }
                String cmd;
                try {
                    cmd = Files.readString(cmdline);
                } catch (IOException e) {
                    continue;
                }
                if (cmd.contains("beam.smp") && cmd.contains("rabbit")) {
                    return io.warren.bench.Bench.cpuTicks(dir);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static Double metric(String workload, String line) {
        String key = switch (workload) {
            case "w1", "w2" -> "rate";
            case "w3" -> "p99_ms";
            default -> "peak_rss_mb";
        };
        return value(line, key);
    }

    /** The number after {@code key=} in a RESULT line, or null. */
    private static Double value(String line, String key) {
        for (String part : line.split(" ")) {
            if (part.startsWith(key + "=")) {
                return Double.parseDouble(part.substring(key.length() + 1));
            }
        }
        return null;
    }

    private void report(List<String> workloads) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results ").append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME))
                .append("\n\nrounds=").append(rounds).append(" n=").append(n).append(" heap=").append(heap)
                .append(" latency-seconds=").append(latencySeconds).append(" warmup-seconds=").append(warmupSeconds).append(" memory-n=").append(memoryN)
                .append(" memory-seconds=").append(memorySeconds).append("\n");
        List<String> sections = new ArrayList<>();
        for (String w : workloads) {
            if (w.equals("w5")) {
                sections.addAll(List.of("w5-publish", "w5-consume"));
            } else {
                sections.add(w);
            }
        }
        for (String w : sections) {
            List<String> systems = w.startsWith("w5") ? W5_SYSTEMS : SYSTEMS;
            Map<String, List<Double>> bySystem = results.getOrDefault(w, Map.of());
            String unit = switch (w) {
                case "w1", "w2", "w5-publish", "w5-consume" -> "msg/s (higher is better)";
                case "w3" -> "p99 ms (lower is better)";
                default -> "peak RSS MB";
            };
            md.append("\n## ").append(w).append(": ").append(unit).append("\n\n| system | min | median | max |\n|---|---|---|---|\n");
            for (String s : systems) {
                List<Double> v = bySystem.getOrDefault(s, List.of());
                md.append("| ").append(s).append(" | ").append(fmt(min(v))).append(" | ").append(fmt(median(v)))
                        .append(" | ").append(fmt(max(v))).append(" |\n");
            }
            String mine = w.startsWith("w5") ? "warren-native" : "warren";
            for (String peer : w.startsWith("w5") ? List.of("raw-stream", "warren") : List.of("raw", "smallrye")) {
                List<Double> ratios = new ArrayList<>();
                List<Double> a = bySystem.getOrDefault(mine, List.of());
                List<Double> b = bySystem.getOrDefault(peer, List.of());
                for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                    ratios.add(a.get(i) / b.get(i));
                }
                md.append("\n").append(mine).append("/").append(peer).append(" per round: ").append(ratios.stream().map(Runner::fmt2).toList())
                        .append(", median ").append(fmt2(median(ratios))).append("\n");
            }
            Map<String, List<Double>> cpuBySystem = cpu.getOrDefault(w, Map.of());
            List<Double> base = cpuBySystem.getOrDefault("warren", List.of());
            for (String variant : VARIANTS.keySet().stream().sorted().toList()) {
                List<Double> v = cpuBySystem.getOrDefault(variant, List.of());
                if (v.isEmpty() || base.isEmpty()) {
                    continue;
                }
                List<Double> ratios = new ArrayList<>();
                for (int i = 0; i < Math.min(base.size(), v.size()); i++) {
                    ratios.add(v.get(i) / base.get(i));
                }
                md.append("\nCPU per message, ").append(variant).append("/warren per round: ")
                        .append(ratios.stream().map(Runner::fmt2).toList()).append(", median ")
                        .append(fmt2(median(ratios))).append(" (").append(fmt(median(v))).append(" against ")
                        .append(fmt(median(base))).append(" us)\n");
            }
            md.append("\nRaw lines:\n\n```\n");
            raw.getOrDefault(w, Map.of()).forEach((s, lines) -> lines.forEach(l -> md.append(s).append(": ").append(l).append('\n')));
            md.append("```\n");
        }
        Path out = root.resolve("results").resolve("results-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md);
        System.out.println(md);
        System.out.println("Written to " + out);
    }

    private static double min(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static double median(List<Double> v) {
        if (v.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = v.stream().sorted().toList();
        int m = s.size() / 2;
        return s.size() % 2 == 1 ? s.get(m) : (s.get(m - 1) + s.get(m)) / 2;
    }

    private static String fmt(double d) {
        return Double.isNaN(d) ? "-" : String.format(Locale.ROOT, "%.1f", d);
    }

    private static String fmt2(double d) {
        return Double.isNaN(d) ? "-" : String.format(Locale.ROOT, "%.2f", d);
    }
}
