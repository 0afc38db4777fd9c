package lethe.bench.corpus;

/**
 * SplitMix64, written out here rather than taken from {@code java.util} so that a seed produces the same
 * corpus on every JDK: the JDK's generators are free to change how they derive bounded values.
 */
final class Rng {

    private long state;

    Rng(long seed) {
        this.state = seed;
    }

    long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound). */
    int nextInt(int bound) {
        return (int) ((nextLong() >>> 33) % bound);
    }

    /** Uniform in [min, max]. */
    int between(int min, int max) {
        return min + nextInt(max - min + 1);
    }

    boolean chance(double probability) {
        return nextDouble() < probability;
    }

    <T> T pick(T[] choices) {
        return choices[nextInt(choices.length)];
    }

    /** Log-normal around {@code median}: most values near it, a long tail above. */
    double logNormal(double median, double sigma) {
        double u1 = 1.0 - nextDouble();
        double u2 = nextDouble();
        double gaussian = StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
        return median * StrictMath.exp(sigma * gaussian);
    }

    /** Pareto with minimum {@code min} and shape {@code alpha}: the long tail of session lengths. */
    double pareto(double min, double alpha) {
        return min / StrictMath.pow(1.0 - nextDouble(), 1.0 / alpha);
    }

    /** A fresh generator whose stream does not overlap this one's in practice. */
    Rng split() {
        return new Rng(nextLong());
    }

    /** 32 hex digits in the 8-4-4-4-12 shape of a UUID, as Claude Code names sessions and messages. */
    String uuid() {
        String hex = String.format("%016x%016x", nextLong(), nextLong());
        return hex.substring(0, 8) + '-' + hex.substring(8, 12) + '-' + hex.substring(12, 16) + '-'
                + hex.substring(16, 20) + '-' + hex.substring(20, 32);
    }
}
