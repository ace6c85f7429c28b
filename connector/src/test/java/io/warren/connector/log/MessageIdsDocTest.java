package io.warren.connector.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logging.annotations.LogMessage;
import org.jboss.logging.annotations.Message;
import org.jboss.logging.annotations.MessageBundle;
import org.jboss.logging.annotations.MessageLogger;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.MethodInfo;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/message-ids.md} against the code: the connector's section is what its typed loggers and message bundles
 * declare, every id in its range and none twice. Run with {@code -Dwarren.docs.update=true} to rewrite the section.
 */
class MessageIdsDocTest {

    static final Path DOC = Path.of("..", "docs", "message-ids.md");
    static final String HEADING = "## Connector (`warren-connector`)";
    static final String REGENERATE = "mvn -pl connector -am test -Dtest=MessageIdsDocTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dwarren.docs.update=true";

    /** An annotated interface and the ids it may use. A new interface is one more line here. */
    record Source(Class<?> type, int first, int last) {
    }

    static final List<Source> SOURCES = List.of(
            new Source(ConnectionLog.class, 1000, 1099),
            new Source(IncomingLog.class, 1100, 1399),
            new Source(OutgoingLog.class, 1400, 1599),
            new Source(StreamLog.class, 1600, 1699),
            new Source(ConnectorMessages.class, 2000, 2999),
            new Source(ValidationLog.class, 3000, 3999));

    /** One message as the code declares it. */
    record Entry(Source source, int id, String level, String text, String method) {
        String idText() {
            return id == Message.NONE ? "(none)" : String.format("WARREN%06d", id);
        }
    }

    @Test
    void theSectionIsWhatTheCodeDeclares() throws IOException {
        String generated = section();
        String doc = Files.exists(DOC) ? Files.readString(DOC, StandardCharsets.UTF_8) : "";
        if (Boolean.getBoolean("warren.docs.update")) {
            doc = replaceSection(doc, generated);
            Files.writeString(DOC, doc, StandardCharsets.UTF_8);
        }
        assertThat(doc).as("docs/message-ids.md is missing its connector section; write it with: " + REGENERATE)
                .contains(HEADING);
        assertThat(currentSection(doc)).as("docs/message-ids.md is out of date; rewrite it with: " + REGENERATE)
                .isEqualTo(generated);
    }

    @Test
    void everyIdOfTheCodeIsInTheDocAndNoOther() throws IOException {
        String section = currentSection(Files.readString(DOC, StandardCharsets.UTF_8));
        List<String> inDoc = new ArrayList<>();
        Matcher m = Pattern.compile("^\\| (WARREN\\d{6}) \\|", Pattern.MULTILINE).matcher(section);
        while (m.find()) {
            inDoc.add(m.group(1));
        }
        List<String> inCode = entries().stream().filter(e -> e.id() != Message.NONE).map(Entry::idText).toList();
        assertThat(inDoc).as("ids in docs/message-ids.md").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(inCode);
    }

    @Test
    void idsAreUniqueAndInTheirInterfacesRange() {
        Map<Integer, String> seen = new HashMap<>();
        for (Entry e : entries()) {
            if (e.id() == Message.NONE) {
                continue;
            }
            String where = e.source().type().getSimpleName() + "." + e.method();
            assertThat(e.id()).as(where).isBetween(e.source().first(), e.source().last());
            String before = seen.put(e.id(), where);
            assertThat(before).as("id %d of %s is also used by %s", e.id(), where, before).isNull();
        }
        for (Source s : SOURCES) {
            ClassInfo type = info(s.type());
            AnnotationInstance annotation = type.declaredAnnotation(isLogger(s) ? LOGGER : BUNDLE);
            assertThat(annotation).as(s.type().getName() + " is a message logger or bundle").isNotNull();
            assertThat(annotation.value("projectCode").asString()).as(s.type().getName()).isEqualTo("WARREN");
        }
    }

    // ---- the section, from the code ----

    static final DotName MESSAGE = DotName.createSimple(Message.class.getName());
    static final DotName LOG_MESSAGE = DotName.createSimple(LogMessage.class.getName());
    static final DotName LOGGER = DotName.createSimple(MessageLogger.class.getName());
    static final DotName BUNDLE = DotName.createSimple(MessageBundle.class.getName());

    /** The annotations live in the class files only (class retention): read them through an index. */
    static ClassInfo info(Class<?> type) {
        try {
            return Index.of(type).getClassByName(type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isLogger(Source s) {
        return info(s.type()).declaredAnnotation(LOGGER) != null;
    }

    static List<Entry> entries() {
        List<Entry> all = new ArrayList<>();
        for (Source s : SOURCES) {
            List<Entry> own = new ArrayList<>();
            for (MethodInfo method : info(s.type()).methods()) {
                AnnotationInstance message = method.annotation(MESSAGE);
                if (message == null) {
                    continue;
                }
                AnnotationInstance log = method.annotation(LOG_MESSAGE);
                String level;
                if (log != null) {
                    AnnotationValue l = log.value("level");
                    level = l == null ? "INFO" : l.asEnum();
                } else {
                    DotName returned = method.returnType().name();
                    level = returned.toString().equals(String.class.getName()) ? "text" : returned.local();
                }
                AnnotationValue id = message.value("id");
                own.add(new Entry(s, id == null ? Message.INHERIT : id.asInt(), level, message.value().asString(),
                        method.name()));
            }
            // By id, and those without an id last, by name: an order that does not depend on the index's.
            own.sort(Comparator.comparing((Entry e) -> e.id() == Message.NONE).thenComparing(Entry::id)
                    .thenComparing(Entry::method));
            all.addAll(own);
        }
        return all;
    }

    static String section() {
        StringBuilder md = new StringBuilder(HEADING).append("\n\n");
        for (Source s : SOURCES) {
            boolean logger = isLogger(s);
            md.append("### `").append(s.type().getSimpleName()).append("` (").append(logger ? "log lines" : "exceptions")
                    .append(", ").append(s.first()).append("–").append(s.last()).append(")\n\n");
            md.append(logger ? "| Id | Level | Message |\n" : "| Id | Thrown as | Message |\n");
            md.append("| --- | --- | --- |\n");
            for (Entry e : entries()) {
                if (e.source() == s) {
                    md.append("| ").append(e.idText()).append(" | ").append(e.level()).append(" | `")
                            .append(e.text()).append("` |\n");
                }
            }
            md.append('\n');
        }
        return md.toString();
    }

    /** From the connector's heading to the next heading of the same level, or the end. */
    static String currentSection(String doc) {
        int start = doc.indexOf(HEADING);
        if (start < 0) {
            return "";
        }
        int end = doc.indexOf("\n## ", start + HEADING.length());
        return end < 0 ? doc.substring(start) : doc.substring(start, end + 1);
    }

    static String replaceSection(String doc, String section) {
        String current = currentSection(doc);
        if (current.isEmpty()) {
            return doc + (doc.isEmpty() || doc.endsWith("\n\n") ? "" : "\n") + section;
        }
        int start = doc.indexOf(HEADING);
        return doc.substring(0, start) + section + doc.substring(start + current.length());
    }

    static {
        // Guards the table: a '|' or a backtick in a message would break its row.
        for (Entry e : entries()) {
            if (e.text().contains("|") || e.text().contains("`")) {
                throw new IllegalStateException(Arrays.toString(new Object[] { e.method(), e.text() }));
            }
        }
    }
}
