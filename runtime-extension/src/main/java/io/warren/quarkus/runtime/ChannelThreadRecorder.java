package io.warren.quarkus.runtime;

import java.util.Set;
import java.util.function.Supplier;

import io.quarkus.runtime.annotations.Recorder;

/** Hands the build-time choice of {@link ChannelThreadMethods} to the running application. */
@Recorder
public class ChannelThreadRecorder {

    public Supplier<ChannelThreadMethods> methods(Set<String> keys) {
        ChannelThreadMethods methods = new ChannelThreadMethods(keys);
        return () -> methods;
    }
}
