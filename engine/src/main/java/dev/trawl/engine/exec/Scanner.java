package dev.trawl.engine.exec;

import dev.trawl.engine.vector.Batch;
import dev.trawl.engine.vector.Column;
import dev.trawl.engine.vector.ColumnBuilder;
import dev.trawl.engine.vector.ConstantColumn;
import dev.trawl.kql.plan.LogicalPlan;
import java.util.List;

/**
 * scan's matching (docs: scan-operator.md, "Matching logic"): every row is tried against the steps from
 * last to first. Check 1: when the previous step's state is active and the condition holds over it, the
 * row extends that sequence into this step (the previous state moves here). Check 2, tried only if check 1
 * did not match: when this step's own state is active (or it is the first step) and the condition holds
 * over it, the row updates this step's record; on the first step an inactive state starts a new sequence
 * with the next match id. A matching row is output (unless output=none) with the declared columns after
 * its step's assignments; it then goes on to the step before.
 */
final class Scanner {
    private Scanner() {
    }

    /** A step's state: for each step 0..k its latest record (input + declared values), and the sequence id. */
    private record State(Object[][] records, long matchId) {
    }

    static List<Batch> scan(LogicalPlan.Scan scan, Iterable<Batch> input, Evaluator evaluator) {
        int inputWidth = scan.input().schema().size();
        int declaredWidth = scan.declared().size();
        int width = inputWidth + declaredWidth;
        int steps = scan.steps().size();
        State[] states = new State[steps];
        long nextMatchId = 0;
        ColumnBuilder[] builders = Executor.builders(scan.schema(), 64);
        int rows = 0;
        for (Batch batch : input) {
            for (int k = 0; k < batch.size(); k++) {
                int physical = batch.row(k);
                Object[] values = new Object[inputWidth];
                for (int c = 0; c < inputWidth; c++) {
                    values[c] = batch.columns()[c].get(physical);
                }
                for (int s = steps - 1; s >= 0; s--) {
                    LogicalPlan.ScanStep step = scan.steps().get(s);
                    boolean matched = false;
                    if (s > 0 && states[s - 1] != null) {
                        Object[] record = extended(values, scan, step, states[s - 1], evaluator, width);
                        if (record != null) {
                            State moved = states[s - 1];
                            Object[][] records = java.util.Arrays.copyOf(moved.records(), steps);
                            records[s] = record;
                            states[s] = new State(records, moved.matchId());
                            states[s - 1] = null;
                            rows += emit(builders, scan, step, record, moved.matchId(), width);
                            matched = true;
                        }
                    }
                    if (!matched && (states[s] != null || s == 0)) {
                        State own = states[s] != null ? states[s] : new State(new Object[steps][], -1);
                        Object[] record = extended(values, scan, step, own, evaluator, width);
                        if (record != null) {
                            long id = states[s] != null ? own.matchId() : nextMatchId++;
                            Object[][] records = own.records().clone();
                            records[s] = record;
                            states[s] = new State(records, id);
                            rows += emit(builders, scan, step, record, id, width);
                        }
                    }
                }
            }
        }
        return List.of(Batch.dense(Executor.build(builders), rows));
    }

    /** The row extended by the step's assignments if its condition holds over the state, else null. */
    private static Object[] extended(Object[] values, LogicalPlan.Scan scan, LogicalPlan.ScanStep step, State state,
                                     Evaluator evaluator, int width) {
        int inputWidth = values.length;
        Object[] current = new Object[width];
        System.arraycopy(values, 0, current, 0, inputWidth);
        for (int d = 0; d < scan.declared().size(); d++) {
            current[inputWidth + d] = scan.defaults().get(d);
        }
        Batch row = rowBatch(scan, current, state, width);
        if (!Boolean.TRUE.equals(evaluator.evaluate(step.condition(), row).get(0))) {
            return null;
        }
        Object[] assignedValues = new Object[step.assignments().size()];
        for (int a = 0; a < assignedValues.length; a++) {
            assignedValues[a] = evaluator.evaluate(step.assignments().get(a), row).get(0);
        }
        for (int a = 0; a < assignedValues.length; a++) {
            current[inputWidth + step.assigned().get(a)] = assignedValues[a];
        }
        return current;
    }

    private static Batch rowBatch(LogicalPlan.Scan scan, Object[] current, State state, int width) {
        int steps = scan.steps().size();
        Column[] columns = new Column[width + steps * width];
        for (int c = 0; c < width; c++) {
            columns[c] = new ConstantColumn(scan.rowSchema().field(c).type(), current[c], 1);
        }
        for (int s = 0; s < steps; s++) {
            Object[] record = state.records()[s];
            int inputWidth = width - scan.declared().size();
            for (int c = 0; c < width; c++) {
                int index = width + s * width + c;
                // A step with no record yet reads its declared columns' defaults (cumulative sums start at 0).
                Object value = record != null ? record[c] : c >= inputWidth ? scan.defaults().get(c - inputWidth) : null;
                columns[index] = new ConstantColumn(scan.rowSchema().field(index).type(), value, 1);
            }
        }
        return Batch.dense(columns, 1);
    }

    private static int emit(ColumnBuilder[] builders, LogicalPlan.Scan scan, LogicalPlan.ScanStep step, Object[] record,
                            long matchId, int width) {
        if (step.output().equals("none")) {
            return 0;
        }
        for (int c = 0; c < width; c++) {
            builders[c].add(record[c]);
        }
        if (scan.matchIdColumn() != null) {
            builders[width].add(matchId);
        }
        return 1;
    }
}
