package io.warren.connector.observe;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The connection state of one channel, for health checks and tooling: up, recovering, down or blocked, whether it
 * ever connected, how often it recovered and how long the broker blocked it. It reacts to connection events only,
 * so it costs nothing per message.
 */
public class ChannelStatus implements ChannelObserver {

    private final ObservedChannel channel;
    private final LongAdder recoveries = new LongAdder();
    private final LongAdder blockedNanos = new LongAdder();
    private volatile ConnectionState state = ConnectionState.DOWN;
    private volatile boolean everUp;
    private volatile String problem = "connecting";
    private boolean blocked;
    private long blockedSince;

    public ChannelStatus(ObservedChannel channel) {
        this.channel = channel;
    }

    /** The channel observed. */
    public ObservedChannel channel() {
        return channel;
    }

    /** The state right now. */
    public ConnectionState state() {
        return state;
    }

    /** Whether the channel has been up at least once. */
    public boolean everConnected() {
        return everUp;
    }

    /** Why the channel is not up, or {@code null}. */
    public String problem() {
        return problem;
    }

    /** How many times the client recovered the channel's connection. */
    public long recoveries() {
        return recoveries.sum();
    }

    /** How long, in nanoseconds, the broker has blocked the connection in all, the current block included. */
    public synchronized long blockedNanos() {
        return blockedNanos.sum() + (blocked ? System.nanoTime() - blockedSince : 0);
    }

    @Override
    public synchronized void connectionUp() {
        everUp = true;
        problem = null;
        state = blocked ? ConnectionState.BLOCKED : ConnectionState.UP;
    }

    @Override
    public void connectionDown(String reason) {
        long ended = -1;
        synchronized (this) {
            problem = reason;
            state = everUp ? ConnectionState.RECOVERING : ConnectionState.DOWN;
            if (blocked) {
                // A block belongs to a connection: the next one starts unblocked until the broker says otherwise.
                blocked = false;
                ended = System.nanoTime() - blockedSince;
                blockedNanos.add(ended);
            }
        }
        if (ended >= 0) {
            blockEnded(ended);
        }
    }

    @Override
    public void connectionRecovered() {
        recoveries.increment();
        connectionUp();
    }

    @Override
    public void connectionBlocked(boolean nowBlocked) {
        long ended = -1;
        synchronized (this) {
            if (nowBlocked && !blocked) {
                blocked = true;
                blockedSince = System.nanoTime();
                if (state == ConnectionState.UP) {
                    state = ConnectionState.BLOCKED;
                }
            } else if (!nowBlocked && blocked) {
                blocked = false;
                ended = System.nanoTime() - blockedSince;
                blockedNanos.add(ended);
                if (state == ConnectionState.BLOCKED) {
                    state = ConnectionState.UP;
                }
            }
        }
        if (ended >= 0) {
            blockEnded(ended);
        }
    }

    /** A block of the connection ended after this many nanoseconds; for subclasses that time blocks. */
    protected void blockEnded(long nanos) {
    }

    /** The channel's description and state, for tooling (Dev UI); subclasses add their counters. */
    public Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("channel", channel.name());
        s.put("direction", channel.direction());
        if (channel.incoming()) {
            s.put("queue", channel.queue());
        }
        s.put("exchange", channel.exchange());
        s.put("state", state.label());
        s.put("everConnected", everUp);
        String p = problem;
        if (p != null) {
            s.put("problem", p);
        }
        s.put("recoveries", recoveries());
        s.put("blockedSeconds", blockedNanos() / 1e9);
        return s;
    }
}
