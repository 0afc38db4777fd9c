package lethe.bench.corpus;

/**
 * What is fixed about a session before any of its turns is written: where it comes from, when it starts,
 * how long it is, and the seed its turns are drawn from.
 */
record SessionPlan(int index, String tool, String host, String sessionId, String project, String model,
                   long startMillis, int length, long seed) {
}
