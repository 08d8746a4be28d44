#include "files/files_text.hpp"

namespace mimamori::web::files {
namespace {

constexpr ui::TextEntry<T> kText[] = {
    {T::Attach, "ファイルを添付", "Attach files"},
    {T::Uploading, "送信中", "Uploading"},
    {T::Waiting, "接続を待っています", "Waiting for the connection"},
    {T::Resuming, "再開しています", "Resuming"},
    {T::Uploaded, "送信済み", "Uploaded"},
    {T::Cancel, "中止", "Cancel"},
    {T::Retry, "再試行", "Retry"},
    {T::Remove, "外す", "Remove"},
    {T::Left, "残り", "left"},
    {T::TooLarge, "ファイルが大きすぎます", "The file is too large"},
    {T::RefusedType, "この種類のファイルは送れません", "This kind of file cannot be shared"},
    {T::Refused, "サーバーが受け付けませんでした", "The server refused the file"},
    {T::NotAllowed, "この利用者のファイルを送る権限がありません", "You may not add files for this patient"},
    {T::ReadFailed, "ファイルを読み込めませんでした", "The file could not be read"},
    {T::Gave, "接続が何度も切れたため中断しました", "Stopped: the connection failed too many times"},
    {T::Play, "再生", "Play"},
    {T::OpenPdf, "開く", "Open"},
    {T::Download, "ダウンロード", "Download"},
    {T::PdfPreview, "PDFで表示", "PDF preview"},
    {T::Close, "閉じる", "Close"},
    {T::ZoomIn, "拡大", "Zoom in"},
    {T::ZoomOut, "縮小", "Zoom out"},
    {T::Fit, "全体", "Fit"},
    {T::Loading, "読み込み中", "Loading"},
    {T::ImageFailed, "画像を表示できません", "The image cannot be shown"},
    {T::FilesHeading, "ファイル", "Files"},
    {T::NoFiles, "ファイルはまだありません", "No files yet"},
    {T::LoadFailed, "ファイルの一覧を読み込めませんでした", "The list of files could not be loaded"},
    {T::Reload, "再読み込み", "Reload"},
    {T::By, "送信者", "By"},
    {T::Seconds, "秒", " s"},
    {T::Minutes, "分", " min"},
    {T::Hours, "時間", " h"},
    {T::Empty, "空のファイルは送れません", "An empty file cannot be shared"},
    {T::PdfConverting, "PDFに変換中…", "Converting to PDF…"},
    {T::PdfReady, "PDFができました", "The PDF is ready"},
    {T::PdfOpen, "PDFを開く", "Open the PDF"},
    {T::PdfUnavailable, "この環境ではPDFプレビューを作れません。ダウンロードしてご覧ください",
     "This server cannot make PDF previews. Please download the file"},
    {T::PdfFailed, "この文書はPDFに変換できませんでした。ダウンロードしてご覧ください",
     "This document could not be converted to PDF. Please download the file"},
    {T::PdfUnreachable, "PDFプレビューを確認できませんでした。もう一度お試しください",
     "Could not ask for the PDF preview. Please try again"},
};

static_assert(ui::lists_every_key_in_order(kText), "kText lists every T once, in order");

Lang g_lang = Lang::Ja;

} // namespace

const char* tr(T t) { return ui::text_of<T>(kText, g_lang, t); }

std::span<const ui::TextEntry<T>> texts() { return kText; }

void set_language(Lang lang) { g_lang = lang; }

} // namespace mimamori::web::files
