package org.flatcheck.io;

import java.util.Arrays;
import java.util.Objects;
import org.apache.commons.math3.fraction.BigFraction;

/**
 * A named tensor read from (or written to) a model file: a shape {@code (n₀, …, n_{r−1})} and its
 * {@code n₀·…·n_{r−1}} exact values in C (row-major) order, so that element {@code (i₀, …, i_{r−1})} is
 * {@code values[(…(i₀·n₁ + i₁)·n₂ + …)·n_{r−1} + i_{r−1}]}. {@code dtype} records the stored type
 * ({@code F32}, {@code <f4}, …) for messages; the values are exact whatever it is. Immutable.
 */
public final class Tensor {
    private final String name;
    private final String dtype;
    private final long[] shape;
    private final BigFraction[] values;

    private Tensor(String name, String dtype, long[] shape, BigFraction[] values) {
        this.name = name;
        this.dtype = dtype;
        this.shape = shape;
        this.values = values;
    }

    /**
     * A tensor; {@code values} are in C order.
     *
     * @throws IllegalArgumentException if a dimension is negative or the values do not fill the shape
     */
    public static Tensor of(String name, String dtype, long[] shape, BigFraction[] values) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        if (n != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, got "
                    + values.length);
        }
        for (BigFraction v : values) {
            Objects.requireNonNull(v, "value");
        }
        return new Tensor(name, dtype, shape.clone(), values.clone());
    }

    /** Wraps arrays the caller hands over (readers that just built them). */
    static Tensor wrap(String name, String dtype, long[] shape, BigFraction[] values) {
        return new Tensor(name, dtype, shape, values);
    }

    public String name() {
        return name;
    }

    public String dtype() {
        return dtype;
    }

    public long[] shape() {
        return shape.clone();
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** Dimension {@code k} of the shape. */
    public long dim(int k) {
        return shape[k];
    }

    /** Number of values. */
    public int size() {
        return values.length;
    }

    /** The value at C-order position {@code flat}. */
    public BigFraction value(int flat) {
        return values[flat];
    }

    /** A copy of the values, in C order. */
    public BigFraction[] values() {
        return values.clone();
    }

    /** The shape as {@code [n₀, n₁]}. */
    public String shapeText() {
        return Arrays.toString(shape);
    }

    /** The multi-index {@code [i₀, …]} of C-order position {@code flat} in {@code shape}. */
    static String index(long[] shape, long flat) {
        long[] idx = new long[shape.length];
        for (int k = shape.length - 1; k >= 0; k--) {
            idx[k] = shape[k] == 0 ? 0 : flat % shape[k];
            flat = shape[k] == 0 ? flat : flat / shape[k];
        }
        return Arrays.toString(idx);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && name.equals(t.name) && dtype.equals(t.dtype) && Arrays.equals(shape, t.shape)
                && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return name + " " + dtype + shapeText();
    }
}
