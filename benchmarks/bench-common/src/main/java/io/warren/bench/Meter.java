package io.warren.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the client spends over a measured window: process CPU time and heap allocation, both divided by the messages
 * of the window. Start a window with {@link #start()}, end it with {@link #perMessage(long)}.
 *
 * <p>Allocation is the JVM's running total of bytes allocated on the heap by all its threads, those that ended
 * included ({@code com.sun.management.ThreadMXBean#getTotalThreadAllocatedBytes}): summing
 * {@code getThreadAllocatedBytes} over the threads alive at the end would miss a thread that ended inside the window
 * (a test here: 101.6 MB allocated by a thread that ended, 0.008 MB seen by the live-thread sum). The live-thread sums
 * are still taken at both ends with {@code -Dbench.thread-cpu=true}, per thread name, and what they miss is printed as
 * the share of the threads that ended.
 */
public final class Meter {

    /** {@code -Dbench.thread-cpu=true}: print each thread's CPU time and allocation over the window. */
    public static final boolean THREAD_DETAIL = Boolean.getBoolean("bench.thread-cpu");

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final long startNanos;
    private final long startCpu;
    private final long startAlloc;
    private final Map<Long, Long> startTicks;
    private final Map<Long, Long> startThreadAlloc;

    private Meter() {
        startTicks = THREAD_DETAIL ? threadTicks() : Map.of();
        startThreadAlloc = THREAD_DETAIL ? threadAlloc() : Map.of();
        startAlloc = allocatedBytes();
        startCpu = processCpuNanos();
        startNanos = System.nanoTime();
    }

    /** Starts a window now. */
    public static Meter start() {
        return new Meter();
    }

    /** Nanoseconds since the window started. */
    public long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    /**
     * Ends the window: {@code " cpu_us_per_msg=... alloc_bytes_per_msg=..."} for a RESULT line, after printing the
     * per-thread lines when asked for.
     */
    public String perMessage(long messages) {
        long cpu = processCpuNanos() - startCpu;
        long alloc = allocatedBytes() - startAlloc;
        if (THREAD_DETAIL) {
            // Per thread right after the total, before the printing allocates.
            Map<Long, Long> threadAlloc = threadAlloc();
            printThreadTicks();
            printThreadAlloc(alloc, threadAlloc);
        }
        long m = Math.max(1, messages);
        return String.format(Locale.ROOT, " cpu_us_per_msg=%.2f alloc_bytes_per_msg=%.0f", cpu / 1e3 / m,
                (double) alloc / m);
    }

    private static long processCpuNanos() {
        return ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime();
    }

    private static long allocatedBytes() {
        return THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled()
                ? THREADS.getTotalThreadAllocatedBytes() : -1;
    }

    /** Bytes allocated so far by each live thread, by thread id. */
    private static Map<Long, Long> threadAlloc() {
        long[] ids = THREADS.getAllThreadIds();
        long[] bytes = THREADS.getThreadAllocatedBytes(ids);
        Map<Long, Long> alloc = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0) {
                alloc.put(ids[i], bytes[i]);
            }
        }
        return alloc;
    }

    /** Allocation per live thread name (digits folded), and what the threads that ended in the window took. */
    private void printThreadAlloc(long total, Map<Long, Long> now) {
        Map<String, Long> byName = new TreeMap<>();
        long live = 0;
        for (var e : now.entrySet()) {
            var info = THREADS.getThreadInfo(e.getKey());
            long delta = e.getValue() - startThreadAlloc.getOrDefault(e.getKey(), 0L);
            live += delta;
            if (info != null) {
                byName.merge(info.getThreadName().replaceAll("\\d+", "N").replace(' ', '_'), delta, Long::sum);
            }
        }
        byName.entrySet().stream().filter(e -> e.getValue() >= 1 << 20)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> System.out.printf(Locale.ROOT, "ALLOC %s mb=%.1f%n", e.getKey(), e.getValue() / 1048576.0));
        System.out.printf(Locale.ROOT, "ALLOC (threads_that_ended_in_the_window) mb=%.1f%n",
                (total - live) / 1048576.0);
    }

    /** Per Linux thread: CPU ticks (utime + stime) and, under the negated id, context switches. */
    private static Map<Long, Long> threadTicks() {
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

    /** Per thread name (from {@code /proc}, so JIT and GC threads too): CPU ms and context switches in the window. */
    private void printThreadTicks() {
        Map<String, long[]> byName = new TreeMap<>();
        Map<Long, Long> now = threadTicks();
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
            sum[0] += value - startTicks.getOrDefault(tid, 0L);
            sum[1] += now.getOrDefault(-tid, 0L) - startTicks.getOrDefault(-tid, 0L);
        });
        // Ticks are 10 ms; only threads that used at least 50 ms are shown.
        byName.entrySet().stream().filter(e -> e.getValue()[0] >= 5)
                .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                .forEach(e -> System.out.printf(Locale.ROOT, "THREAD %s cpu_ms=%d switches=%d%n", e.getKey(),
                        e.getValue()[0] * 10, e.getValue()[1]));
    }
}
