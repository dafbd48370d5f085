package org.boe4j.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.boe4j.model.Prediction;
import org.boe4j.model.PredictionJson;

/**
 * Batch inference with Spark: documents in (text lines, JSONL or Parquet), one prediction per document out, as
 * JSONL ({@link PredictionJson}, the format of {@code boe4j predict --json}) or Parquet (id, lang, labels,
 * probabilities, and the JSON line). The model, a saved model directory, is loaded once per executor JVM
 * ({@link ExecutorPredictors}, via mapPartitions) and runs {@link org.boe4j.model.Predictor#predict}, the
 * single-machine code; each partition is cut into batches of consecutive documents of one language. Blank input
 * lines are skipped (ids stay line numbers), as {@code boe4j predict --file} does.
 */
public final class SparkPredict {

    /**
     * @param entities also write each document's bag of entities (with attention weights when the model has them)
     */
    public record Config(String input, DocumentInput.Format format, DocumentInput.Fields fields, String output,
            boolean parquetOutput, int batchSize, boolean entities, int minPartitions) {

        public Config {
            if (batchSize < 1) {
                throw new IllegalArgumentException("the batch size must be >= 1, got " + batchSize);
            }
        }
    }

    private SparkPredict() {
    }

    /** Runs the job; returns the number of documents predicted. */
    public static long run(SparkSession spark, PredictorFactory factory, Config c) {
        JavaRDD<DocumentInput> docs = read(spark, c);
        int batchSize = c.batchSize();
        boolean entities = c.entities();
        JavaRDD<Row> rows = docs.mapPartitions(it -> predictPartition(factory, it, batchSize, entities));
        StructType schema = new StructType()
                .add("id", DataTypes.StringType, false)
                .add("lang", DataTypes.StringType, false)
                .add("labels", DataTypes.createArrayType(DataTypes.StringType), false)
                .add("probabilities", DataTypes.createArrayType(DataTypes.DoubleType), false)
                .add("json", DataTypes.StringType, false);
        Dataset<Row> out = spark.createDataFrame(rows, schema).cache();
        try {
            if (c.parquetOutput()) {
                out.write().parquet(c.output());
            } else {
                out.select("json").write().text(c.output());
            }
            return out.count();
        } finally {
            out.unpersist();
        }
    }

    static JavaRDD<DocumentInput> read(SparkSession spark, Config c) {
        DocumentInput.Fields f = c.fields();
        if (c.format() == DocumentInput.Format.PARQUET) {
            Dataset<Row> table = spark.read().parquet(c.input());
            List<String> columns = List.of(table.columns());
            if (!columns.contains(f.text())) {
                throw new IllegalArgumentException(c.input() + ": no column \"" + f.text() + "\" (--text-field); "
                        + "columns: " + columns);
            }
            boolean hasId = columns.contains(f.id());
            boolean hasLang = columns.contains(f.language());
            return table.javaRDD().zipWithIndex().map(t -> {
                Row r = t._1();
                String id = hasId ? String.valueOf((Object) r.getAs(f.id())) : Long.toString(t._2() + 1);
                String lang = hasLang && r.getAs(f.language()) != null ? r.getAs(f.language()) : f.defaultLanguage();
                return new DocumentInput(id, r.getAs(f.text()), lang);
            });
        }
        DocumentInput.Format format = c.format();
        return spark.sparkContext().textFile(c.input(), c.minPartitions()).toJavaRDD().zipWithIndex()
                .filter(t -> !t._1().isBlank())
                .map(t -> format == DocumentInput.Format.TEXT ? DocumentInput.ofTextLine(t._1(), t._2() + 1, f)
                        : DocumentInput.ofJsonLine(t._1(), t._2() + 1, f));
    }

    private static Iterator<Row> predictPartition(PredictorFactory factory, Iterator<DocumentInput> it,
            int batchSize, boolean entities) {
        List<String> labelSet = ExecutorPredictors.labels(factory);
        List<Row> out = new ArrayList<>();
        List<DocumentInput> batch = new ArrayList<>(batchSize);
        while (it.hasNext()) {
            DocumentInput d = it.next();
            if (!batch.isEmpty() && (batch.size() == batchSize || !batch.get(0).language().equals(d.language()))) {
                flush(factory, batch, labelSet, entities, out);
            }
            batch.add(d);
        }
        if (!batch.isEmpty()) {
            flush(factory, batch, labelSet, entities, out);
        }
        return out.iterator();
    }

    private static void flush(PredictorFactory factory, List<DocumentInput> batch, List<String> labelSet,
            boolean entities, List<Row> out) {
        String lang = batch.get(0).language();
        List<Prediction> ps = ExecutorPredictors.predict(factory, batch.stream().map(DocumentInput::text).toList(),
                lang, batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Prediction p = ps.get(i);
            DocumentInput d = batch.get(i);
            List<Double> probs = new ArrayList<>(p.probabilities().length);
            for (double x : p.probabilities()) {
                probs.add(x);
            }
            out.add(RowFactory.create(d.id(), lang, p.labels().toArray(new String[0]), probs.toArray(new Double[0]),
                    PredictionJson.line(d.id(), lang, labelSet, p, entities)));
        }
        batch.clear();
    }
}
