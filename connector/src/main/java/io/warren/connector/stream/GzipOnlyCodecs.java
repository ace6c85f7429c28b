package io.warren.connector.stream;

import com.rabbitmq.stream.compression.Compression;
import com.rabbitmq.stream.compression.CompressionCodec;
import com.rabbitmq.stream.compression.CompressionCodecFactory;
import com.rabbitmq.stream.compression.CompressionUtils;

/**
 * The compression codecs Warren gives stream-client: GZIP only, from the JDK. The client's default factory loads
 * zstd-jni, lz4-java and snappy-java (native libraries) when the environment is built, even if nothing is
 * compressed; Warren leaves those libraries out. Warren's producers never compress; a consumer reading sub-entry
 * batches another producer compressed with another codec fails on them.
 */
final class GzipOnlyCodecs implements CompressionCodecFactory {

    private final CompressionCodec gzip = new CompressionUtils.GzipCompressionCodec();

    @Override
    public CompressionCodec get(Compression compression) {
        return compression == Compression.GZIP ? gzip : null;
    }
}
