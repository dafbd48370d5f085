package org.boe4j.io;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Escaping for terminals and TSV columns (issue 16, defect 11); the expected strings are written out by hand. */
class TerminalTextTest {

    @Test
    void controlCharactersBecomeEscapesAndPrintableTextStays() {
        assertThat(TerminalText.escape("a\tb\nc\rd\\e")).isEqualTo("a\\tb\\nc\\rd\\\\e");
        assertThat(TerminalText.escape("\u001b[31mred\u0007\u0000")).isEqualTo("\\x1B[31mred\\x07\\x00");
        assertThat(TerminalText.escape("del\u007f csi\u009b nel\u0085")).isEqualTo("del\\x7F csi\\x9B nel\\x85");
        assertThat(TerminalText.escape("line\u2028para\u2029")).isEqualTo("line\\u2028para\\u2029");
        String printable = "東京は日本の首都です。 Москва 😀 café ü";
        assertThat(TerminalText.escape(printable)).isSameAs(printable);
    }

    @Test
    void messagesKeepTheirLineBreaksAndBackslashes() {
        assertThat(TerminalText.escapeKeepingNewlines("C:\\data\\x.tsv: bad\n  line 2\u001b]0;t\u0007"))
                .isEqualTo("C:\\data\\x.tsv: bad\n  line 2\\x1B]0;t\\x07");
    }

    @Test
    void jsonKeepsItsValueWithTheC1ControlsEscaped() {
        String json = "{\"text\":\"a\u009bb\u007f\",\"n\":1}";
        String escaped = TerminalText.jsonWithEscapedControls(json);
        assertThat(escaped).isEqualTo("{\"text\":\"a\\u009bb\\u007f\",\"n\":1}");
        assertThat(JsonParser.parseString(escaped)).isEqualTo(JsonParser.parseString(json));
    }
}
