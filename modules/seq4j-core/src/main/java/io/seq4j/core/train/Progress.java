package io.seq4j.core.train;

import java.io.PrintStream;
import java.util.Locale;

/** Progress lines: {@code epoch 2/10  step 120/400  loss 0.6931  1234 tok/s  ETA 0:35}. */
final class Progress {
    private final PrintStream out;
    private final long intervalNanos;
    private final int epochs;
    private final int steps;
    private long epochStart;
    private long lastPrint;
    private long tokens;

    Progress(PrintStream out, long intervalMillis, int epochs, int steps) {
        this.out = out;
        this.intervalNanos = intervalMillis * 1_000_000L;
        this.epochs = epochs;
        this.steps = steps;
    }

    void startEpoch() {
        epochStart = System.nanoTime();
        lastPrint = epochStart;
        tokens = 0;
    }

    void step(int epoch, int step, double loss, long batchTokens) {
        tokens += batchTokens;
        long now = System.nanoTime();
        if (out != null && now - lastPrint >= intervalNanos) {
            lastPrint = now;
            double secs = (now - epochStart) / 1e9;
            double eta = step == 0 ? 0 : secs / step * (steps - step);
            out.printf(Locale.ROOT, "epoch %d/%d  step %d/%d  loss %.4f  %.0f tok/s  ETA %s%n",
                    epoch + 1, epochs, step, steps, loss, tokens / Math.max(secs, 1e-9), clock(eta));
            out.flush();
        }
    }

    void endEpoch(int epoch, double meanLoss, String devName, double dev, boolean best) {
        if (out == null) return;
        double secs = (System.nanoTime() - epochStart) / 1e9;
        out.printf(Locale.ROOT, "epoch %d/%d  done in %s  loss %.4f  %.0f tok/s%s%n", epoch + 1, epochs, clock(secs),
                meanLoss, tokens / Math.max(secs, 1e-9),
                devName == null ? "" : String.format(Locale.ROOT, "  dev %s %.4f%s", devName, dev, best ? " (best)" : ""));
        out.flush();
    }

    double epochSeconds() {
        return (System.nanoTime() - epochStart) / 1e9;
    }

    long epochTokens() {
        return tokens;
    }

    void message(String s) {
        if (out != null) {
            out.println(s);
            out.flush();
        }
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
