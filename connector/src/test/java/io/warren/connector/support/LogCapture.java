package io.warren.connector.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/** Collects what Warren logs while it is open, to assert on log lines. */
public final class LogCapture extends Handler implements AutoCloseable {

    /** A captured line: its level and its formatted message. */
    public record Line(Level level, String message) {
        public boolean isError() {
            return level.intValue() >= Level.SEVERE.intValue();
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

    @Override
    public void publish(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        lines.add(new Line(record.getLevel(), message));
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    /** The lines at ERROR level whose message contains the text. */
    public long errors(String containing) {
        return lines.stream().filter(l -> l.isError() && l.message().contains(containing)).count();
    }

    /** Every line whose message contains the text. */
    public List<Line> containing(String text) {
        return lines.stream().filter(l -> l.message().contains(text)).toList();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
