package io.warren.bench.warren;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.warren.bench.Bench;
import io.warren.bench.Payload;

/**
 * W6: 8 incoming and 8 outgoing channels in the same application. Their channels are disabled unless
 * {@code bench.many-channels=true} (application.properties), so that the other workloads run without them.
 */
@ApplicationScoped
public class ManyChannels {

    private final Bench bench = WarrenBench.BENCH;

    @Inject @Channel("w6-out-0") MutinyEmitter<Payload> out0;
    @Inject @Channel("w6-out-1") MutinyEmitter<Payload> out1;
    @Inject @Channel("w6-out-2") MutinyEmitter<Payload> out2;
    @Inject @Channel("w6-out-3") MutinyEmitter<Payload> out3;
    @Inject @Channel("w6-out-4") MutinyEmitter<Payload> out4;
    @Inject @Channel("w6-out-5") MutinyEmitter<Payload> out5;
    @Inject @Channel("w6-out-6") MutinyEmitter<Payload> out6;
    @Inject @Channel("w6-out-7") MutinyEmitter<Payload> out7;

    /** A sender per outgoing channel. */
    List<Bench.Sender> senders() {
        return List.of(out0, out1, out2, out3, out4, out5, out6, out7).stream().map(Bench::viaEmitter).toList();
    }

    @Incoming("w6-in-0")
    public void in0(Payload p) {
        bench.onMessage(p);
    }

    @Incoming("w6-in-1")
    public void in1(Payload p) {
        bench.onMessage(p);
    }

    @Incoming("w6-in-2")
    public void in2(Payload p) {
        bench.onMessage(p);
    }

    @Incoming("w6-in-3")
    public void in3(Payload p) {
        bench.onMessage(p);
    }

    @Incoming("w6-in-4")
    public void in4(Payload p) {
        bench.onMessage(p);
    }

    @Incoming("w6-in-5")
    public void in5(Payload p) {
        bench.onMessage(p);
    }

    @Incoming("w6-in-6")
    public void in6(Payload p) {
        bench.onMessage(p);
    }

    @Incoming("w6-in-7")
    public void in7(Payload p) {
        bench.onMessage(p);
    }
}
