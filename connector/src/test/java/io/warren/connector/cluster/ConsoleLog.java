package io.warren.connector.cluster;

import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Makes Warren's log visible in the cluster tests, whose failures are read from it: this module's logging.properties
 * is not applied by the log manager (the root logger has no handler), so without this every line is dropped.
 */
final class ConsoleLog {

    private ConsoleLog() {
    }

    static synchronized void install() {
        Logger root = Logger.getLogger("");
        if (root.getHandlers().length > 0) {
            return;
        }
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT.%1$tL %4$-7s [%3$s] %5$s%6$s%n");
        ConsoleHandler console = new ConsoleHandler();
        console.setLevel(Level.INFO);
        console.setFormatter(new SimpleFormatter());
        root.addHandler(console);
        Logger.getLogger("com.rabbitmq").setLevel(Level.WARNING);
    }
}
