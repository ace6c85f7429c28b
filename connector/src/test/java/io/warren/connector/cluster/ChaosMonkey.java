package io.warren.connector.cluster;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jboss.logging.Logger;

import io.warren.testing.RabbitCluster;

/**
 * Injects faults into the cluster until stopped, on two threads. One closes every client connection on one running
 * node (in turn) every {@code interval}. The other, which alone stops nodes (so never two are down at once), stops the
 * node leading the input queue, waits {@code down}, starts it again, then does the same once with a node holding the
 * application's connections, then with the leader again, and so on, with {@code interval} between.
 */
final class ChaosMonkey implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ChaosMonkey.class);

    private final RabbitCluster cluster;
    private final String inputQueue;
    private final String appConnection;
    private final long intervalMs;
    private final long downMs;
    private final long start = System.nanoTime();
    private final List<String> faults = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final Thread closer = new Thread(this::closeConnections, "chaos-closer");
    private final Thread stopper = new Thread(this::stopNodes, "chaos-stopper");
    private volatile int down;
    private volatile int rounds;
    private volatile boolean stopped;

    /**
     * @param appConnection the application's client-provided connection name, without the role suffix
     */
    ChaosMonkey(RabbitCluster cluster, String inputQueue, String appConnection, long intervalMs, long downMs) {
        this.cluster = cluster;
        this.inputQueue = inputQueue;
        this.appConnection = appConnection;
        this.intervalMs = intervalMs;
        this.downMs = downMs;
    }

    void start() {
        closer.start();
        stopper.start();
    }

    /** Each fault injected, with the second it started at. */
    List<String> faults() {
        return List.copyOf(faults);
    }

    List<Throwable> failures() {
        return List.copyOf(failures);
    }

    /**
     * Waits until the node faults the suite requires have happened at least once each: the input queue's leader
     * stopped and started, and the node of the application's connections restarted. On a loaded machine the CLI
     * calls are slow, and the messages may all be through before.
     */
    void awaitNodeFaults(long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (rounds < 2 && stopper.isAlive() && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
    }

    /** Stops injecting, waits for both threads, and makes sure every node runs again. */
    @Override
    public void close() throws InterruptedException {
        stopped = true;
        closer.interrupt();
        closer.join(30_000);
        stopper.join(120_000);
        for (int i = 1; i <= cluster.size(); i++) {
            if (!cluster.node(i).isRunning()) {
                cluster.startNode(i);
            }
        }
    }

    private void closeConnections() {
        int next = 0;
        while (!stopped) {
            try {
                Thread.sleep(intervalMs);
            } catch (InterruptedException e) {
                return;
            }
            int node = next++ % cluster.size() + 1;
            if (node == down || !cluster.node(node).isRunning()) {
                continue;
            }
            try {
                record("closed every client connection on node " + node);
                cluster.closeConnections(node, "chaos");
            } catch (RuntimeException e) {
                // The node went down meanwhile: that fault happened anyway.
                LOG.debugf("chaos: closing connections on node %d failed: %s", node, e.getMessage());
            }
        }
    }

    private void stopNodes() {
        int round = 0;
        try {
            while (!stopped) {
                Thread.sleep(intervalMs * 2);
                if (stopped) {
                    return;
                }
                if (round++ == 1) {
                    restartAppNode();
                } else {
                    int leader = cluster.leaderOf(inputQueue, cluster.anyRunningBut(0));
                    restart(leader, "stopped node " + leader + ", the leader of the input queue");
                }
                rounds = round;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failures.add(e);
            LOG.errorf(e, "chaos: stopping or starting a node failed");
        }
    }

    private void restartAppNode() throws InterruptedException {
        int via = cluster.anyRunningBut(0);
        List<Integer> nodes = cluster.nodesOfConnection(appConnection + "-consumer", via);
        if (nodes.isEmpty()) {
            nodes = cluster.nodesOfConnection(appConnection + "-publisher", via);
        }
        int node = nodes.isEmpty() ? 1 : nodes.get(0);
        restart(node, "restarted node " + node + ", which holds the application's connections");
    }

    private void restart(int node, String what) throws InterruptedException {
        if (node < 1) {
            LOG.infof("chaos: no leader found for the input queue; skipped");
            return;
        }
        record(what);
        down = node;
        try {
            cluster.stopNode(node);
            Thread.sleep(downMs);
            cluster.startNode(node);
        } finally {
            down = 0;
        }
        LOG.infof("chaos: t=%.1fs node %d is back", seconds(), node);
    }

    private void record(String what) {
        String line = String.format("t=%.1fs %s", seconds(), what);
        faults.add(line);
        LOG.infof("chaos: %s", line);
    }

    private double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }
}
