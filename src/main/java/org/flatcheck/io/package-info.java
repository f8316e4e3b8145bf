/**
 * Every file format, in and out: networks and datasets (JSON, CSV), PyTorch state dicts (safetensors,
 * npy/npz), the shard files of class enumeration; all input validation happens here, and a bad file is an
 * {@code InputError} naming the file, the field and the fix. Files are written atomically.
 *
 * <p>May import: {@code error}, {@code exact}, {@code network}, {@code calculus}. Stable API:
 * {@code NetworkJson}, {@code DatasetJson}, {@code DatasetCsv}, {@code StateDict}, {@code InputError}.
 */
package org.flatcheck.io;
