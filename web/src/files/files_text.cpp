#include "files/files_text.hpp"

#include <cstddef>

namespace mimamori::web::files {
namespace {

struct Entry {
    T t;
    const char* ja;
    const char* en;
};

constexpr Entry kText[] = {
    {T::Attach, "ファイルを添付", "Attach files"},
    {T::TakePhoto, "カメラで撮影", "Take a photo or video"},
    {T::Uploading, "送信中", "Uploading"},
    {T::Waiting, "接続を待っています", "Waiting for the connection"},
    {T::Resuming, "再開しています", "Resuming"},
    {T::Uploaded, "送信済み", "Uploaded"},
    {T::Failed, "送信できませんでした", "Upload failed"},
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
};

constexpr bool complete() {
    constexpr auto count = static_cast<std::size_t>(T::Count);
    if (std::size(kText) != count) return false;
    for (std::size_t i = 0; i < count; ++i)
        if (static_cast<std::size_t>(kText[i].t) != i) return false;
    return true;
}
static_assert(complete(), "kText lists every T once, in order");

Lang g_lang = Lang::Ja;

} // namespace

const char* tr(T t) {
    const Entry& e = kText[static_cast<std::size_t>(t)];
    return g_lang == Lang::En ? e.en : e.ja;
}

void set_language(Lang lang) { g_lang = lang; }

} // namespace mimamori::web::files
