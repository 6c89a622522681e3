package io.jlockdep.cli;

/** {@code --format html}: one self-contained page (placeholder: the text report, escaped, until the real page lands). */
final class HtmlOutput {
    private HtmlOutput() {
    }

    static String render(Outcome o, SourceLocator sources) {
        String text = TextOutput.render(o).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>jlockdep report</title></head><body><pre>"
                + text + "</pre></body></html>\n";
    }
}
