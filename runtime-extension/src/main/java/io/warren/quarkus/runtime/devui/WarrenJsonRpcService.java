package io.warren.quarkus.runtime.devui;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import io.warren.connector.observe.ChannelStatus;
import io.warren.quarkus.runtime.observe.WarrenChannels;

/** The Dev UI's data: every Warren channel with its direction, queue or exchange, connection state and counters. */
public class WarrenJsonRpcService {

    @Inject
    WarrenChannels channels;

    /** One row per channel, incoming channels first. */
    public List<Map<String, Object>> getChannels() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ChannelStatus s : channels.all()) {
            rows.add(s.snapshot());
        }
        return rows;
    }
}
