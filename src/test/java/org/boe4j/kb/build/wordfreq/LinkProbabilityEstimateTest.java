package org.boe4j.kb.build.wordfreq;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The link-probability stand-in on real words. Expected values are computed by hand from the Zipf values of the
 * embedded wordfreq lists (read once with {@code WordFrequencies.zipf} and written down here):
 * paris en 4.82 fr 5.71 de 4.93 it 4.21 es 4.13; deutschland de 5.84 only; nome it 5.63 only; die en 5.07 fr 4.14
 * de 7.48 (a German stopword) it 4.35 es 3.79; ロンドン ja 4.54 only; 日本 ja 6.05 zh 5.96 ko 3.42.
 */
class LinkProbabilityEstimateTest {

    private static final List<String> LANGS = List.of("en", "fr", "de", "it", "es", "ru", "ja", "zh");
    private final LinkProbabilityEstimate estimate = new LinkProbabilityEstimate(LANGS);

    @Test
    void realWordFrequenciesAreReadFromTheEmbeddedLists() {
        WordFrequencies fr = WordFrequencies.embedded("fr");
        assertThat(fr.zipf("paris")).isCloseTo(5.71, within(1e-9));
        assertThat(fr.frequency("paris")).isCloseTo(Math.pow(10, 5.71 - 9), within(1e-12));
        assertThat(WordFrequencies.embedded("de").zipf("deutschland")).isCloseTo(5.84, within(1e-9));
        assertThat(WordFrequencies.embedded("en").zipf("the")).isCloseTo(7.73, within(1e-9));
        assertThat(fr.zipf("no such word at all")).isZero();
        assertThat(WordFrequencies.embedded("xx")).isNull();
        assertThat(fr.size()).isEqualTo(31385);
    }

    @Test
    void frequencyExcessOverTheOtherLanguagesIsTheEstimate() {
        // fr: max(f_en, f_de, f_it, f_es) / f_fr = 10^(4.93 - 5.71)
        assertThat(estimate.estimate("fr", "Paris", "paris")).isCloseTo(Math.pow(10, 4.93 - 5.71), within(1e-9));
        // en: the largest other list is German, 4.93 > 4.82: capped at 1
        assertThat(estimate.estimate("en", "Paris", "paris")).isEqualTo(1.0);
        // only German writes it: the floor F0 = Zipf 4 stands in for the other languages, 10^(4 - 5.84)
        assertThat(estimate.estimate("de", "Deutschland", "deutschland")).isCloseTo(Math.pow(10, 4 - 5.84), within(1e-9));
        assertThat(estimate.estimate("it", "Nome", "nome")).isCloseTo(Math.pow(10, 4 - 5.63), within(1e-9));
        // German "die" is a German stopword, so it is no evidence for English: Italian 4.35 is the reference
        assertThat(estimate.estimate("en", "Die", "die")).isCloseTo(Math.pow(10, 4.35 - 5.07), within(1e-9));
        assertThat(estimate.estimate("ja", "ロンドン", "ロンドン")).isCloseTo(Math.pow(10, 4 - 4.54), within(1e-9));
        assertThat(estimate.estimate("zh", "日本", "日本")).isEqualTo(1.0); // Japanese 6.05 > 5.96
        assertThat(estimate.estimate("en", "Angela Merkel", "angela merkel")).isEqualTo(1.0); // "angela" not listed
    }

    @Test
    void scriptLengthStopwordAndLowerCaseRulesDrop() {
        double[] lp = new double[LANGS.size()];
        String[] why = new String[LANGS.size()];
        estimate.estimate("nome", "nome", lp, why);
        assertThat(why[LANGS.indexOf("it")]).isEqualTo("lower-case common word"); // Zipf 5.63 >= 4, written lower case
        assertThat(lp[LANGS.indexOf("it")]).isZero();
        assertThat(why[LANGS.indexOf("en")]).isNull(); // English has no "nome": kept
        assertThat(lp[LANGS.indexOf("en")]).isEqualTo(1.0);
        assertThat(why[LANGS.indexOf("ja")]).isEqualTo("script");

        estimate.estimate("Того", "того", lp, why);
        assertThat(why[LANGS.indexOf("ru")]).isEqualTo("stopword");
        assertThat(why[LANGS.indexOf("en")]).isEqualTo("script");

        estimate.estimate("ロンドン", "ロンドン", lp, why);
        assertThat(why[LANGS.indexOf("zh")]).isEqualTo("script"); // Katakana is not Chinese
        assertThat(why[LANGS.indexOf("ja")]).isNull();

        estimate.estimate("円", "円", lp, why);
        assertThat(why[LANGS.indexOf("ja")]).isEqualTo("length");
        assertThat(why[LANGS.indexOf("zh")]).isEqualTo("length");

        estimate.estimate("The", "the", lp, why);
        assertThat(why[LANGS.indexOf("en")]).isEqualTo("stopword");
    }

    @Test
    void aCorruptListIsAnErrorNamingTheByte() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(b)) {
            gz.write(new byte[] {(byte) 0x92, (byte) 0x81, (byte) 0xA6, 'f', 'o', 'r', 'm', 'a', 't', (byte) 0xA2, 'c',
                'B', (byte) 0x91, (byte) 0xC3});
        }
        assertThatThrownBy(() -> WordFrequencies.read("xx", new ByteArrayInputStream(b.toByteArray()), "bad.msgpack.gz"))
                .hasMessageContaining("bad.msgpack.gz: not a cBpack v1 file");
        ByteArrayOutputStream c = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(c)) {
            gz.write(new byte[] {(byte) 0x92, (byte) 0xC3});
        }
        assertThatThrownBy(() -> WordFrequencies.read("xx", new ByteArrayInputStream(c.toByteArray()), "bad2"))
                .hasMessageContaining("bad2: byte 1: expected a map, found MessagePack type byte 0xc3");
    }
}
