package io.warren.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.MethodInfo;
import org.junit.jupiter.api.Test;

import io.warren.quarkus.runtime.RuntimeLog;
import io.warren.quarkus.runtime.RuntimeMessages;

/**
 * The "Quarkus extension" section of {@code docs/message-ids.md} lists every message of the extension's typed loggers
 * and bundles with its id, level and text: every id documented, none stale, none twice. {@code @Message} is kept in
 * class files only, so the interfaces are read with Jandex.
 */
class MessageIdsDocTest {

    static final Path DOC = Path.of("..", "docs", "message-ids.md");
    static final String SECTION = "## Quarkus extension";
    static final List<Class<?>> INTERFACES = List.of(RuntimeLog.class, RuntimeMessages.class, DeploymentLog.class,
            DeploymentMessages.class);

    static final DotName MESSAGE = DotName.createSimple("org.jboss.logging.annotations.Message");
    static final DotName LOG_MESSAGE = DotName.createSimple("org.jboss.logging.annotations.LogMessage");
    static final DotName BUNDLE = DotName.createSimple("org.jboss.logging.annotations.MessageBundle");
    static final Pattern WITH_ID = Pattern.compile("^\\| `WARREN(\\d{6})` \\| (\\w+) \\| `(.*)` \\|$");
    static final Pattern WITHOUT_ID = Pattern.compile("^\\| `(\\w+)\\.(\\w+)` \\| (\\w+) \\| `(.*)` \\|$");

    /** One message as the code declares it. */
    record Declared(String method, String level, String text) {
    }

    @Test
    void theSectionListsEveryIdOfTheInterfacesOnce() throws IOException {
        Map<Integer, Declared> code = new TreeMap<>();
        Map<String, Declared> withoutId = new TreeMap<>();
        List<String> duplicates = new ArrayList<>();
        List<String> outOfRange = new ArrayList<>();
        for (Class<?> type : INTERFACES) {
            ClassInfo info = Index.of(type).getClassByName(type);
            boolean bundle = info.declaredAnnotation(BUNDLE) != null;
            for (MethodInfo m : info.methods()) {
                AnnotationInstance message = m.annotation(MESSAGE);
                if (message == null) {
                    continue;
                }
                AnnotationInstance log = m.annotation(LOG_MESSAGE);
                String level = bundle ? "exception"
                        : log.value("level") == null ? "INFO" : log.value("level").asEnum();
                Declared d = new Declared(type.getSimpleName() + "." + m.name(), level,
                        message.value("value").asString());
                AnnotationValue idValue = message.value("id");
                int id = idValue == null ? -1 : idValue.asInt();
                if (id == 0) {
                    withoutId.put(d.method(), d);
                    continue;
                }
                if (code.put(id, d) != null) {
                    duplicates.add("WARREN" + id);
                }
                int low = bundle ? 5000 : 4000;
                if (id < low || id > low + 999) {
                    outOfRange.add(d.method() + " has id " + id);
                }
            }
        }
        assertThat(duplicates).as("ids used twice in the code").isEmpty();
        assertThat(outOfRange).as("log messages take 4000-4999, exceptions 5000-5999").isEmpty();

        Map<Integer, Declared> documented = new TreeMap<>();
        Map<String, Declared> documentedWithoutId = new TreeMap<>();
        List<String> documentedTwice = new ArrayList<>();
        for (String line : section()) {
            Matcher m = WITH_ID.matcher(line);
            Matcher n = WITHOUT_ID.matcher(line);
            if (m.matches()) {
                int id = Integer.parseInt(m.group(1));
                if (documented.put(id, new Declared(null, m.group(2), m.group(3))) != null) {
                    documentedTwice.add(m.group(1));
                }
            } else if (n.matches()) {
                String method = n.group(1) + "." + n.group(2);
                if (documentedWithoutId.put(method, new Declared(method, n.group(3), n.group(4))) != null) {
                    documentedTwice.add(method);
                }
            }
        }
        assertThat(documentedTwice).as("rows listed twice in " + DOC).isEmpty();
        assertThat(documented.keySet()).as("ids of the code missing from " + DOC)
                .containsAll(code.keySet());
        assertThat(code.keySet()).as("ids in " + DOC + " that no message has (stale)")
                .containsAll(documented.keySet());
        code.forEach((id, d) -> assertThat(documented.get(id)).as("the row of WARREN%06d (%s) in %s", id, d.method(),
                DOC).isEqualTo(new Declared(null, d.level(), d.text())));
        assertThat(documentedWithoutId).as("the messages without an id, in " + DOC).isEqualTo(withoutId);
    }

    private static List<String> section() throws IOException {
        assertThat(DOC).as(DOC + " is missing").exists();
        List<String> lines = Files.readAllLines(DOC);
        int start = lines.indexOf(SECTION);
        assertThat(start).as(DOC + " has no line '" + SECTION + "'").isNotNegative();
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).startsWith("## ")) {
            end++;
        }
        return lines.subList(start + 1, end);
    }
}
