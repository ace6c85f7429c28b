package io.warren.it;

import static io.restassured.RestAssured.given;

import java.util.Arrays;
import java.util.List;

/** One scrape of {@code /q/metrics} in Prometheus text format, and the value of a series in it. */
final class PrometheusScrape {

    private final List<String> lines;

    private PrometheusScrape(String text) {
        this.lines = text.lines().filter(l -> !l.startsWith("#")).toList();
    }

    static PrometheusScrape now() {
        return new PrometheusScrape(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    /**
     * The value of the series with this name and these labels (name, value, name, value...), or -1 when there is
     * none. Fails when the labels match more than one series.
     */
    double value(String name, String... labels) {
        List<String> matches = lines.stream().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .filter(l -> {
                    for (int i = 0; i < labels.length; i += 2) {
                        if (!l.contains(labels[i] + "=\"" + labels[i + 1] + "\"")) {
                            return false;
                        }
                    }
                    return true;
                }).toList();
        if (matches.size() > 1) {
            throw new AssertionError(name + Arrays.toString(labels) + " matches several series: " + matches);
        }
        if (matches.isEmpty()) {
            return -1;
        }
        // "name{labels} value", possibly followed by " # {trace_id=...} value timestamp": an exemplar, which
        // Micrometer adds to timers when a trace is current.
        String line = matches.get(0);
        int exemplar = line.indexOf(" # ");
        String sample = exemplar < 0 ? line : line.substring(0, exemplar);
        return Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1));
    }

    /** Every series whose name starts with this prefix, for error messages. */
    String all(String prefix) {
        return String.join("\n", lines.stream().filter(l -> l.startsWith(prefix)).toList());
    }
}
