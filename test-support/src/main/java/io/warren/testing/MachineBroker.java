package io.warren.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code rabbitmqctl} on the machine's broker, for what a test may do there: read what the broker holds
 * ({@code list_queues name arguments}) and manage a user of its own, with a unique name, that it deletes
 * afterwards. Nothing global. Needs root, as the tests run on the project's machines and in CI.
 */
public final class MachineBroker {

    private static final String CTL = System.getProperty("warren.rabbitmqctl", "rabbitmqctl");

    private MachineBroker() {
    }

    /** Runs {@code rabbitmqctl -q <args>} and returns its output; fails on a non-zero exit. */
    public static String ctl(String... args) {
        List<String> cmd = new ArrayList<>(List.of(CTL, "-q"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("rabbitmqctl " + args[0] + " did not finish in 60 s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("rabbitmqctl " + args[0] + " exited with " + p.exitValue() + ": "
                        + out.trim());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The line of {@code rabbitmqctl list_<what> <columns> --formatter json} whose text contains {@code needle}. */
    public static String row(String what, String needle, String... columns) {
        List<String> args = new ArrayList<>(List.of("list_" + what));
        args.addAll(List.of(columns));
        args.addAll(List.of("--formatter", "json"));
        for (String line : ctl(args.toArray(new String[0])).split("\n")) {
            if (line.contains("\"" + needle + "\"")) {
                return line;
            }
        }
        return null;
    }

    /** Every line of such a listing that contains {@code needle}. */
    public static List<String> rows(String what, String needle, String... columns) {
        List<String> args = new ArrayList<>(List.of("list_" + what));
        args.addAll(List.of(columns));
        args.addAll(List.of("--formatter", "json"));
        List<String> rows = new ArrayList<>();
        for (String line : ctl(args.toArray(new String[0])).split("\n")) {
            if (line.contains("\"" + needle + "\"")) {
                rows.add(line);
            }
        }
        return rows;
    }
}
