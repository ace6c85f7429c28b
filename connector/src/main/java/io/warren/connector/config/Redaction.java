package io.warren.connector.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of every message Warren prints about its configuration: the value of a property whose name
 * names a password, secret, token or key, and the user-info part of a URI ({@code amqp://user:secret@host}).
 * Validation reports, logs, health reasons and exceptions all go through here.
 */
public final class Redaction {

    /** What a secret value is replaced with. */
    public static final String MASK = "***";

    /**
     * Names of secrets, misspelt ones included ({@code pasword}, {@code passwd}), since a misspelt key is exactly
     * the one a validation report quotes back.
     */
    private static final Pattern SECRET_WORD = Pattern.compile(
            "pas+w(o?r)?d|pwd|passphrase|secret|token");
    /** A word that names a key: {@code key}, {@code api-key}, {@code private-key}, but not a routing key. */
    private static final Pattern WORDS = Pattern.compile("[^a-z0-9]+");
    /** {@code scheme://user-info@}: the user-info is replaced, the rest of the URI is kept. */
    private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)([^@/\\s,]+)@");

    private Redaction() {
    }

    /** Whether a property or attribute name names a secret, such as {@code rabbitmq-password}. */
    public static boolean isSecret(String name) {
        if (name == null) {
            return false;
        }
        String n = name.toLowerCase(Locale.ROOT);
        if (SECRET_WORD.matcher(n).find()) {
            return true;
        }
        String[] words = WORDS.split(n.replace("\"", ""));
        if (words.length == 0) {
            return false;
        }
        String last = words[words.length - 1];
        if (last.equals("pass")) {
            return true;
        }
        boolean key = last.equals("key") || last.equals("keys") || (last.endsWith("key") && last.length() > 3
                && !last.endsWith("routingkey"));
        String before = words.length > 1 ? words[words.length - 2] : "";
        return key && !before.equals("routing");
    }

    /** The value to print for a property: masked when the name names a secret, without URI user-info otherwise. */
    public static String value(String name, String value) {
        if (value == null) {
            return null;
        }
        if (isSecret(name)) {
            return MASK;
        }
        return text(value);
    }

    /** The text with the user-info of every URI in it masked. */
    public static String text(String text) {
        if (text == null || text.indexOf("://") < 0) {
            return text;
        }
        Matcher m = USER_INFO.matcher(text);
        return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + MASK + "@"));
    }

    /**
     * The text with a secret value taken out wherever it appears (say, quoted back in a problem description), and
     * URI user-info masked.
     */
    public static String text(String text, String name, String value) {
        if (text == null) {
            return null;
        }
        String t = text;
        if (value != null && !value.isBlank() && isSecret(name)) {
            t = t.replace(value, MASK);
            String trimmed = value.trim();
            if (!trimmed.isEmpty()) {
                t = t.replace(trimmed, MASK);
            }
        }
        return text(t);
    }
}
