package io.warren.bench.observed;

import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Where the benchmark's spans go: the SDK records and batches them as in production, and this drops them, so that
 * the figures measure the application's tracing cost without a collector's network I/O on the same two cores.
 */
@ApplicationScoped
public class DiscardingSpanExporter implements SpanExporter {

    private final LongAdder exported = new LongAdder();

    /** How many spans reached the exporter; printed at the end of the run, as a check that tracing was on. */
    public long exported() {
        return exported.sum();
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        exported.add(spans.size());
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
