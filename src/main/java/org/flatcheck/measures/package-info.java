/**
 * The flatness catalog: the {@link org.flatcheck.measures.FlatnessMeasure} service interface (metadata,
 * exact or certified computation, a declared verdict per symmetry), its {@code Value}s, typed
 * {@code Options}, one class per measure (or per family of scalars), and the ServiceLoader
 * {@code Catalog} that also loads and guards users' plug-in measures.
 *
 * <p>May import: {@code exact}, {@code network}, {@code calculus}, {@code paths}, {@code symmetry},
 * {@code numeric}. Stable API: {@code FlatnessMeasure}, {@code Metadata}, {@code Value}, {@code Verdict},
 * {@code Options}, {@code Catalog}; the measure classes are reached through the catalog by id.
 */
package org.flatcheck.measures;
