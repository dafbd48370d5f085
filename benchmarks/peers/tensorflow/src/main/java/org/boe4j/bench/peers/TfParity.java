package org.boe4j.bench.peers;

import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Checks that the TensorFlow peer computes what boe4j computes: runs the SavedModel on boe4j's ParityDump input
 * (DIR/input_ids.npy, attention_mask.npy) and prints the max abs difference from DIR/sequence_output.npy and
 * pooled_output.npy over valid positions; exits 1 above 2e-4.
 * <pre>java -cp ... org.boe4j.bench.peers.TfParity DIR</pre>
 */
public final class TfParity {

    private TfParity() {
    }

    /** The data of a little-endian .npy file (version 1.0; int32 or float32, C order), as a buffer. */
    static ByteBuffer npyData(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = b.getShort(8) & 0xffff;
        String header = new String(all, 10, headerLength, StandardCharsets.US_ASCII);
        if (!header.contains("'<i4'") && !header.contains("'<f4'") || header.contains("'fortran_order': True")) {
            throw new IOException(file + ": expected a C-order <i4 or <f4 array, header " + header.trim());
        }
        b.position(10 + headerLength);
        return b.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int[] ids = ints(npyData(dir.resolve("input_ids.npy")));
        int[] mask = ints(npyData(dir.resolve("attention_mask.npy")));
        float[] seqRef = floats(npyData(dir.resolve("sequence_output.npy")));
        float[] pooledRef = floats(npyData(dir.resolve("pooled_output.npy")));
        int t = TfSavedModel.LENGTH;
        int batch = ids.length / t;
        ConfigProto config = ConfigProto.newBuilder().setIntraOpParallelismThreads(TfForwardBenchmark.threads())
                .setInterOpParallelismThreads(1).build();
        try (SavedModelBundle bundle = SavedModelBundle.loader(TfSavedModel.unpacked().toString()).withTags("serve")
                .withConfigProto(config).load();
             TInt32 idsT = TInt32.tensorOf(Shape.of(batch, t), DataBuffers.of(ids, true, false));
             TInt32 maskT = TInt32.tensorOf(Shape.of(batch, t), DataBuffers.of(mask, true, false));
             TInt32 segT = TInt32.tensorOf(Shape.of(batch, t), DataBuffers.of(new int[batch * t], true, false));
             Result r = bundle.session().runner().feed("input_ids:0", idsT).feed("input_mask:0", maskT)
                     .feed("segment_ids:0", segT).fetch(TfSavedModel.SEQUENCE_OUTPUT)
                     .fetch(TfSavedModel.POOLED_OUTPUT).run()) {
            float[] seq = new float[seqRef.length];
            float[] pooled = new float[pooledRef.length];
            ((TFloat32) r.get(0)).copyTo(DataBuffers.of(seq, false, false));
            ((TFloat32) r.get(1)).copyTo(DataBuffers.of(pooled, false, false));
            int d = seq.length / (batch * t);
            double maxSeq = 0;
            for (int p = 0; p < batch * t; p++) {
                if (mask[p] == 0) {
                    continue;
                }
                for (int k = 0; k < d; k++) {
                    maxSeq = Math.max(maxSeq, Math.abs(seq[p * d + k] - seqRef[p * d + k]));
                }
            }
            double maxPooled = 0;
            for (int i = 0; i < pooled.length; i++) {
                maxPooled = Math.max(maxPooled, Math.abs(pooled[i] - pooledRef[i]));
            }
            System.out.printf(Locale.ROOT, "parity TF Java vs boe4j (B=%d T=%d): sequence_output max |diff| %.2e"
                    + " (valid positions), pooled_output %.2e%n", batch, t, maxSeq, maxPooled);
            if (!(maxSeq < 2e-4 && maxPooled < 2e-4)) {
                System.exit(1);
            }
        }
    }

    private static int[] ints(ByteBuffer b) {
        int[] a = new int[b.remaining() / 4];
        b.asIntBuffer().get(a);
        return a;
    }

    private static float[] floats(ByteBuffer b) {
        float[] a = new float[b.remaining() / 4];
        b.asFloatBuffer().get(a);
        return a;
    }
}
