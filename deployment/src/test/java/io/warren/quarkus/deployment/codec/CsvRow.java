package io.warren.quarkus.deployment.codec;

/** Records that travel as one CSV line (see {@link CsvCodec}). */
public interface CsvRow {
}
