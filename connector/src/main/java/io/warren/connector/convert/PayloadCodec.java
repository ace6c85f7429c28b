package io.warren.connector.convert;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Turns payloads into message bodies and back. POJOs travel as JSON through Jackson, {@code String} as
 * {@code text/plain}, {@code byte[]} as {@code application/octet-stream}.
 */
public final class PayloadCodec {

    /** {@code application/json}. */
    public static final String JSON = "application/json";
    /** {@code text/plain}. */
    public static final String TEXT = "text/plain";
    /** {@code application/octet-stream}. */
    public static final String BINARY = "application/octet-stream";

    private final ObjectMapper mapper;

    /** @param mapper the mapper for JSON payloads; in Quarkus, the application's own */
    public PayloadCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The mapper used outside Quarkus: Java time support and lenient about unknown properties. */
    public static ObjectMapper defaultMapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** The Jackson mapper in use. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** A body with its content type. */
    public record Encoded(byte[] body, String contentType) {
    }

    /** Encodes an outgoing payload. */
    public Encoded encode(Object payload) {
        if (payload == null) {
            return new Encoded(new byte[0], BINARY);
        }
        if (payload instanceof byte[] bytes) {
            return new Encoded(bytes, BINARY);
        }
        if (payload instanceof String text) {
            return new Encoded(text.getBytes(StandardCharsets.UTF_8), TEXT);
        }
        if (payload instanceof CharSequence || payload instanceof Character) {
            return new Encoded(payload.toString().getBytes(StandardCharsets.UTF_8), TEXT);
        }
        try {
            return new Encoded(mapper.writeValueAsBytes(payload), JSON);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "Cannot write a " + payload.getClass().getName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Resolves a type name such as {@code com.acme.Order} or {@code java.util.List<com.acme.Order>}. */
    public JavaType resolve(String typeName, ClassLoader loader) {
        try {
            if (!typeName.contains("<")) {
                return mapper.getTypeFactory().constructType(Class.forName(typeName.trim(), false, loader));
            }
            return mapper.getTypeFactory().constructFromCanonical(typeName.trim());
        } catch (ClassNotFoundException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown payload type '" + typeName + "': " + e.getMessage(), e);
        }
    }

    /**
     * Decodes an incoming body.
     *
     * @param body the raw body
     * @param contentType the content-type property, may be null
     * @param target the requested type, or null to get a {@code String} for text and a {@code byte[]} otherwise
     * @throws ConversionException when the body cannot be turned into the target type
     */
    public Object decode(byte[] body, String contentType, String contentEncoding, JavaType target)
            throws ConversionException {
        String mime = mime(contentType);
        if (target == null) {
            return mime.startsWith("text/") ? new String(body, charset(contentType)) : body;
        }
        Class<?> raw = target.getRawClass();
        if (raw == byte[].class) {
            return body;
        }
        if (raw == String.class) {
            return new String(body, charset(contentType));
        }
        if (contentEncoding != null && !contentEncoding.isBlank()
                && !contentEncoding.equalsIgnoreCase("identity") && !contentEncoding.toLowerCase(Locale.ROOT).startsWith("utf")) {
            throw new ConversionException("content-encoding '" + contentEncoding + "' is not supported");
        }
        if (mime.isEmpty() || isJson(mime) || (mime.startsWith("text/") && JsonNode.class.isAssignableFrom(raw))) {
            try {
                return mapper.readValue(body, target);
            } catch (com.fasterxml.jackson.core.JsonParseException e) {
                throw new ConversionException("invalid JSON: " + oneLine(e));
            } catch (IOException e) {
                // Well-formed JSON of the wrong shape: a string where a number is expected, say.
                throw new ConversionException("the JSON does not match " + target.toCanonical() + ": " + oneLine(e));
            }
        }
        if (mime.startsWith("text/") && isTextual(raw)) {
            return new String(body, charset(contentType));
        }
        throw new ConversionException("content type '" + contentType + "' cannot be converted to a "
                + target.toCanonical() + "; send application/json, or take a String or byte[]");
    }

    private static boolean isTextual(Class<?> raw) {
        return raw == Object.class || raw == CharSequence.class;
    }

    private static boolean isJson(String mime) {
        return mime.equals(JSON) || mime.endsWith("+json") || mime.equals("text/json");
    }

    private static String mime(String contentType) {
        if (contentType == null) {
            return "";
        }
        if (contentType.equals(JSON) || contentType.equals(TEXT)) {
            return contentType; // the usual cases, on every message: no copy
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    private static Charset charset(String contentType) {
        if (contentType != null) {
            int i = contentType.toLowerCase(Locale.ROOT).indexOf("charset=");
            if (i >= 0) {
                try {
                    return Charset.forName(contentType.substring(i + 8).replace("\"", "").trim());
                } catch (RuntimeException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static String oneLine(IOException e) {
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.replace('\n', ' ');
    }

    /** A body that cannot be turned into the requested type. */
    public static final class ConversionException extends Exception {
        private static final long serialVersionUID = 1L;

        /** @param reason why the conversion failed */
        public ConversionException(String reason) {
            super(reason);
        }
    }
}
