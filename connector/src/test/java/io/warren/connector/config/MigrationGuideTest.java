package io.warren.connector.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.warren.connector.WarrenConnector;

/**
 * The migration guide's table covers every attribute smallrye-rabbitmq declares (read from the metadata in its
 * jar), with the right direction, and what it says about Warren is true of Warren's attribute table.
 */
class MigrationGuideTest {

    private static final Path GUIDE = Path.of("..", "docs", "migration-from-smallrye-rabbitmq.md");
    private static final Set<String> SAME = Set.of("same", "same, other default", "same name, other meaning");
    private static final Set<String> ABSENT = Set.of("not needed", "not supported");

    private record Row(String name, String direction, String status, String warren, String note) {
    }

    @Test
    void theTableCoversEveryPeerAttributeTruthfully() throws IOException {
        Map<String, Set<ChannelDirection>> peer = peerAttributes();
        Map<String, Row> rows = rows();
        assertThat(rows.keySet()).as("rows of the migration table vs attributes of smallrye-rabbitmq 4.33")
                .containsExactlyElementsOf(peer.keySet());
        AttributeTable warren = WarrenConnector.attributes();
        for (Row row : rows.values()) {
            Set<ChannelDirection> directions = peer.get(row.name());
            assertThat(row.direction()).as(row.name()).isEqualTo(label(directions));
            assertThat(SAME.contains(row.status()) || ABSENT.contains(row.status()) || row.status().equals("renamed"))
                    .as(row.name() + ": status '" + row.status() + "'").isTrue();
            boolean known = SmallRyeKeys.ALL.contains(row.name()) || warren.find(row.name()).isPresent();
            if (ABSENT.contains(row.status())) {
                assertThat(known).as(row.name() + " is marked '" + row.status() + "' but Warren has it").isFalse();
                assertThat(row.warren()).as(row.name()).isEmpty();
                assertThat(row.note()).as(row.name() + " needs a reason").isNotBlank();
                continue;
            }
            String target = row.warren().replace("`", "");
            if (SAME.contains(row.status())) {
                assertThat(target).as(row.name()).isEqualTo(row.name());
            } else {
                assertThat(target).as(row.name()).isNotEqualTo(row.name());
                assertThat(row.note()).as(row.name() + " needs a note").isNotBlank();
            }
            if (!SmallRyeKeys.ALL.contains(target)) {
                AttributeSpec spec = warren.find(target)
                        .orElseThrow(() -> new AssertionError(row.name() + ": Warren has no attribute " + target));
                assertThat(spec.directions()).as(row.name()).containsAll(directions);
            }
        }
    }

    private static String label(Set<ChannelDirection> directions) {
        return directions.size() == 2 ? "both" : directions.iterator().next().label();
    }

    private static Map<ChannelDirection, String> peerResources() {
        return Map.of(ChannelDirection.INCOMING, "META-INF/connector/smallrye-rabbitmq-incoming.md",
                ChannelDirection.OUTGOING, "META-INF/connector/smallrye-rabbitmq-outgoing.md");
    }

    private static Map<String, Set<ChannelDirection>> peerAttributes() throws IOException {
        Map<String, Set<ChannelDirection>> result = new TreeMap<>();
        for (Map.Entry<ChannelDirection, String> e : peerResources().entrySet()) {
            try (InputStream in = MigrationGuideTest.class.getClassLoader().getResourceAsStream(e.getValue())) {
                assertThat(in).as(e.getValue() + " on the test class path").isNotNull();
                Matcher m = Pattern.compile("(?m)^\\| \\*([^*]+)\\*").matcher(
                        new String(in.readAllBytes(), StandardCharsets.UTF_8));
                while (m.find()) {
                    result.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(e.getKey());
                }
            }
        }
        assertThat(result).containsKeys("queue.name", "publish-confirms", "failure-strategy");
        return result;
    }

    private static Map<String, Row> rows() throws IOException {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        String table = guide.substring(guide.indexOf("## Attributes"));
        Map<String, Row> rows = new TreeMap<>();
        for (String line : table.split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            List<String> cells = List.of(line.substring(1, line.length() - 1).split("\\|", -1)).stream()
                    .map(String::trim).toList();
            assertThat(cells).as(line).hasSize(5);
            String name = cells.get(0).replace("`", "");
            assertThat(rows.put(name, new Row(name, cells.get(1), cells.get(2), cells.get(3), cells.get(4))))
                    .as("duplicate row " + name).isNull();
        }
        return rows;
    }
}
