package io.warren.bench.raw;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the workloads against Warren, SmallRye's connector and the raw client, alternating the systems round after
 * round (A B C A B C ...), then writes the results file ({@link Report}) and a chart per section ({@link Charts})
 * into {@code benchmarks/results/}.
 */
public final class Runner {

    private Runner() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : "benchmarks").toAbsolutePath();
        Settings settings = Settings.fromSystemProperties();
        Launcher launcher = new Launcher(root, settings.heap());
        Results results = new Results();
        for (String name : System.getProperty("workloads", Workloads.DEFAULT).split(",")) {
            Workload w = Workloads.named(name.trim(), settings);
            w.sections().forEach(results::section);
            run(w, settings.rounds(), launcher, results);
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path file = root.resolve("results").resolve("results-" + stamp + ".md");
        List<Path> charts = Charts.drawAll(results, file);
        String md = Report.write(results, settings.describe(), file);
        System.out.println(md);
        System.out.println("Written to " + file + " and " + charts.size() + " charts beside it");
    }

    /** Every round runs each system once, in the same order. */
    private static void run(Workload w, int configuredRounds, Launcher launcher, Results results) throws Exception {
        List<String> systems = new ArrayList<>(w.sections().get(0).systems());
        try (AutoCloseable shared = w.open()) {
            for (int round = 1; round <= w.rounds(configuredRounds); round++) {
                for (String system : systems) {
                    for (Map.Entry<String, String> e : w.runOnce(launcher, system).entrySet()) {
                        System.out.printf("%s round %d %-14s %s%n", e.getKey(), round, system, e.getValue());
                        results.add(e.getKey(), system, e.getValue());
                    }
                }
            }
        }
    }
}
