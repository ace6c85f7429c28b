package io.warren.connector.arguments;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Arguments written inline, as SmallRye writes {@code arguments} and {@code consumer-arguments}:
 * {@code key:value,key:value}. A whole number becomes a number and {@code true}/{@code false} a boolean, because
 * RabbitMQ checks the type ({@code x-max-length:"10"} is refused with "expected integer, got longstr"); anything
 * else is a string.
 */
public final class ArgumentList {

    private ArgumentList() {
    }

    /** The arguments; an {@link IllegalArgumentException} naming the entry when one is not {@code key:value}. */
    public static Map<String, Object> parse(String text) {
        Map<String, Object> args = new LinkedHashMap<>();
        List<String> problems = problems(text, args);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.get(0));
        }
        return Collections.unmodifiableMap(args);
    }

    /** What is wrong with the text, one entry per problem; fills {@code into} with the entries that parse. */
    public static List<String> problems(String text, Map<String, Object> into) {
        List<String> problems = new ArrayList<>();
        if (text == null) {
            return problems;
        }
        for (String part : text.split(",")) {
            String entry = part.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                problems.add("'" + entry + "' is not key:value");
                continue;
            }
            String key = entry.substring(0, colon).trim();
            String value = entry.substring(colon + 1).trim();
            if (key.isEmpty()) {
                problems.add("'" + entry + "' has no key");
            } else if (into.put(key, typed(value)) != null) {
                problems.add("'" + key + "' is given twice");
            }
        }
        return problems;
    }

    /** A number, a boolean or the string itself. */
    static Object typed(String value) {
        if (value.matches("-?\\d{1,18}")) {
            return Long.parseLong(value);
        }
        if (value.equals("true") || value.equals("false")) {
            return Boolean.valueOf(value);
        }
        return value;
    }
}
