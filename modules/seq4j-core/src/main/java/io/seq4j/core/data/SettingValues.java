package io.seq4j.core.data;

import java.util.Locale;
import java.util.Map;

/** Typed reads of a settings map ({@code key -> text}) with messages that name the key. */
public final class SettingValues {
    private SettingValues() {
    }

    public static int integer(Map<String, String> m, String key) {
        long v = whole(m, key);
        if (v != (int) v) throw new IllegalArgumentException(key + ": " + v + " is too large");
        return (int) v;
    }

    public static long whole(Map<String, String> m, String key) {
        try {
            return Long.parseLong(m.get(key).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + m.get(key) + "' is not a whole number");
        }
    }

    public static double real(Map<String, String> m, String key) {
        try {
            return Double.parseDouble(m.get(key).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + m.get(key) + "' is not a number");
        }
    }

    public static boolean bool(Map<String, String> m, String key) {
        String v = m.get(key).trim().toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) throw new IllegalArgumentException(key + ": '" + m.get(key) + "' is not true or false");
        return Boolean.parseBoolean(v);
    }
}
