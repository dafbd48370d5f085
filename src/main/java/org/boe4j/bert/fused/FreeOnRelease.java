package org.boe4j.bert.fused;

import org.nd4j.autodiff.samediff.internal.memory.AbstractMemoryMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A SameDiff session memory manager without a cache: new arrays from ND4J, released ones closed at once.
 *
 * <p>Why: SameDiff 1.0.0-M2.1's default manager ({@code ArrayCacheMemoryMgr}) keeps released arrays for reuse by
 * shape, up to 25% of JavaCPP's {@code maxbytes} (3.5 GB under the launcher's 14 GB), and what it does not keep
 * waits for the garbage collector. With the batch's real length every batch has another shape, so the cache mostly
 * grows: repeated inference at 16 x 20-80 word pieces went from 2.0 to 4.2 GB RSS in 30 batches (plain graph, 3 GB
 * heap), and the fine-tuned evaluation of docs/results.md was seen at 12.5 GB. Measured for gradients
 * ({@code nn.Backprop}, five fine-tuning steps at 8 x 128): peak RSS 8.76 GB with the cache, 7.78 GB without, step
 * times the same within noise.
 */
public final class FreeOnRelease extends AbstractMemoryMgr {

    @Override
    public INDArray allocate(boolean detached, DataType dataType, long... shape) {
        return Nd4j.createUninitialized(dataType, shape);
    }

    @Override
    public INDArray allocate(boolean detached, LongShapeDescriptor descriptor) {
        return Nd4j.create(descriptor, false);
    }

    @Override
    public void release(INDArray array) {
        if (array.closeable()) {
            array.close();
        }
    }

    @Override
    public void close() {
        // nothing is held
    }
}
