package org.boe4j.bert;

import java.util.Arrays;
import java.util.List;

/**
 * The feed-forward activation of a BERT checkpoint, as Hugging Face's {@code config.json} names it in
 * {@code hidden_act}. The checkpoint decides: Google's TF M-BERT was measured to match the tanh
 * approximation to 3e-5 and to differ from exact GELU by up to 4e-2 on the final hidden states.
 */
public enum HiddenAct {
    /** Exact GELU, x * Phi(x) = 0.5 x (1 + erf(x / sqrt 2)). HF name "gelu". */
    GELU_ERF("gelu"),
    /** Tanh approximation 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))). HF "gelu_new" and its aliases. */
    GELU_TANH("gelu_new", "gelu_pytorch_tanh", "gelu_fast");

    private final List<String> hfNames;

    HiddenAct(String... hfNames) {
        this.hfNames = List.of(hfNames);
    }

    /** The name written to config.json. */
    public String hfName() {
        return hfNames.get(0);
    }

    public static HiddenAct fromHfName(String name) {
        for (HiddenAct act : values()) {
            if (act.hfNames.contains(name)) {
                return act;
            }
        }
        throw new IllegalArgumentException("unknown hidden_act \"" + name + "\": expected one of "
                + Arrays.stream(values()).flatMap(a -> a.hfNames.stream()).toList());
    }
}
