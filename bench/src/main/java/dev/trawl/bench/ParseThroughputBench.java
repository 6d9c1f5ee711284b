package dev.trawl.bench;

import dev.trawl.kql.syntax.Parser;
import dev.trawl.kql.syntax.SourceText;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Parser throughput over the whole corpus on one thread: one operation parses every corpus and conformance
 * query (building its {@link SourceText}, as the CLI does). The {@code bytes} counter is the UTF-8 size of what
 * was parsed, so its score is bytes per second; {@link #main} prints it as MB/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
// A fixed, pre-touched heap: fresh memory is slow on this VM and would otherwise show up as parse time.
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@Threads(1)
public class ParseThroughputBench {
    private List<String> queries;
    private long corpusBytes;

    /** Counts the bytes parsed; JMH reports the count per second next to the primary score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class ParsedBytes {
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }
    }

    @Setup
    public void load() {
        queries = BenchCorpus.queries();
        corpusBytes = BenchCorpus.utf8Bytes(queries);
    }

    @Benchmark
    public void parseCorpus(Blackhole blackhole, ParsedBytes parsed) {
        for (String query : queries) {
            blackhole.consume(Parser.parse(new SourceText("bench.kql", query)));
        }
        parsed.bytes += corpusBytes;
    }

    /** Runs this benchmark (JMH command-line options apply, e.g. {@code -f 1 -wi 3 -i 5}) and prints MB/s. */
    public static void main(String[] args) throws RunnerException, org.openjdk.jmh.runner.options.CommandLineOptionException {
        Options options = new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include(ParseThroughputBench.class.getName() + ".parseCorpus")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        for (RunResult result : results) {
            Result<?> bytes = result.getSecondaryResults().get("bytes");
            if (bytes != null) {
                System.out.printf("parse throughput: %.2f MB/s (± %.2f, 99.9%% CI), UTF-8 bytes of the corpus per second on "
                        + "one thread%n", bytes.getScore() / 1e6, bytes.getScoreError() / 1e6);
            }
        }
    }
}
