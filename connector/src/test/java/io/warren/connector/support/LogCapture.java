package io.warren.connector.support;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/** Captures every log record (message and the messages of its exceptions) while open. */
public final class LogCapture extends Handler implements AutoCloseable {

    private final List<String> lines = new ArrayList<>();

    private LogCapture() {
    }

    /** Starts capturing everything logged through the root logger. */
    public static LogCapture start() {
        LogCapture c = new LogCapture();
        Logger.getLogger("").addHandler(c);
        return c;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        StringBuilder sb = new StringBuilder(record.getLevel() + " " + message);
        for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
            sb.append(" | ").append(t);
            if (t.getCause() == t) {
                break;
            }
        }
        lines.add(sb.toString());
    }

    /** The lines captured so far. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** The captured lines containing {@code text}. */
    public List<String> containing(String text) {
        return lines().stream().filter(l -> l.contains(text)).toList();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
