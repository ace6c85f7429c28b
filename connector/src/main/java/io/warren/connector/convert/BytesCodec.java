package io.warren.connector.convert;

import java.util.List;

import com.fasterxml.jackson.databind.JavaType;

/** {@code byte[]} payloads: written as {@code application/octet-stream}, and any body read as is. */
public final class BytesCodec implements Codec<byte[]> {

    private static final List<String> CONTENT_TYPES = List.of(ContentTypes.BINARY, "*/*");

    @Override
    public Class<byte[]> type() {
        return byte[].class;
    }

    @Override
    public List<String> contentTypes() {
        return CONTENT_TYPES; // asked for every message: one list, not one per call
    }

    @Override
    public int priority() {
        return BUILT_IN_PRIORITY;
    }

    @Override
    public byte[] encode(byte[] payload, String contentType) {
        return payload;
    }

    @Override
    public byte[] decode(byte[] body, String contentType, JavaType target) {
        return body;
    }
}
