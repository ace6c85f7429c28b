package io.warren.quarkus.runtime.observe;

import java.util.Set;
import java.util.function.Supplier;

import io.quarkus.runtime.annotations.Recorder;

/** Hands the build's {@link ObservationSetup} to the running application. */
@Recorder
public class ObservationRecorder {

    public Supplier<ObservationSetup> setup(Set<String> channels, boolean statusNeeded, boolean countAlways) {
        ObservationSetup setup = new ObservationSetup(channels, statusNeeded, countAlways);
        return () -> setup;
    }
}
