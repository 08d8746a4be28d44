#pragma once
// The file layer's UI text in Japanese and English (kept here rather than in i18n/ so the layer
// stays one piece; the same rule: every message in both languages).

#include "ui/text_table.hpp"

namespace mimamori::web::files {

enum class T {
    Attach, Uploading, Waiting, Resuming, Uploaded, Cancel, Retry, Remove, Left,
    TooLarge, RefusedType, Refused, NotAllowed, ReadFailed, Gave, Play, OpenPdf, Download, PdfPreview,
    Close, ZoomIn, ZoomOut, Fit, Loading, ImageFailed, FilesHeading, NoFiles, LoadFailed, Reload, By, Seconds,
    Minutes, Hours, Empty, PdfConverting, PdfReady, PdfOpen, PdfUnavailable, PdfFailed, PdfUnreachable,
    Count
};

// The text of `t` in the language set by set_language() (Japanese until then).
const char* tr(T t);
void set_language(Lang lang);
// Every text in both languages (the font builder gives headings their glyphs).
std::span<const ui::TextEntry<T>> texts();

} // namespace mimamori::web::files
