package lethe.bench;

import lethe.bench.attack.AttackRun;
import lethe.bench.corpus.GenerateCorpus;
import lethe.bench.ingest.IngestRun;
import lethe.bench.read.ReadRun;
import lethe.bench.report.Record;
import lethe.bench.report.Report;

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
            case "ingest" -> IngestRun.run(rest);
            case "reads" -> ReadRun.run(rest);
            case "attack" -> AttackRun.run(rest);
            case "record" -> Record.run(rest);
            case "report" -> Report.run(rest);
            default -> usage();
        }
    }

    private static void usage() {
        System.err.println("""
                usage: java -jar lethe-bench.jar <command> ...   (lethe-bench/run.sh drives these; see docs/benchmarks.md)
                  corpus <small|medium|large|TURNS> <seed> <out.ndjson>
                  ingest --url U[,U2...] --corpus F --results R [--lines N] [--gzip] [--collectors C] [--stream] [--label L] [--round N]
                  reads  --url U --path P --results R [--rate R] [--seconds S] [--warmup S] [--label L]
                  attack <none|slow-stranger|slow-user|meta-keys|big-metas|bodies-in-flight|big-session>
                         --url U --results R --lethe LABEL --server-log F [--seconds S] [--connections N] [--admin-url A]
                  record --results R --kind K --label L [--name value ...]
                  report --results R [--baseline TEXT]""");
        System.exit(2);
    }
}
