package io.warren.bench.raw;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The RESULT lines of a run: section (a workload, or a phase of one) -> system -> one line per round, in round order.
 * Also read back from a results file's "Raw lines" blocks, so that charts can be drawn again from a committed file.
 */
final class Results {

    /** A section: its title, its own figure, and the pairs of systems compared (numerator, denominator). */
    record Section(String name, String title, Measure primary, List<String> systems, List<List<String>> ratios) {
    }

    private final Map<String, Section> sections = new LinkedHashMap<>();
    private final Map<String, Map<String, List<String>>> lines = new LinkedHashMap<>();

    void section(Section s) {
        sections.putIfAbsent(s.name(), s);
    }

    List<Section> sections() {
        return List.copyOf(sections.values());
    }

    void add(String section, String system, String line) {
        lines.computeIfAbsent(section, k -> new LinkedHashMap<>()).computeIfAbsent(system, k -> new ArrayList<>())
                .add(line);
    }

    /** The section's systems that have results, in its order, then any other system found (an older file's). */
    List<String> systems(Section s) {
        List<String> found = new ArrayList<>(s.systems());
        Map<String, List<String>> bySystem = lines.getOrDefault(s.name(), Map.of());
        found.retainAll(bySystem.keySet());
        bySystem.keySet().stream().filter(x -> !found.contains(x)).forEach(found::add);
        return found;
    }

    /** The RESULT lines of a system, one per round. */
    List<String> lines(String section, String system) {
        return lines.getOrDefault(section, Map.of()).getOrDefault(system, List.of());
    }

    /** The figure of each round (NaN where a round has none: an error, or a line from before the figure existed). */
    List<Double> values(String section, String system, Measure m) {
        return lines(section, system).stream().map(l -> value(l, m.key())).toList();
    }

    /** The number after {@code key=} in a RESULT line, or NaN. */
    static double value(String line, String key) {
        for (String part : line.split(" ")) {
            if (part.startsWith(key + "=")) {
                try {
                    return Double.parseDouble(part.substring(key.length() + 1));
                } catch (NumberFormatException e) {
                    return Double.NaN;
                }
            }
        }
        return Double.NaN;
    }

    private static final Pattern HEADING = Pattern.compile("^## (\\S+?):.*");
    private static final Pattern RAW = Pattern.compile("^([\\w.-]+): (RESULT .*)$");

    /**
     * Reads a results file written by this runner or an earlier one: its sections (by their "## name:" headings)
     * and the raw RESULT lines under each. Titles and comparisons come from the workloads this runner knows.
     */
    static Results read(Path file) throws IOException {
        Results r = new Results();
        String section = null;
        for (String line : Files.readAllLines(file)) {
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                section = h.group(1);
                Section known = Workloads.section(section);
                if (known != null) {
                    r.section(known);
                }
                continue;
            }
            Matcher m = RAW.matcher(line);
            if (section != null && m.matches()) {
                r.add(section, m.group(1), m.group(2));
            }
        }
        return r;
    }
}
