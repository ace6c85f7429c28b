package io.warren.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * A RabbitMQ cluster of the tests' own: {@code n} {@link RabbitNode}s on 127.0.0.1 sharing one Erlang cookie, joined
 * to the first. It never touches the machine's broker. {@link #close()} stops every node and deletes their folders.
 */
public final class RabbitCluster implements AutoCloseable {

    private final List<RabbitNode> nodes;
    private final Path home;

    private RabbitCluster(List<RabbitNode> nodes, Path home) {
        this.nodes = nodes;
        this.home = home;
    }

    /** Starts {@code n} nodes in parallel and joins them into one cluster (about 20 s for 3 nodes). */
    public static RabbitCluster start(int n) {
        Path home;
        try {
            home = Files.createTempDirectory("warren-rabbit-cluster-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<RabbitNode> nodes = new ArrayList<>();
        try {
            for (int i = 1; i <= n; i++) {
                nodes.add(RabbitNode.builder("c" + i).home(home).create());
            }
            CompletableFuture.allOf(nodes.stream().map(node -> CompletableFuture.runAsync(node::start))
                    .toArray(CompletableFuture[]::new)).join();
            RabbitNode first = nodes.get(0);
            for (RabbitNode node : nodes.subList(1, n)) {
                node.ctl("-q", "stop_app");
                node.ctl("-q", "reset");
                node.ctl("-q", "join_cluster", first.nodeName());
                node.ctl("-q", "start_app");
            }
            first.ctl("-q", "await_online_nodes", String.valueOf(n), "--timeout", "60");
            return new RabbitCluster(List.copyOf(nodes), home);
        } catch (RuntimeException e) {
            nodes.forEach(RabbitNode::close);
            RabbitNode.deleteTree(home);
            throw e;
        }
    }

    /** Node {@code i}, counted from 1. */
    public RabbitNode node(int i) {
        return nodes.get(i - 1);
    }

    /** How many nodes the cluster has. */
    public int size() {
        return nodes.size();
    }

    /** Every node's AMQP address, {@code 127.0.0.1:p1,127.0.0.1:p2,...}, as Warren's {@code addresses} takes them. */
    public String addresses() {
        return nodes.stream().map(n -> "127.0.0.1:" + n.amqpPort()).collect(Collectors.joining(","));
    }

    /** The index (from 1) of the node whose AMQP port is {@code port}, or -1. */
    public int nodeOfPort(int port) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).amqpPort() == port) {
                return i + 1;
            }
        }
        return -1;
    }

    /**
     * The index (from 1) of the node that leads a quorum queue, asked of node {@code via}, or -1 when it has none.
     */
    public int leaderOf(String queue, int via) {
        for (String line : node(via).ctl("-q", "list_queues", "name", "leader", "--no-table-headers").split("\n")) {
            String[] cols = line.trim().split("\\s+");
            if (cols.length == 2 && cols[0].equals(queue)) {
                for (int i = 0; i < nodes.size(); i++) {
                    if (nodes.get(i).nodeName().equals(cols[1])) {
                        return i + 1;
                    }
                }
            }
        }
        return -1;
    }

    /** Closes every client connection on node {@code i}, as the broker would on a network fault. */
    public void closeConnections(int i, String reason) {
        node(i).ctl("-q", "close_all_connections", reason);
    }

    /**
     * Stops node {@code i}, refusing when another node is already down: a quorum queue needs a majority, so two
     * nodes down at once would stop every queue of a 3-node cluster.
     */
    public void stopNode(int i) {
        for (int j = 1; j <= nodes.size(); j++) {
            if (j != i && !node(j).isRunning()) {
                throw new IllegalStateException("node " + j + " is down already; never stop two nodes at once");
            }
        }
        node(i).stop();
    }

    /** Starts node {@code i} again (same name, ports and data) and waits until it runs. */
    public void startNode(int i) {
        node(i).start();
    }

    /** The index (from 1) of a running node other than {@code except}, to run commands through. */
    public int anyRunningBut(int except) {
        for (int j = 1; j <= nodes.size(); j++) {
            if (j != except && node(j).isRunning()) {
                return j;
            }
        }
        throw new IllegalStateException("no running node but " + except);
    }

    /** {@code rabbitmqctl -q <command> --no-table-headers <columns>} on node {@code via}, one array per row. */
    public List<String[]> rows(int via, String command, String... columns) {
        List<String> args = new ArrayList<>(List.of("-q", command, "--no-table-headers"));
        args.addAll(List.of(columns));
        List<String[]> rows = new ArrayList<>();
        for (String line : node(via).ctl(args.toArray(String[]::new)).split("\n")) {
            if (!line.isBlank()) {
                rows.add(line.split("\t"));
            }
        }
        return rows;
    }

    /**
     * The nodes (indexes from 1, one per connection) holding the client connections whose client-provided name is
     * {@code connectionName}, asked of node {@code via}.
     */
    public List<Integer> nodesOfConnection(String connectionName, int via) {
        String needle = "{\"connection_name\",\"" + connectionName + "\"}";
        List<Integer> found = new ArrayList<>();
        for (String[] row : rows(via, "list_connections", "port", "client_properties")) {
            if (row.length == 2 && row[1].contains(needle)) {
                found.add(nodeOfPort(Integer.parseInt(row[0].trim())));
            }
        }
        return found;
    }

    /** The prefetch count of every consumer of a queue, asked of node {@code via}. */
    public List<Integer> prefetchCounts(String queue, int via) {
        List<Integer> counts = new ArrayList<>();
        for (String[] row : rows(via, "list_consumers", "queue_name", "prefetch_count")) {
            if (row.length == 2 && row[0].equals(queue)) {
                counts.add(Integer.parseInt(row[1].trim()));
            }
        }
        return counts;
    }

    /** {@code {ready, unacknowledged}} messages of a queue, asked of node {@code via}; null when it does not exist. */
    public long[] messages(String queue, int via) {
        for (String[] row : rows(via, "list_queues", "name", "messages_ready", "messages_unacknowledged")) {
            if (row.length == 3 && row[0].equals(queue)) {
                return new long[] { Long.parseLong(row[1].trim()), Long.parseLong(row[2].trim()) };
            }
        }
        return null;
    }

    @Override
    public void close() {
        CompletableFuture.allOf(nodes.stream().map(node -> CompletableFuture.runAsync(node::close))
                .toArray(CompletableFuture[]::new)).join();
        RabbitNode.deleteTree(home);
    }
}
