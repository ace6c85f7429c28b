package io.warren.bench.raw;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

/**
 * A workload on durable queues of the machine's broker, fresh for every run and deleted after it: W1 to W4, their
 * quorum variants, W6. The apps' incoming channels are told the queue type, so that their declarations match.
 *
 * @param name      the workload's name ({@code w1}, {@code w1q}, ...)
 * @param title     what its results section says it is
 * @param mode      the programs' {@code bench.mode}
 * @param queueType {@code x-queue-type} of the queues, or null for classic
 * @param channels  incoming and outgoing channels of the application (W6: 8 each way, queues {@code <queue>-N})
 * @param prefill   messages put in each queue before the program starts
 * @param props     the workload's own program properties
 * @param primary   the figure it is judged on
 */
record QueueWorkload(String name, String title, String mode, String queueType, int channels, long prefill,
        List<String> props, Measure primary) implements Workload {

    /** Warren against the raw client, then against SmallRye's connector, each ratio taken round by round. */
    static final List<List<String>> RATIOS = List.of(List.of("warren", "raw"), List.of("warren", "smallrye"),
            // The cost of observability, against plain Warren (issue 16's variants).
            List.of("warren-metrics", "warren"), List.of("warren-tracing", "warren"),
            List.of("warren-extensions", "warren"),
            // Warren's spans alone, in an application that has OpenTelemetry on either way.
            List.of("warren-tracing", "warren-otel"));

    @Override
    public List<Results.Section> sections() {
        return List.of(new Results.Section(name, title, primary, Launcher.SYSTEMS, RATIOS));
    }

    @Override
    public int rounds(int configured) {
        return mode.equals("memory") ? 1 : configured;
    }

    @Override
    public Map<String, String> runOnce(Launcher launcher, String system) throws Exception {
        String queue = "bench-" + name + "-" + system + "-" + UUID.randomUUID().toString().substring(0, 6);
        List<String> queues = channels == 1 ? List.of(queue) : names(queue + "-");
        boolean consumes = !mode.equals("publish");
        // A publishing workload's app still has an incoming channel: it reads an empty queue of the run's own.
        String idle = queue + "-idle";
        List<String> declared = new ArrayList<>(queues);
        if (!consumes) {
            declared.add(idle);
        }
        Map<String, Object> args = queueType == null ? null : Map.of("x-queue-type", queueType);
        try (Cleanup.Action delete = Cleanup.register(() -> deleteAll(declared))) {
            try (Connection c = RawBench.factory().newConnection("bench-runner")) {
                Channel ch = c.createChannel();
                for (String q : declared) {
                    ch.queueDeclare(q, true, false, false, q.equals(idle) ? null : args);
                }
            }
            for (String q : prefill > 0 ? queues : List.<String>of()) {
                RawBench.prefill(q, prefill);
            }
            List<String> all = new ArrayList<>(List.of("-Dbench.mode=" + mode,
                    "-Dbench.in-queue=" + (consumes ? queue : idle), "-Dbench.out-queue=" + queue));
            all.addAll(props);
            if (channels > 1) {
                all.addAll(List.of("-Dbench.channels=" + channels, "-Dbench.one-channel=false",
                        "-Dbench.many-channels=true"));
            }
            if (queueType != null && consumes) {
                for (String incoming : channels == 1 ? List.of("bench-in") : names("w6-in-")) {
                    all.add("-Dmp.messaging.incoming." + incoming + ".queue.x-queue-type=" + queueType);
                }
            }
            return Map.of(name, launcher.launch(system, all));
        }
    }

    /** Deletes the run's queues, on a connection of its own (the run's may be gone). */
    private static void deleteAll(List<String> queues) {
        try (Connection c = RawBench.factory().newConnection("bench-cleanup")) {
            Channel ch = c.createChannel();
            for (String q : queues) {
                ch.queueDelete(q);
            }
        } catch (Exception e) {
            System.err.println("Could not delete the queues " + queues + ": " + e);
        }
    }

    /** {@code prefix0}, {@code prefix1}, ... one per channel. */
    private List<String> names(String prefix) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < channels; i++) {
            names.add(prefix + i);
        }
        return names;
    }
}
