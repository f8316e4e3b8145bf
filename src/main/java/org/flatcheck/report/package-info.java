/**
 * Renderers: audit reports as text, JSON, Markdown and LaTeX, and plots (orbits, loss slices, spectra) as
 * SVG or PNG.
 *
 * <p>May import: every package but {@code cli}. Stable API: {@code AuditReport}; the plots are used through
 * the command line.
 */
package org.flatcheck.report;
