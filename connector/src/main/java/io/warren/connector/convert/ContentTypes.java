package io.warren.connector.convert;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Parsing and matching of content types ({@code type/subtype; param=value}). */
public final class ContentTypes {

    /** {@code application/json}. */
    public static final String JSON = "application/json";
    /** {@code text/plain}. */
    public static final String TEXT = "text/plain";
    /** {@code application/octet-stream}. */
    public static final String BINARY = "application/octet-stream";
    /** {@code application/cbor}. */
    public static final String CBOR = "application/cbor";

    private ContentTypes() {
    }

    /** The media type without parameters, lower case; empty for null. */
    public static String mime(String contentType) {
        if (contentType == null) {
            return "";
        }
        if (contentType.equals(JSON) || contentType.equals(TEXT)) {
            return contentType; // the usual cases, on every message: no copy
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether a media type matches a pattern: {@code type/subtype}, {@code type/*}, {@code *}{@code /*}, or a
     * suffix pattern such as {@code *}{@code /*+json} (which also matches {@code application/json}).
     */
    public static boolean matches(String pattern, String mime) {
        if (pattern.equals(mime) || pattern.equals("*/*")) {
            return true;
        }
        if (pattern.startsWith("*/*+")) {
            String suffix = pattern.substring(3);
            return mime.endsWith(suffix) || mime.equals("application/" + suffix.substring(1));
        }
        if (pattern.endsWith("/*")) {
            return mime.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return false;
    }

    /** Whether a value looks like {@code type/subtype}, optionally with parameters. */
    public static boolean valid(String contentType) {
        String mime = mime(contentType);
        int slash = mime.indexOf('/');
        return slash > 0 && slash < mime.length() - 1 && slash == mime.lastIndexOf('/') && !mime.contains(" ")
                && !mime.contains("*");
    }

    /** The charset parameter of a content type; UTF-8 when there is none or it is unknown. */
    public static Charset charset(String contentType) {
        if (contentType != null) {
            int i = contentType.toLowerCase(Locale.ROOT).indexOf("charset=");
            if (i >= 0) {
                String name = contentType.substring(i + 8);
                int end = name.indexOf(';');
                name = (end < 0 ? name : name.substring(0, end)).replace("\"", "").trim();
                try {
                    return Charset.forName(name);
                } catch (RuntimeException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
