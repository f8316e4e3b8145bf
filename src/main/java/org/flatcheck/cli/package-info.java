/**
 * The {@code flatcheck} command line (picocli): one class per subcommand holding its options and
 * delegating to the packages below, exit codes, progress messages.
 *
 * <p>May import: everything; nothing imports it. Not part of the library's API (not exported).
 */
package org.flatcheck.cli;
