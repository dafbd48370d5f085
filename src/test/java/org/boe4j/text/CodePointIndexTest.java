package org.boe4j.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CodePointIndexTest {

    @Test
    void supplementaryCharactersTakeTwoUtf16Units() {
        // a | 😀 (U+1F600, surrogate pair) | b | 𠮷 (U+20BB7, surrogate pair): 4 code points, 6 UTF-16 units
        CodePointIndex index = new CodePointIndex("a😀b𠮷");
        assertThat(new int[] {index.toUtf16(0), index.toUtf16(1), index.toUtf16(2), index.toUtf16(3),
                index.toUtf16(4)}).containsExactly(0, 1, 3, 4, 6);
    }

    @Test
    void bmpTextMapsToItself() {
        CodePointIndex index = new CodePointIndex("東京 and ❤");
        for (int i = 0; i <= 8; i++) { // 東 京 space a n d space ❤ = 8 code points
            assertThat(index.toUtf16(i)).isEqualTo(i);
        }
    }

    @Test
    void offsetsOutsideTheTextAreRejected() {
        CodePointIndex index = new CodePointIndex("a😀");
        assertThatThrownBy(() -> index.toUtf16(3)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside the text's 2 code points");
        assertThatThrownBy(() -> new CodePointIndex("abc").toUtf16(-1)).isInstanceOf(IllegalStateException.class);
    }
}
