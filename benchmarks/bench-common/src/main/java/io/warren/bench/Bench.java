package io.warren.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * The workloads, shared by every system under test so that only the messaging code differs. Each system calls
 * {@link #onMessage} from its consumers and gives {@link #run} a way to send one payload with a completion callback
 * (one per outgoing channel). Results are printed as one {@code RESULT} line that the runner parses; every line
 * carries the client's CPU time and heap allocation per message over the measured window ({@link Meter}).
 */
public final class Bench {

    /**
     * Sends a payload and runs the callback once it is confirmed; on a failure, calls {@link #failed(Runnable)} with
     * it instead (a sender that runs it for both still works: its failures are not counted).
     */
    public interface Sender {
        void send(Payload payload, Runnable done);
    }

    /** What a sender calls when a message failed (nacked, or refused by its emitter) instead of {@code done.run()}. */
    public static void failed(Runnable done) {
        if (done instanceof Publishing.Outcome outcome) {
            outcome.failed();
        } else {
            done.run();
        }
    }

    public final String mode = System.getProperty("bench.mode", "consume");
    public final long n = Long.getLong("bench.n", 200_000);
    public final int rate = Integer.getInteger("bench.rate", 5_000);
    public final int seconds = Integer.getInteger("bench.seconds", 30);
    public final int slowMs = Integer.getInteger("bench.slow-ms", 5);
    public final int inflight = Integer.getInteger("bench.inflight", 1024);
    /** W3: seconds at the full rate before measuring, so that every system is measured after its JIT warm-up. */
    public final int warmupSeconds = Integer.getInteger("bench.warmup-seconds", 20);
    /** W6: the incoming and the outgoing channels of the application (as many each way). */
    public final int channels = Integer.getInteger("bench.channels", 1);

    private final AtomicLong received = new AtomicLong();
    private volatile Meter firstMessage;
    private final CountDownLatch allReceived = new CountDownLatch(1);
    /** The messages to receive: W6 lowers it by those that failed to publish, once all are settled. */
    private volatile long expected = n;
    private long[] latencies;
    private final AtomicLong latencyCount = new AtomicLong();
    private volatile boolean measuring;

    /** Called by the consumers of each system, for every message. */
    public void onMessage(Payload p) {
        if ("latency".equals(mode)) {
            if (measuring) {
                long i = latencyCount.getAndIncrement();
                if (i < latencies.length) {
                    latencies[(int) i] = System.nanoTime() - p.sentAtNanos;
                }
            }
            return;
        }
        if ("memory".equals(mode)) {
            sleep(slowMs);
        }
        long count = received.incrementAndGet();
        if (count == 1 && "consume".equals(mode)) {
            firstMessage = Meter.start();
        }
        if (count >= expected) {
            allReceived.countDown();
        }
    }

    /** Runs the workload of {@code bench.mode} with one sender, prints its RESULT line, then calls {@code exit}. */
    public void run(Sender sender, Runnable exit) {
        run(List.of(sender), exit);
    }

    /** The same with a sender per outgoing channel (W6 uses them all, the other workloads the first). */
    public void run(List<Sender> senders, Runnable exit) {
        Thread t = new Thread(() -> {
            try {
                switch (mode) {
                    case "consume" -> consume();
                    case "publish" -> publish(senders.get(0));
                    case "latency" -> latency(senders.get(0));
                    case "memory" -> memory();
                    case "pipeline" -> pipeline(senders);
                    default -> System.out.println("RESULT error=unknown-mode-" + mode);
                }
            } catch (Exception e) {
                System.out.println("RESULT error=" + e.toString().replace(' ', '_'));
            } finally {
                System.out.flush();
                exit.run();
            }
        }, "bench-driver");
        t.setDaemon(true);
        t.start();
    }

    private void consume() throws InterruptedException {
        if (!allReceived.await(10, TimeUnit.MINUTES)) {
            System.out.println("RESULT error=timeout received=" + received.get());
            return;
        }
        Meter window = firstMessage;
        long nanos = window.elapsedNanos();
        // The client's CPU per message: the broker shares the machine, so every microsecond here is one it lacks.
        System.out.printf(Locale.ROOT, "RESULT workload=consume n=%d seconds=%.3f rate=%.0f%s%n", n, nanos / 1e9,
                n / (nanos / 1e9), window.perMessage(n));
    }

    private void publish(Sender sender) throws InterruptedException {
        Meter window = Meter.start();
        Publishing publishing = new Publishing(n, inflight);
        publishing.sendAll(sender, 0, 1);
        if (!publishing.await()) {
            System.out.println("RESULT error=timeout");
            return;
        }
        long nanos = window.elapsedNanos();
        System.out.printf(Locale.ROOT, "RESULT workload=publish n=%d seconds=%.3f rate=%.0f%s nacked=%d%n", n,
                nanos / 1e9, n / (nanos / 1e9), window.perMessage(n), publishing.failed());
    }

    /**
     * W6: every outgoing channel publishes its share of {@code n} (each with its own window of {@code inflight})
     * from a thread of its own, while the incoming channels consume; done when all are confirmed and handled.
     */
    private void pipeline(List<Sender> senders) throws InterruptedException {
        Meter window = Meter.start();
        Publishing publishing = new Publishing(n, inflight);
        List<Thread> threads = new java.util.ArrayList<>();
        for (int i = 0; i < senders.size(); i++) {
            int channel = i;
            Thread t = new Thread(() -> {
                try {
                    publishing.sendAll(senders.get(channel), channel, senders.size());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "bench-publisher-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        boolean settled = publishing.await();
        // A message that failed to publish never arrives: wait for the others.
        expected = n - publishing.failed();
        if (received.get() >= expected) {
            allReceived.countDown();
        }
        if (!settled || !allReceived.await(10, TimeUnit.MINUTES)) {
            System.out.println("RESULT error=timeout received=" + received.get() + " nacked=" + publishing.failed());
            return;
        }
        long nanos = window.elapsedNanos();
        long handled = received.get();
        // The rate and the costs are per message handled (published, confirmed and consumed).
        System.out.printf(Locale.ROOT, "RESULT workload=pipeline channels=%d n=%d handled=%d seconds=%.3f rate=%.0f%s"
                + " nacked=%d%n", senders.size(), n, handled, nanos / 1e9, handled / (nanos / 1e9),
                window.perMessage(handled), publishing.failed());
    }

    private void latency(Sender sender) throws InterruptedException {
        latencies = new long[rate * seconds + rate];
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        long periodNanos = 1_000_000_000L / rate;
        AtomicLong sent = new AtomicLong();
        // Warm-up at the full rate, then the measured period.
        ticker.scheduleAtFixedRate(() -> {
            Payload p = Payload.sample(sent.getAndIncrement());
            p.sentAtNanos = System.nanoTime();
            sender.send(p, () -> {
            });
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        Thread.sleep(warmupSeconds * 1000L);
        Meter window = Meter.start();
        measuring = true;
        Thread.sleep(seconds * 1000L);
        measuring = false;
        // Per message received in the measured period (as many were sent in it, at a fixed rate).
        String perMessage = window.perMessage(latencyCount.get());
        ticker.shutdownNow();
        Thread.sleep(500);
        int count = (int) Math.min(latencyCount.get(), latencies.length);
        if (Boolean.getBoolean("bench.timeline")) {
            // The worst latency of each second, in arrival order: shows whether the tail is steady or bursts.
            StringBuilder timeline = new StringBuilder("TIMELINE max_ms per second:");
            for (int from = 0; from < count; from += rate) {
                long max = 0;
                for (int i = from; i < Math.min(count, from + rate); i++) {
                    max = Math.max(max, latencies[i]);
                }
                timeline.append(' ').append(String.format("%.1f", max / 1e6));
            }
            System.out.println(timeline);
        }
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "RESULT workload=latency count=%d p50_ms=%.3f p99_ms=%.3f max_ms=%.3f%s%n",
                count, pct(sorted, 0.50), pct(sorted, 0.99), count == 0 ? 0 : sorted[count - 1] / 1e6, perMessage);
    }

    private void memory() throws Exception {
        long peakRss = 0;
        long rssAt20 = 0;
        long liveAt20 = 0;
        // Over the whole period, the full GC at 20 s included; per message handled (at most 1 every 5 ms).
        Meter window = Meter.start();
        long receivedBefore = received.get();
        for (int s = 1; s <= seconds; s++) {
            Thread.sleep(1000);
            long rss = rssKb();
            peakRss = Math.max(peakRss, rss);
            if (s == Math.min(20, seconds)) {
                rssAt20 = rss;
                liveAt20 = liveHeap();
            }
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long processed = received.get();
        String perMessage = window.perMessage(processed - receivedBefore);
        long liveEnd = liveHeap();
        // RSS grows while the JVM first touches its heap; the live heap after a GC is what a backlog would inflate.
        System.out.printf(Locale.ROOT, "RESULT workload=memory seconds=%d processed=%d peak_rss_mb=%.1f rss_at_20s_mb=%.1f"
                + " rss_end_mb=%.1f heap_end_mb=%.1f live_heap_20s_mb=%.1f live_heap_end_mb=%.1f%s%n", seconds,
                processed, peakRss / 1024.0, rssAt20 / 1024.0, rssKb() / 1024.0, heap / 1048576.0,
                liveAt20 / 1048576.0, liveEnd / 1048576.0, perMessage);
    }

    private static long liveHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static long rssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", ""));
            }
        }
        return -1;
    }

    private static void sleep(int ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A sender on a SmallRye emitter: the payload's message completes the callback when acked or nacked. */
    public static Sender viaEmitter(MutinyEmitter<Payload> emitter) {
        return (payload, done) -> emitter.sendMessageAndForget(Message.of(payload, () -> {
            done.run();
            return CompletableFuture.completedFuture(null);
        }, failure -> {
            failed(done);
            return CompletableFuture.completedFuture(null);
        }));
    }
}
