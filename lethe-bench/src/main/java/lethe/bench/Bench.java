package lethe.bench;

import lethe.bench.corpus.GenerateCorpus;

import java.util.Arrays;

/** Entry point of lethe-bench.jar; {@code lethe-bench/run.sh} is the documented way to call it. */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            return;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "corpus" -> GenerateCorpus.run(rest);
            default -> usage();
        }
    }

    private static void usage() {
        System.err.println("usage: java -jar lethe-bench.jar corpus <small|medium|large|TURNS> <seed> <out.ndjson>");
        System.exit(2);
    }
}
