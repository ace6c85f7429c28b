package io.warren.connector.connection;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Closes channels side by side and waits for all of them: closed one after another, ten stuck channels took ten
 * timeouts. Each close must bound itself (by its own deadline), since nothing here interrupts it.
 */
public final class ParallelClose {

    private ParallelClose() {
    }

    /** Runs {@code close} on every item, each in a thread of its own, and returns once all are done. */
    public static <T> void run(List<T> items, Consumer<T> close) {
        List<Thread> threads = new ArrayList<>();
        for (T item : items) {
            Thread t = new Thread(() -> close.accept(item), "warren-close");
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            try {
                t.join(); // each close is bounded by its deadline plus a few seconds of channel work
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
