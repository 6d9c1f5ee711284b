package dev.trawl.bench;

import dev.trawl.kql.syntax.ParseResult;
import dev.trawl.kql.syntax.Parser;
import dev.trawl.kql.syntax.SourceText;
import java.util.Arrays;
import java.util.List;

/**
 * A quick parser throughput measurement without JMH: parses the whole corpus repeatedly on one thread, warms up,
 * then reports the median MB/s (UTF-8 bytes) of N timed iterations. Faster to run than
 * {@link ParseThroughputBench}, with less protection against the JIT's tricks; use it for a quick look and JMH
 * for numbers to record.
 *
 * <p>Arguments: {@code [--iterations N] [--warmup-seconds S] [--iteration-seconds S]}.
 */
public final class ParseBench {
    private ParseBench() {
    }

    public static void main(String[] args) {
        int iterations = 15;
        double warmupSeconds = 10;
        double iterationSeconds = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--iterations" -> iterations = Integer.parseInt(args[++i]);
                case "--warmup-seconds" -> warmupSeconds = Double.parseDouble(args[++i]);
                case "--iteration-seconds" -> iterationSeconds = Double.parseDouble(args[++i]);
                default -> {
                    System.err.println("usage: ParseBench [--iterations N] [--warmup-seconds S] [--iteration-seconds S]");
                    System.exit(64);
                }
            }
        }
        List<String> queries = BenchCorpus.queries();
        long bytes = BenchCorpus.utf8Bytes(queries);
        long chars = queries.stream().mapToLong(String::length).sum();
        System.out.printf("corpus: %d queries, %.3f MB UTF-8 (%d chars); %s %s%n", queries.size(), bytes / 1e6, chars,
                System.getProperty("java.vm.name"), System.getProperty("java.version"));

        long checksum = 0;
        long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        int warmupPasses = 0;
        long passNanos = Long.MAX_VALUE;
        while (System.nanoTime() < warmupEnd || warmupPasses < 3) {
            long start = System.nanoTime();
            checksum += parseAll(queries);
            passNanos = Math.min(passNanos, System.nanoTime() - start);
            warmupPasses++;
        }
        int passes = (int) Math.max(1, Math.round(iterationSeconds * 1e9 / passNanos));
        System.out.printf("warm-up: %d passes; timing %d iterations of %d passes each%n", warmupPasses, iterations,
                passes);

        double[] megabytesPerSecond = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            for (int p = 0; p < passes; p++) {
                checksum += parseAll(queries);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            megabytesPerSecond[i] = bytes * passes / 1e6 / seconds;
            System.out.printf("  iteration %2d: %8.2f MB/s%n", i + 1, megabytesPerSecond[i]);
        }
        double[] sorted = megabytesPerSecond.clone();
        Arrays.sort(sorted);
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        System.out.printf("parse throughput: median %.2f MB/s (min %.2f, max %.2f) over %d iterations; %.0f queries/s;"
                + " checksum %d%n", median, sorted[0], sorted[sorted.length - 1], iterations,
                median * 1e6 / bytes * queries.size(), checksum);
    }

    /** Parses every query; returns a number that depends on every result, so no parse can be skipped. */
    private static long parseAll(List<String> queries) {
        long sum = 0;
        for (String query : queries) {
            ParseResult result = Parser.parse(new SourceText("bench.kql", query));
            sum += result.diagnostics().size() + result.script().statements().size();
        }
        return sum;
    }
}
