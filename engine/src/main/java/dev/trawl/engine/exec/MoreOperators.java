package dev.trawl.engine.exec;

import dev.trawl.engine.function.Re2;
import dev.trawl.engine.vector.Batch;
import dev.trawl.engine.vector.Column;
import dev.trawl.engine.vector.ColumnBuilder;
import dev.trawl.kql.plan.LogicalPlan;
import dev.trawl.kql.plan.Schema;
import dev.trawl.kql.syntax.LiteralValues;
import dev.trawl.kql.types.ScalarType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** parse, mv-apply and bag_unpack. */
final class MoreOperators {
    private MoreOperators() {
    }

    static List<Batch> parse(LogicalPlan.Parse parse, Iterable<Batch> input, Evaluator evaluator) {
        Re2.Compiled compiled;
        try {
            compiled = Re2.compile(parse.regex());
        } catch (IllegalArgumentException e) { // PatternSyntaxException is one
            throw new QueryException(List.of(dev.trawl.kql.diag.Diagnostic.error(dev.trawl.kql.diag.DiagnosticCode.RUNTIME_ERROR,
                    new dev.trawl.kql.syntax.Span(0, 0), "parse: the pattern is not a valid regular expression: "
                            + (e instanceof java.util.regex.PatternSyntaxException syntax ? syntax.getDescription()
                            : e.getMessage()))));
        }
        Pattern pattern = compiled.pattern();
        Schema schema = parse.schema();
        Schema inputSchema = parse.input().schema();
        int[] targets = new int[parse.columns().size()];
        int[] groups = new int[targets.length];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = schema.indexOf(parse.columns().get(i).name());
            groups[i] = compiled.groupNames().indexOf(LogicalPlan.Parse.columnGroup(i));
        }
        List<Batch> out = new ArrayList<>();
        for (Batch batch : input) {
            Column source = evaluator.evaluate(parse.source(), batch);
            ColumnBuilder[] builders = Executor.builders(schema, batch.size());
            int rows = 0;
            for (int k = 0; k < batch.size(); k++) {
                Object text = source.get(k);
                Matcher matcher = pattern.matcher(text == null ? "" : text instanceof String s ? s : text.toString());
                boolean matched = matcher.lookingAt();
                Object[] values = new Object[schema.size()];
                if (matched) {
                    for (int i = 0; i < targets.length; i++) {
                        Object value = convert(matcher.group(groups[i]), parse.columns().get(i).type());
                        if (value == INVALID) {
                            matched = parse.relaxed();
                            value = null;
                            if (!matched) {
                                break;
                            }
                        }
                        values[targets[i]] = value;
                    }
                }
                if (!matched) {
                    if (parse.dropUnmatched()) {
                        continue;
                    }
                    java.util.Arrays.fill(values, null);
                }
                int row = batch.row(k);
                for (int c = 0; c < inputSchema.size(); c++) {
                    boolean extracted = false;
                    for (int target : targets) {
                        extracted |= target == c;
                    }
                    if (!extracted) {
                        values[c] = batch.columns()[c].get(row);
                    }
                }
                for (int c = 0; c < values.length; c++) {
                    builders[c].add(values[c]);
                }
                rows++;
            }
            if (rows > 0) {
                out.add(Batch.dense(Executor.build(builders), rows));
            }
        }
        return out;
    }

    private static final Object INVALID = new Object();

    /** The marker {@link #convertText} returns for text that is not a value of the type. */
    static Object invalid() {
        return INVALID;
    }

    /** Text as a value of a column type (parse, parse-kv), or {@link #invalid()}. */
    static Object convertText(String text, ScalarType type) {
        return convert(text, type);
    }

    private static Object convert(String text, ScalarType type) {
        if (text == null) {
            return type == ScalarType.STRING ? "" : null;
        }
        try {
            return switch (type) {
                case STRING -> text;
                case INT -> Integer.parseInt(text);
                case LONG -> Long.parseLong(text);
                case REAL -> Double.parseDouble(text);
                case DECIMAL -> new java.math.BigDecimal(text);
                case BOOL -> Boolean.parseBoolean(text);
                case DATETIME -> {
                    Long ticks = LiteralValues.datetimeTicks(text);
                    yield ticks == null ? INVALID : ticks;
                }
                case TIMESPAN -> {
                    Long ticks = LiteralValues.timespanTicks("time(" + text + ")");
                    yield ticks == null ? INVALID : ticks;
                }
                case GUID -> java.util.UUID.fromString(text);
                case DYNAMIC -> dev.trawl.engine.value.Json.parseOrText(text);
            };
        } catch (IllegalArgumentException e) {
            return INVALID;
        }
    }

    static List<Batch> mvApply(LogicalPlan.MvApply apply, Iterable<Batch> input, Evaluator evaluator,
                               Executor.TableData tables) {
        List<Batch> out = new ArrayList<>();
        Schema inputSchema = apply.input().schema();
        for (Batch batch : input) {
            for (int k = 0; k < batch.size(); k++) {
                int row = batch.row(k);
                Column[] single = new Column[inputSchema.size()];
                for (int c = 0; c < single.length; c++) {
                    single[c] = batch.columns()[c].gather(new int[] {row}, 1);
                }
                List<Batch> expanded = LazyBatches.list(
                        MvExpansion.expand(apply.expansion(), List.of(Batch.dense(single, 1)), evaluator));
                Executor perRow = new Executor(table -> table.equals(apply.contextTable()) ? expanded
                        : tables.batches(table), evaluator.context());
                LogicalPlan subquery = apply.subquery();
                Schema schema = apply.schema();
                for (Batch result : perRow.execute(subquery)) {
                    // Each sub-query row beside the input row's columns.
                    Column[] columns = new Column[schema.size()];
                    for (int c = 0; c < schema.size(); c++) {
                        String name = schema.field(c).name();
                        int produced = subquery.schema().indexOf(name);
                        columns[c] = produced >= 0 ? result.dense(produced)
                                : new dev.trawl.engine.vector.ConstantColumn(schema.field(c).type(),
                                        single[inputSchema.indexOf(name)].get(0), result.size());
                    }
                    out.add(Batch.dense(columns, result.size()));
                }
            }
        }
        return out;
    }

    /** The columns bag_unpack adds: every property seen, sorted by name, typed by its values. */
    static Schema bagColumns(Iterable<Batch> input, int column) {
        Map<String, ScalarType> types = new TreeMap<>();
        for (Batch batch : input) {
            for (int k = 0; k < batch.size(); k++) {
                if (batch.columns()[column].get(batch.row(k)) instanceof Map<?, ?> bag) {
                    for (Map.Entry<?, ?> entry : bag.entrySet()) {
                        ScalarType type = typeOf(entry.getValue());
                        types.merge(entry.getKey().toString(), type, MoreOperators::unify);
                    }
                }
            }
        }
        List<Schema.Field> fields = new ArrayList<>();
        types.forEach((name, type) -> fields.add(new Schema.Field(name, type == null ? ScalarType.DYNAMIC : type)));
        return new Schema(fields);
    }

    private static ScalarType typeOf(Object value) {
        return switch (value) {
            case null -> null;
            case Long l -> ScalarType.LONG;
            case Double d -> ScalarType.REAL;
            case String s -> ScalarType.STRING;
            case Boolean b -> ScalarType.BOOL;
            default -> ScalarType.DYNAMIC;
        };
    }

    private static ScalarType unify(ScalarType a, ScalarType b) {
        if (a == null) {
            return b;
        }
        if (b == null || a == b) {
            return a;
        }
        if ((a == ScalarType.LONG && b == ScalarType.REAL) || (a == ScalarType.REAL && b == ScalarType.LONG)) {
            return ScalarType.REAL;
        }
        return ScalarType.DYNAMIC;
    }

    static List<Batch> bagUnpack(LogicalPlan.BagUnpack unpack, Iterable<Batch> input) {
        Schema schema = unpack.schema();
        Schema inputSchema = unpack.input().schema();
        List<Batch> out = new ArrayList<>();
        for (Batch batch : input) {
            ColumnBuilder[] builders = Executor.builders(schema, batch.size());
            for (int k = 0; k < batch.size(); k++) {
                int row = batch.row(k);
                Object bag = batch.columns()[unpack.column()].get(row);
                for (int c = 0; c < schema.size(); c++) {
                    String key = unpack.bagKeys().get(c);
                    Object value;
                    if (key == null) {
                        value = batch.columns()[inputSchema.indexOf(schema.field(c).name())].get(row);
                    } else {
                        Object raw = bag instanceof Map<?, ?> map ? map.get(key) : null;
                        value = MvExpansion.cast(raw, schema.field(c).type());
                    }
                    builders[c].add(value);
                }
            }
            out.add(Batch.dense(Executor.build(builders), batch.size()));
        }
        return out;
    }
}
