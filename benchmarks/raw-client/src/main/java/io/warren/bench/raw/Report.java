package io.warren.bench.raw;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The results file: per section, each system's median and range of the workload's figure, of CPU and of allocation
 * per message, side by side; then the ratios of the compared systems (the median of the per-round ratios, and their
 * range), the chart, and the raw RESULT lines.
 */
final class Report {

    /** Messages whose publishing failed: counted, shown when there are any. */
    private static final Measure NACKED = new Measure("nacked", "nacked", 1, false);

    private Report() {
    }

    /** Writes the results file and returns its text. */
    static String write(Results results, String settings, Path file) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results ").append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME))
                .append("\n\n").append(settings).append("\n");
        for (Results.Section s : results.sections()) {
            List<Measure> shown = Measure.shown(s.primary());
            List<String> systems = results.systems(s);
            md.append("\n## ").append(s.name()).append(": ").append(s.title()).append("\n\n| system |");
            shown.forEach(m -> md.append(' ').append(m.title()).append(" |"));
            md.append("\n|---|").append("---|".repeat(shown.size())).append('\n');
            for (String system : systems) {
                md.append("| ").append(system).append(" |");
                for (Measure m : shown) {
                    md.append(' ').append(summary(results.values(s.name(), system, m), m)).append(" |");
                }
                md.append('\n');
            }
            md.append("\nRatios, the median of the per-round ratios (their range):\n\n| |");
            shown.forEach(m -> md.append(' ').append(m.label()).append(" |"));
            md.append("\n|---|").append("---|".repeat(shown.size())).append('\n');
            for (List<String> pair : s.ratios()) {
                md.append("| ").append(pair.get(0)).append('/').append(pair.get(1)).append(" |");
                for (Measure m : shown) {
                    List<Double> r = ratios(results.values(s.name(), pair.get(0), m),
                            results.values(s.name(), pair.get(1), m));
                    md.append(' ').append(ratioSummary(r)).append(" |");
                }
                md.append('\n');
            }
            for (String system : systems) {
                List<Double> nacked = results.values(s.name(), system, NACKED);
                if (nacked.stream().anyMatch(d -> d > 0)) {
                    List<String> counts = nacked.stream()
                            .map(d -> d.isNaN() ? "-" : String.format(Locale.ROOT, "%.0f", d)).toList();
                    md.append("\n").append(system)
                            .append(": messages nacked, or refused by the emitter (never published), per round: ")
                            .append(counts).append('\n');
                }
            }
            md.append("\n![").append(s.name()).append("](").append(Charts.fileName(file, s.name())).append(")\n");
            md.append("\nRaw lines:\n\n```\n");
            for (String system : systems) {
                results.lines(s.name(), system).forEach(l -> md.append(system).append(": ").append(l).append('\n'));
            }
            md.append("```\n");
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, md);
        return md.toString();
    }

    /** Round by round, where both have a figure. */
    static List<Double> ratios(List<Double> a, List<Double> b) {
        List<Double> r = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            if (!a.get(i).isNaN() && !b.get(i).isNaN() && b.get(i) != 0) {
                r.add(a.get(i) / b.get(i));
            }
        }
        return r;
    }

    private static String ratioSummary(List<Double> r) {
        if (r.isEmpty()) {
            return "-";
        }
        return r.size() == 1 ? String.format(Locale.ROOT, "%.2f", r.get(0))
                : String.format(Locale.ROOT, "%.2f (%.2f-%.2f)", median(r), min(r), max(r));
    }

    private static String summary(List<Double> values, Measure m) {
        List<Double> v = values.stream().filter(d -> !d.isNaN()).map(d -> d * m.scale()).toList();
        if (v.isEmpty()) {
            return "-";
        }
        return v.size() == 1 ? fmt(v.get(0)) : fmt(median(v)) + " (" + fmt(min(v)) + "-" + fmt(max(v)) + ")";
    }

    static String fmt(double d) {
        return Math.abs(d) >= 1000 ? String.format(Locale.ROOT, "%,.0f", d) : String.format(Locale.ROOT, "%.1f", d);
    }

    static double median(List<Double> v) {
        List<Double> s = v.stream().sorted().toList();
        int m = s.size() / 2;
        return s.size() % 2 == 1 ? s.get(m) : (s.get(m - 1) + s.get(m)) / 2;
    }

    private static double min(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
