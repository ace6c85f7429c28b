package io.warren.connector.validation;

import java.util.List;

/** One family of checks on a channel's configuration. */
interface ChannelRule {

    /** Adds the problems found in {@code channel} to {@code problems}. */
    void check(ChannelView channel, ValidationContext context, List<ConfigProblem> problems);
}
