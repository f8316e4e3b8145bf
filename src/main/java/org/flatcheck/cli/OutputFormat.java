package org.flatcheck.cli;

/** What a command prints on stdout: its text report (the default), JSON, a Markdown table or a LaTeX table. */
enum OutputFormat {
    TEXT, JSON, MARKDOWN, LATEX
}
