package io.seq4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The repeatable {@code --set key=value} options of the train commands. */
final class SetOptions {
    private SetOptions() {
    }

    /** The options as (key, value) pairs in order, both trimmed; a malformed one is a UsageException. */
    static List<Map.Entry<String, String>> pairs(List<String> sets) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (String kv : sets) {
            int eq = kv.indexOf('=');
            if (eq <= 0) throw new UsageException("--set expects key=value, got '" + kv + "'");
            out.add(Map.entry(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim()));
        }
        return out;
    }
}
