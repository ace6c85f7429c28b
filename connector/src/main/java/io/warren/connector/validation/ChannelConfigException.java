package io.warren.connector.validation;

import java.util.List;

/** Thrown when a channel's configuration has errors; the message lists every one. */
public class ChannelConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    /** @param problems the errors, sorted */
    public ChannelConfigException(List<ConfigProblem> problems) {
        super(ChannelConfigValidator.report(problems));
        this.problems = List.copyOf(problems);
    }

    /** The errors. */
    public List<ConfigProblem> problems() {
        return problems;
    }
}
