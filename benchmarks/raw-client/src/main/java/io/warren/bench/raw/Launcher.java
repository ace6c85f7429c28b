package io.warren.bench.raw;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts the program of a system in a JVM of its own and returns its RESULT line. */
final class Launcher {

    /** The systems to run, in this order within each round ({@code -Dsystems=warren,raw} for a subset). */
    static final List<String> SYSTEMS = List.of(System.getProperty("systems", "warren,smallrye,raw").split(","));
    /** Extra JVM options for every system, for profiling ({@code -Djvm-args="-XX:StartFlightRecording=..."}). */
    private static final String JVM_ARGS = System.getProperty("jvm-args", "").trim();
    /** Lines a program prints besides RESULT that the runner shows. */
    private static final List<String> SHOWN = List.of("THREAD", "ALLOC", "TIMELINE", "OBSERVED");
    /**
     * Warren with its observability on: the same application with Micrometer and OpenTelemetry, one of them switched
     * off at run time, so that each variant's cost is measured against plain {@code warren}.
     */
    static final Map<String, List<String>> VARIANTS = Map.of(
            "warren-metrics", List.of("-Dquarkus.otel.sdk.disabled=true",
                    "-Dmp.messaging.connector.warren.tracing.enabled=false"),
            "warren-tracing", List.of("-Dquarkus.warren.metrics.enabled=false"),
            // The same application with Warren's own metrics and tracing off: what the extensions cost by themselves.
            "warren-extensions", List.of("-Dquarkus.otel.sdk.disabled=true",
                    "-Dmp.messaging.connector.warren.tracing.enabled=false", "-Dquarkus.warren.metrics.enabled=false"),
            // OpenTelemetry on, Warren's spans off (tracing.enabled=false): the application's tracing without Warren's.
            "warren-otel", List.of("-Dmp.messaging.connector.warren.tracing.enabled=false",
                    "-Dquarkus.warren.metrics.enabled=false"));

    private final Path root;
    private final String heap;

    Launcher(Path root, String heap) {
        this.root = root;
        this.heap = heap;
    }

    /** Runs a system's program against the machine's broker and returns its RESULT line. */
    String launch(String system, List<String> props) throws IOException, InterruptedException {
        return launch(system, props, 5672);
    }

    /**
     * Runs a system's program with these system properties and returns its RESULT line, with the CPU time of the
     * broker on {@code brokerPort} over the run.
     */
    String launch(String system, List<String> props, int brokerPort) throws IOException, InterruptedException {
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
        long broker = BrokerProcess.listening(brokerPort);
        long brokerBefore = BrokerProcess.cpuTicks(broker);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String result = "RESULT error=no-result";
        try (Cleanup.Action stop = Cleanup.register(p::destroyForcibly)) {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String l;
                while ((l = r.readLine()) != null) {
                    if (l.startsWith("RESULT")) {
                        result = l;
                    } else if (SHOWN.stream().anyMatch(l::startsWith)) {
                        System.out.println("  " + system + " " + l);
                    }
                }
            }
            p.waitFor(15, TimeUnit.MINUTES);
        }
        long brokerAfter = BrokerProcess.cpuTicks(broker);
        if (brokerBefore >= 0 && brokerAfter >= 0) {
            // Over the whole run, start-up included; the broker's share of the machine, for the profile note.
            result += String.format(Locale.ROOT, " broker_cpu_s=%.1f", (brokerAfter - brokerBefore) / 100.0);
        }
        return result;
    }
}
