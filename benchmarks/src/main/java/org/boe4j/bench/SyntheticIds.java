package org.boe4j.bench;

/**
 * The token ids every encoder benchmark and every peer (TensorFlow Java, PyTorch) feeds, so that all of them run
 * the same input: row b of a [B, T] batch is {@code [CLS] w_1 ... w_{T-2} [SEP]} with
 * {@code w_t = 1000 + (b * 7919 + t * 104729) mod 100000}, every position real (mask 1), segment 0. The ids are
 * ordinary word pieces (1000 ... 100999 lie inside the 119,547-entry vocabulary); their values do not change the
 * arithmetic of a forward pass, only which embedding rows are gathered. The same formula is in
 * benchmarks/peers/pytorch/bert_peer.py and the TensorFlow peer.
 */
final class SyntheticIds {

    static final int CLS = 101;
    static final int SEP = 102;

    private SyntheticIds() {
    }

    static int[][] ids(int batch, int length) {
        int[][] ids = new int[batch][length];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < length; t++) {
                ids[b][t] = t == 0 ? CLS : t == length - 1 ? SEP : 1000 + (int) ((b * 7919L + t * 104729L) % 100000);
            }
        }
        return ids;
    }

    static int[][] ones(int batch, int length) {
        int[][] m = new int[batch][length];
        for (int[] row : m) {
            java.util.Arrays.fill(row, 1);
        }
        return m;
    }
}
