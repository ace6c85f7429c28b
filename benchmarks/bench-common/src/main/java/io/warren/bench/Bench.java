package io.warren.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.CompletableFuture;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * The workloads, shared by every system under test so that only the messaging code differs. Each system calls
 * {@link #onMessage} from its consumer and gives {@link #run} a way to send one payload with a completion callback.
 * Results are printed as one {@code RESULT} line that the runner parses.
 */
public final class Bench {

    /** Sends a payload and runs the callback once it is confirmed (or failed). */
    public interface Sender {
        void send(Payload payload, Runnable done);
    }

    public final String mode = System.getProperty("bench.mode", "consume");
    public final long n = Long.getLong("bench.n", 200_000);
    public final int rate = Integer.getInteger("bench.rate", 5_000);
    public final int seconds = Integer.getInteger("bench.seconds", 30);
    public final int slowMs = Integer.getInteger("bench.slow-ms", 5);
    public final int inflight = Integer.getInteger("bench.inflight", 1024);
    /** W3: seconds at the full rate before measuring, so that every system is measured after its JIT warm-up. */
    public final int warmupSeconds = Integer.getInteger("bench.warmup-seconds", 20);

    private final AtomicLong received = new AtomicLong();
    private volatile long firstAt;
    private volatile long firstCpuNanos;
    private volatile Map<Long, Long> firstThreadCpu = Map.of();
    private final CountDownLatch allReceived = new CountDownLatch(1);
    private long[] latencies;
    private final AtomicLong latencyCount = new AtomicLong();
    private volatile boolean measuring;

    /** Called by the consumer of each system, for every message. */
    public void onMessage(Payload p) {
        long now = System.nanoTime();
        if ("latency".equals(mode)) {
            if (measuring) {
                long i = latencyCount.getAndIncrement();
                if (i < latencies.length) {
                    latencies[(int) i] = now - p.sentAtNanos;
                }
            }
            return;
        }
        if ("memory".equals(mode)) {
            sleep(slowMs);
        }
        long count = received.incrementAndGet();
        if (count == 1) {
            firstAt = now;
            firstCpuNanos = processCpuNanos();
            if (THREAD_CPU) {
                firstThreadCpu = threadCpu();
            }
        }
        if (count == n) {
            allReceived.countDown();
        }
    }

    /** Runs the workload of {@code bench.mode}, prints its RESULT line, then calls {@code exit}. */
    public void run(Sender sender, Runnable exit) {
        Thread t = new Thread(() -> {
            try {
                switch (mode) {
                    case "consume" -> consume();
                    case "publish" -> publish(sender);
                    case "latency" -> latency(sender);
                    case "memory" -> memory();
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
        long nanos = System.nanoTime() - firstAt;
        long cpu = processCpuNanos() - firstCpuNanos;
        if (THREAD_CPU) {
            printThreadCpu(firstThreadCpu);
        }
        // The client's CPU per message: the broker shares the machine, so every microsecond here is one it lacks.
        System.out.printf(Locale.ROOT, "RESULT workload=consume n=%d seconds=%.3f rate=%.0f cpu_us_per_msg=%.2f%n", n,
                nanos / 1e9, n / (nanos / 1e9), cpu / 1e3 / n);
    }

    /** {@code -Dbench.thread-cpu=true}: print each thread's CPU time over the measured period (W1). */
    private static final boolean THREAD_CPU = Boolean.getBoolean("bench.thread-cpu");

    private static long processCpuNanos() {
        return ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime();
    }

    /** Per Linux thread: name, then CPU ticks (utime + stime) and context switches, from {@code /proc/self/task}. */
    private static Map<Long, Long> threadCpu() {
        Map<Long, Long> cpu = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    long tid = Long.parseLong(task.getFileName().toString());
                    cpu.put(tid, cpuTicks(task));
                    long switches = 0;
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.contains("ctxt_switches:")) {
                            switches += Long.parseLong(line.replaceAll("\\D+", ""));
                        }
                    }
                    cpu.put(-tid, switches);
                } catch (Exception e) {
                    // the thread ended meanwhile
                }
            }
        } catch (Exception e) {
            System.out.println("THREAD unavailable: " + e);
        }
        return cpu;
    }

    /**
     * The CPU time (utime + stime, in clock ticks of 10 ms) of a process or thread, from its {@code /proc} folder.
     * The fields are counted after the command name, which may contain spaces.
     */
    public static long cpuTicks(Path procDir) throws java.io.IOException {
        String stat = Files.readString(procDir.resolve("stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static void printThreadCpu(Map<Long, Long> before) {
        Map<String, long[]> byName = new TreeMap<>();
        Map<Long, Long> now = threadCpu();
        now.forEach((tid, value) -> {
            if (tid <= 0) {
                return;
            }
            String comm;
            try {
                comm = Files.readString(Path.of("/proc/self/task/" + tid + "/comm")).trim();
            } catch (Exception e) {
                return;
            }
            long[] sum = byName.computeIfAbsent(comm.replaceAll("\\d+$", "N").replace(' ', '_'), k -> new long[2]);
            sum[0] += value - before.getOrDefault(tid, 0L);
            sum[1] += now.getOrDefault(-tid, 0L) - before.getOrDefault(-tid, 0L);
        });
        // Ticks are 10 ms; only threads that used at least 50 ms are shown.
        byName.entrySet().stream().filter(e -> e.getValue()[0] >= 5)
                .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                .forEach(e -> System.out.printf(Locale.ROOT, "THREAD %s cpu_ms=%d switches=%d%n", e.getKey(),
                        e.getValue()[0] * 10, e.getValue()[1]));
    }

    private void publish(Sender sender) throws InterruptedException {
        Semaphore window = new Semaphore(inflight);
        CountDownLatch done = new CountDownLatch((int) n);
        long start = System.nanoTime();
        long startCpu = processCpuNanos();
        Map<Long, Long> startThreads = THREAD_CPU ? threadCpu() : Map.of();
        for (long i = 0; i < n; i++) {
            window.acquire();
            sender.send(Payload.sample(i), () -> {
                window.release();
                done.countDown();
            });
        }
        if (!done.await(10, TimeUnit.MINUTES)) {
            System.out.println("RESULT error=timeout");
            return;
        }
        long nanos = System.nanoTime() - start;
        long cpu = processCpuNanos() - startCpu;
        if (THREAD_CPU) {
            printThreadCpu(startThreads);
        }
        System.out.printf(Locale.ROOT, "RESULT workload=publish n=%d seconds=%.3f rate=%.0f cpu_us_per_msg=%.2f%n", n,
                nanos / 1e9, n / (nanos / 1e9), cpu / 1e3 / n);
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
        measuring = true;
        Thread.sleep(seconds * 1000L);
        measuring = false;
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
        System.out.printf("RESULT workload=latency count=%d p50_ms=%.3f p99_ms=%.3f max_ms=%.3f%n", count,
                pct(sorted, 0.50), pct(sorted, 0.99), count == 0 ? 0 : sorted[count - 1] / 1e6);
    }

    private void memory() throws Exception {
        long peakRss = 0;
        long rssAt20 = 0;
        long liveAt20 = 0;
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
        long liveEnd = liveHeap();
        // RSS grows while the JVM first touches its heap; the live heap after a GC is what a backlog would inflate.
        System.out.printf("RESULT workload=memory seconds=%d processed=%d peak_rss_mb=%.1f rss_at_20s_mb=%.1f"
                + " rss_end_mb=%.1f heap_end_mb=%.1f live_heap_20s_mb=%.1f live_heap_end_mb=%.1f%n", seconds,
                received.get(), peakRss / 1024.0, rssAt20 / 1024.0, rssKb() / 1024.0, heap / 1048576.0,
                liveAt20 / 1048576.0, liveEnd / 1048576.0);
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
            done.run();
            return CompletableFuture.completedFuture(null);
        }));
    }
}
