package io.redoubt.server.persist;

/**
 * The {@code save} directive as pairs of {@code seconds changes}: a background save starts when at least
 * {@code changes} writes happened and more than {@code seconds} passed since the last successful save.
 * An empty value ({@code save ""}) has no points.
 */
record SavePoints(long[] seconds, long[] changes) {
    static final SavePoints NONE = new SavePoints(new long[0], new long[0]);

    /** Parses the canonical value ConfigDirectives keeps ("3600 1 300 100 60 10000", or ""). */
    static SavePoints parse(String value) {
        String v = value.trim();
        if (v.isEmpty()) {
            return NONE;
        }
        String[] words = v.split("\\s+");
        int n = words.length / 2;
        long[] seconds = new long[n];
        long[] changes = new long[n];
        for (int i = 0; i < n; i++) {
            seconds[i] = Long.parseLong(words[2 * i]);
            changes[i] = Long.parseLong(words[2 * i + 1]);
        }
        return new SavePoints(seconds, changes);
    }

    boolean isEmpty() {
        return seconds.length == 0;
    }

    int count() {
        return seconds.length;
    }
}
