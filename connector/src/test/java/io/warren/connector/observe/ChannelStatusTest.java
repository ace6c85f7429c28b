package io.warren.connector.observe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The connection states a channel goes through, as its status sees the connection events. */
class ChannelStatusTest {

    private final ChannelStatus status = new ChannelStatus(ObservedChannel.outgoing("out", "x", true));

    @Test
    void downUntilFirstConnectedThenRecoveringWhenLost() {
        assertThat(status.state()).isEqualTo(ConnectionState.DOWN);
        status.connectionDown("Connection refused");
        assertThat(status.state()).isEqualTo(ConnectionState.DOWN);
        assertThat(status.everConnected()).isFalse();
        assertThat(status.problem()).isEqualTo("Connection refused");

        status.connectionUp();
        assertThat(status.state()).isEqualTo(ConnectionState.UP);
        assertThat(status.problem()).isNull();

        status.connectionDown("connection lost");
        assertThat(status.state()).isEqualTo(ConnectionState.RECOVERING);
        status.connectionRecovered();
        assertThat(status.state()).isEqualTo(ConnectionState.UP);
        assertThat(status.recoveries()).isEqualTo(1);
        assertThat(status.everConnected()).isTrue();
    }

    @Test
    void blockedWhileTheBrokerBlocksUntilUnblockedOrTheConnectionIsLost() {
        status.connectionUp();
        status.connectionBlocked(true);
        assertThat(status.state()).isEqualTo(ConnectionState.BLOCKED);
        status.connectionBlocked(false);
        assertThat(status.state()).isEqualTo(ConnectionState.UP);
        long first = status.blockedNanos();
        assertThat(first).isPositive();
        assertThat(status.blockedNanos()).as("stopped counting").isEqualTo(first);

        status.connectionBlocked(true);
        status.connectionDown("connection lost");
        assertThat(status.state()).isEqualTo(ConnectionState.RECOVERING);
        long second = status.blockedNanos();
        assertThat(second).isGreaterThan(first);
        status.connectionRecovered();
        assertThat(status.state()).as("a new connection starts unblocked").isEqualTo(ConnectionState.UP);
        assertThat(status.blockedNanos()).isEqualTo(second);
        assertThat(status.snapshot()).containsEntry("state", "up").containsEntry("direction", "outgoing")
                .containsEntry("exchange", "x").containsEntry("recoveries", 1L);
    }
}
