package io.warren.it;

/** Records that travel as one {@code text/csv} line, through {@link CsvLineCodec}. */
public interface LineRecord {
}
