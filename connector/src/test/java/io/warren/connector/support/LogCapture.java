package io.warren.connector.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/** Collects log records while it is open, to assert on log lines (and on what they must never contain). */
public final class LogCapture extends Handler implements AutoCloseable {

    /** A captured line: its level, its formatted message, and the messages of its exception chain. */
    public record Line(Level level, String message, String exceptions) {
        public boolean isError() {
            return level.intValue() >= Level.SEVERE.intValue();
        }

        /** The whole line as text: level, message and exceptions. */
        @Override
        public String toString() {
            return level + " " + message + exceptions;
        }
    }

    private final Logger logger;
    private final List<Line> lines = new CopyOnWriteArrayList<>();

    private LogCapture(String category) {
        this.logger = Logger.getLogger(category);
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    /** Starts capturing the category (and its children), {@code io.warren} for everything Warren logs. */
    public static LogCapture of(String category) {
        return new LogCapture(category);
    }

    /** Starts capturing everything logged, amqp-client included, through the root logger. */
    public static LogCapture start() {
        return new LogCapture("");
    }

    @Override
    public void publish(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        StringBuilder exceptions = new StringBuilder();
        for (Throwable t = record.getThrown(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            exceptions.append(" | ").append(t);
        }
        lines.add(new Line(record.getLevel(), String.valueOf(message), exceptions.toString()));
    }

    /** Every captured line, as text. */
    public List<String> lines() {
        return lines.stream().map(Line::toString).toList();
    }

    /** The lines at ERROR level whose message contains the text. */
    public long errors(String containing) {
        return lines.stream().filter(l -> l.isError() && l.message().contains(containing)).count();
    }

    /** Every line whose text (message or exceptions) contains the text. */
    public List<Line> containing(String text) {
        return lines.stream().filter(l -> l.toString().contains(text)).toList();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
