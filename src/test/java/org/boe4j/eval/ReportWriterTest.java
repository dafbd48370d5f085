package org.boe4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    /**
     * Three seeds, two languages, two variants. By hand (percent):
     * M-BERT en 90, 92, 94 -> 92.0 (± 2.0); fr 70, 71, 75 -> 72.0 (± 2.6458) ; avg per seed 80, 81.5, 84.5
     * -> 82.0 (± 2.2913). + BoE en 91, 93, 95 -> 93.0 (± 2.0); fr 74, 74, 77 -> 75.0 (± 1.7321);
     * avg per seed 82.5, 83.5, 86 -> 84.0 (± 1.8028).
     * fr differences 4, 3, 2: mean 3, s = 1, t = 3 / (1/√3) = 5.196, df 2; sign-flip: only ±(4+3+2) reach 9 -> 2/8.
     */
    static ExperimentResults sample() {
        ExperimentResults r = new ExperimentResults("sib200-demo", "accuracy", "M-BERT")
                .languages(List.of("en", "fr")).variant("+ BoE")
                .provenance("dataset", "sib200 (sha256 fd70...)").provenance("model", "bert-base-multilingual-cased");
        double[][] base = {{0.90, 0.92, 0.94}, {0.70, 0.71, 0.75}};
        double[][] boe = {{0.91, 0.93, 0.95}, {0.74, 0.74, 0.77}};
        for (int s = 0; s < 3; s++) {
            r.add("M-BERT", "en", s + 1, base[0][s]).add("M-BERT", "fr", s + 1, base[1][s]);
            r.add("+ BoE", "en", s + 1, boe[0][s]).add("+ BoE", "fr", s + 1, boe[1][s]);
            r.runProvenance("+ BoE", "fr", s + 1, "checkpoint", "runs/x/seed" + (s + 1));
        }
        r.confusion("+ BoE", "fr", 1, ConfusionMatrix.of(List.of("a", "b"), List.of("a", "b", "b"),
                List.of("a", "a", "b")));
        return r;
    }

    @Test
    void tableCellsAreMeanAndSampleStdInPercent() {
        ResultsTable t = ResultsTable.of(sample());
        assertThat(t.columns()).containsExactly("en", "fr", "avg");
        assertThat(t.rows().get(0).cells()).extracting(ResultsTable.Cell::format)
                .containsExactly("92.0 (± 2.0)", "72.0 (± 2.6)", "82.0 (± 2.3)");
        assertThat(t.rows().get(1).cells()).extracting(ResultsTable.Cell::format)
                .containsExactly("93.0 (± 2.0)", "75.0 (± 1.7)", "84.0 (± 1.8)");
        assertThat(t.toCsv()).isEqualTo("model,en,fr,avg\r\n"
                + "M-BERT,92.0 (± 2.0),72.0 (± 2.6),82.0 (± 2.3)\r\n"
                + "+ BoE,93.0 (± 2.0),75.0 (± 1.7),84.0 (± 1.8)\r\n");
    }

    @Test
    void writesEveryReportFile(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("runs/sib200-demo");
        ReportWriter.write(run, sample(), PaperResults.MLDOC);

        String md = Files.readString(run.resolve("table.md"));
        assertThat(md).contains("| model | en | fr | avg |")
                .contains("| M-BERT | 92.0 (± 2.0) | 72.0 (± 2.6) | 82.0 (± 2.3) |")
                .contains("| + BoE | 93.0 (± 2.0) | 75.0 (± 1.7) | 84.0 (± 1.8) |")
                .contains("| + BoE | fr | 3 | +3.00 | 5.196 |")
                .contains("(2/8) |")
                // the paper's MLDoc rows restricted to our columns, with the paper's own average
                .contains("| + BoE | 94.2 | 83.6 | 77.5 |")
                .contains("- model: bert-base-multilingual-cased");
        assertThat(Files.readString(run.resolve("table.csv"))).startsWith("model,en,fr,avg\r\n");
        assertThat(Files.readString(run.resolve("significance.csv")).lines())
                .hasSize(4).element(2).asString().startsWith("+ BoE,M-BERT,fr,3,");

        JsonObject json = JsonParser.parseString(Files.readString(run.resolve("results.json"))).getAsJsonObject();
        assertThat(json.get("version").getAsInt()).isEqualTo(1);
        assertThat(json.getAsJsonObject("provenance").get("dataset").getAsString()).startsWith("sib200");
        JsonObject frBoe = json.getAsJsonArray("cells").get(4).getAsJsonObject();
        assertThat(frBoe.get("variant").getAsString()).isEqualTo("+ BoE");
        assertThat(frBoe.get("language").getAsString()).isEqualTo("fr");
        assertThat(frBoe.get("mean").getAsDouble()).isCloseTo(0.75, within(1e-12));
        assertThat(frBoe.get("std").getAsDouble()).isCloseTo(Math.sqrt(3) / 100, within(1e-12));
        assertThat(frBoe.getAsJsonArray("runs").get(1).getAsJsonObject().getAsJsonObject("provenance")
                .get("checkpoint").getAsString()).isEqualTo("runs/x/seed2");
        JsonObject sigFr = json.getAsJsonArray("significance").get(1).getAsJsonObject();
        assertThat(sigFr.getAsJsonObject("paired_t_test").get("t").getAsDouble()).isCloseTo(3 * Math.sqrt(3), within(1e-6));
        assertThat(sigFr.getAsJsonObject("sign_flip_test").get("at_least_as_extreme").getAsLong()).isEqualTo(2);
        assertThat(json.getAsJsonObject("paper").getAsJsonObject("rows").getAsJsonObject("+ BoE").get("fr")
                .getAsDouble()).isEqualTo(83.6);
        assertThat(json.getAsJsonArray("confusion").get(0).getAsJsonObject().get("accuracy").getAsDouble())
                .isCloseTo(2.0 / 3, within(1e-12));
        assertThat(Files.readString(run.resolve("confusion.md"))).contains("| a | 1 | 0 |").contains("| b | 1 | 1 |");

        for (String chart : List.of("en", "fr", "all")) {
            BufferedImage img = ImageIO.read(run.resolve("charts/" + chart + ".png").toFile());
            assertThat(img).as(chart).isNotNull();
            assertThat(img.getWidth()).isEqualTo(BarChart.WIDTH);
            assertThat(img.getHeight()).isEqualTo(BarChart.HEIGHT);
        }
        // the stored numbers read back give the same report
        ExperimentResults back = ResultsJson.read(run.resolve("results.json"));
        assertThat(back.variants()).containsExactly("M-BERT", "+ BoE");
        assertThat(back.bySeed("+ BoE", "fr")).isEqualTo(sample().bySeed("+ BoE", "fr"));
        assertThat(back.runProvenance("+ BoE", "fr", 3)).containsEntry("checkpoint", "runs/x/seed3");
        assertThat(back.confusion().values()).singleElement().satisfies(m -> assertThat(m.count("b", "a")).isEqualTo(1));
        assertThat(ReportWriter.json(back, ResultsTable.of(back), Comparison.all(back), PaperResults.MLDOC))
                .isEqualTo(Files.readString(run.resolve("results.json")));
        try (var files = Files.list(run)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }
}
