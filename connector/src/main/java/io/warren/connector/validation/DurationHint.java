package io.warren.connector.validation;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a duration written with a unit ({@code 5s}, {@code 500ms}, {@code PT1M}), so that an attribute that takes a
 * plain number of milliseconds or seconds can say which number was meant.
 */
final class DurationHint {

    private static final Pattern WITH_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");

    private DurationHint() {
    }

    /** The duration in milliseconds, or empty when {@code text} is not a duration with a unit. */
    static OptionalLong millis(String text) {
        String v = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = WITH_UNIT.matcher(v);
        if (m.matches()) {
            double amount = Double.parseDouble(m.group(1));
            double factor = switch (m.group(2)) {
                case "ms" -> 1;
                case "s" -> 1_000;
                case "m" -> 60_000;
                case "h" -> 3_600_000;
                default -> 86_400_000;
            };
            return OptionalLong.of(Math.round(amount * factor));
        }
        if (v.startsWith("pt") || v.startsWith("p")) {
            try {
                return OptionalLong.of(Duration.parse(v.toUpperCase(Locale.ROOT)).toMillis());
            } catch (DateTimeParseException e) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }
}
