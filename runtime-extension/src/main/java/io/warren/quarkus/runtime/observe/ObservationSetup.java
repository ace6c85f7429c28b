package io.warren.quarkus.runtime.observe;

import java.util.Set;

/**
 * What the build found out for observation: the Warren channels the application uses, and whether anything needs
 * their connection state (the startup health check, the Dev UI).
 */
public final class ObservationSetup {

    private final Set<String> channels;
    private final boolean statusNeeded;
    private final boolean countAlways;

    /**
     * @param channels the Warren channels the code uses, as {@code incoming:name} and {@code outgoing:name}
     * @param statusNeeded whether a health check or the Dev UI reads the channels' connection state
     * @param countAlways whether to count messages without Micrometer, for the Dev UI (dev mode)
     */
    public ObservationSetup(Set<String> channels, boolean statusNeeded, boolean countAlways) {
        this.channels = Set.copyOf(channels);
        this.statusNeeded = statusNeeded;
        this.countAlways = countAlways;
    }

    public Set<String> channels() {
        return channels;
    }

    public boolean statusNeeded() {
        return statusNeeded;
    }

    public boolean countAlways() {
        return countAlways;
    }
}
