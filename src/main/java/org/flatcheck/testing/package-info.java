/**
 * Testing support for users' own measures and property suites: {@link org.flatcheck.testing.InvarianceContract}
 * (a jqwik test interface that checks every declared verdict of a measure) and
 * {@link org.flatcheck.testing.Generators} (networks, datasets and group elements as jqwik arbitraries). Needs
 * jqwik and JUnit 5 on the class path; they are optional dependencies of flatcheck.
 *
 * <p>May import: everything but {@code cli} and {@code report}. Stable API: {@code InvarianceContract},
 * {@code Generators}.
 */
package org.flatcheck.testing;
