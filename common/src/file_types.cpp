#include "mimamori/common/file_types.hpp"

#include <algorithm>
#include <array>
#include <cassert>

#include "mimamori/common/file_names.hpp"

namespace mimamori::files {
namespace {

using enum FileType;

constexpr std::array kTypes = {
    FileTypeInfo{Jpeg, {"jpeg", "JPEG画像", "JPEG image"}, "image/jpeg", "jpg jpeg jpe jfif", "image/jpg image/pjpeg", Category::Image, Preview::Image},
    FileTypeInfo{Png, {"png", "PNG画像", "PNG image"}, "image/png", "png", "image/x-png", Category::Image, Preview::Image},
    FileTypeInfo{Gif, {"gif", "GIF画像", "GIF image"}, "image/gif", "gif", "", Category::Image, Preview::Image},
    FileTypeInfo{Webp, {"webp", "WebP画像", "WebP image"}, "image/webp", "webp", "", Category::Image, Preview::Image},
    // Only Safari shows HEIC: the app offers it as a download.
    FileTypeInfo{Heic, {"heic", "HEIC画像", "HEIC image"}, "image/heic", "heic heif", "image/heif image/heic-sequence image/heif-sequence", Category::Image, Preview::None},
    FileTypeInfo{Mp4, {"mp4", "MP4動画", "MP4 video"}, "video/mp4", "mp4 m4v 3gp 3g2", "application/mp4 video/x-m4v video/3gpp video/3gpp2", Category::Video, Preview::Video},
    FileTypeInfo{Mov, {"mov", "QuickTime動画", "QuickTime video"}, "video/quicktime", "mov qt", "", Category::Video, Preview::Video},
    FileTypeInfo{Webm, {"webm", "WebM動画", "WebM video"}, "video/webm", "webm", "audio/webm", Category::Video, Preview::Video},
    FileTypeInfo{Mkv, {"mkv", "Matroska動画", "Matroska video"}, "video/x-matroska", "mkv mka", "video/matroska audio/x-matroska", Category::Video, Preview::None},
    FileTypeInfo{Mp3, {"mp3", "MP3音声", "MP3 audio"}, "audio/mpeg", "mp3", "audio/mp3 audio/mpeg3 audio/x-mpeg audio/x-mp3", Category::Audio, Preview::Audio},
    FileTypeInfo{M4a, {"m4a", "M4A音声", "M4A audio"}, "audio/mp4", "m4a m4b", "audio/x-m4a audio/m4a", Category::Audio, Preview::Audio},
    FileTypeInfo{Wav, {"wav", "WAV音声", "WAV audio"}, "audio/wav", "wav", "audio/wave audio/x-wav audio/vnd.wave", Category::Audio, Preview::Audio},
    FileTypeInfo{Ogg, {"ogg", "Ogg音声", "Ogg audio"}, "audio/ogg", "ogg oga opus", "application/ogg video/ogg audio/opus", Category::Audio, Preview::Audio},
    FileTypeInfo{Pdf, {"pdf", "PDF", "PDF document"}, "application/pdf", "pdf", "application/x-pdf", Category::Document, Preview::Pdf},
    FileTypeInfo{Docx, {"docx", "Word文書", "Word document"}, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", "", Category::Document, Preview::None},
    FileTypeInfo{Xlsx, {"xlsx", "Excelブック", "Excel workbook"}, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", "", Category::Document, Preview::None},
    FileTypeInfo{Pptx, {"pptx", "PowerPointプレゼンテーション", "PowerPoint presentation"}, "application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx", "", Category::Document, Preview::None},
    FileTypeInfo{Doc, {"doc", "Word文書（旧形式）", "Word 97-2003 document"}, "application/msword", "doc", "", Category::Document, Preview::None},
    FileTypeInfo{Xls, {"xls", "Excelブック（旧形式）", "Excel 97-2003 workbook"}, "application/vnd.ms-excel", "xls", "", Category::Document, Preview::None},
    FileTypeInfo{Ppt, {"ppt", "PowerPoint（旧形式）", "PowerPoint 97-2003 presentation"}, "application/vnd.ms-powerpoint", "ppt pps", "", Category::Document, Preview::None},
    FileTypeInfo{Text, {"txt", "テキスト", "Plain text"}, "text/plain", "txt text log md tsv", "text/markdown text/tab-separated-values", Category::Text, Preview::None},
    // Windows with Excel installed declares .csv as application/vnd.ms-excel.
    FileTypeInfo{Csv, {"csv", "CSV", "CSV"}, "text/csv", "csv", "text/plain application/csv text/x-csv text/comma-separated-values application/vnd.ms-excel", Category::Text, Preview::None},
};

// Extensions refused whatever the content: programs, scripts, installers, disk images, web pages
// and SVG (scripts run when opened in a browser), macro-enabled Office files, compiled help.
constexpr std::string_view kRefusedExtensions[] = {
    "exe", "com", "bat", "cmd", "ps1", "psm1", "psd1", "vbs", "vbe", "js", "jse", "mjs", "cjs", "wsf", "wsh", "ws",
    "hta", "sh", "bash", "zsh", "csh", "ksh", "command", "jar", "class", "apk", "aab", "ipa", "msi", "msp", "mst",
    "scr", "pif", "cpl", "dll", "sys", "drv", "ocx", "lnk", "url", "reg", "inf", "scf", "msc", "gadget",
    "application", "html", "htm", "xhtml", "shtml", "mht", "mhtml", "svg", "svgz", "py", "pyw", "pl", "rb", "php",
    "jsp", "asp", "aspx", "cgi", "app", "dmg", "pkg", "deb", "rpm", "appimage", "iso", "docm", "dotm", "xlsm",
    "xltm", "xlam", "pptm", "potm", "ppam", "ppsm", "sldm", "chm",
};

template <typename F>
void for_each_word(std::string_view list, F f) {
    while (!list.empty()) {
        const std::size_t space = std::min(list.find(' '), list.size());
        if (space > 0) f(list.substr(0, space));
        list.remove_prefix(std::min(space + 1, list.size()));
    }
}

bool in_list(std::string_view list, std::string_view word) {
    bool found = false;
    for_each_word(list, [&](std::string_view w) { found = found || w == word; });
    return found;
}

std::string lower_trimmed(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == ' ' || c == '\t') continue;
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
}

// The media type a client declared, without parameters, in lower case; empty when it says
// nothing ("" or application/octet-stream).
std::string declared_type(std::string_view declared) {
    std::string t = lower_trimmed(declared.substr(0, declared.find(';')));
    if (t == "application/octet-stream" || t == "binary/octet-stream") return {};
    return t;
}

bool declares(const FileTypeInfo& i, const std::string& declared) {
    return declared == i.media_type || in_list(i.aliases, declared);
}

std::optional<FileType> type_with_extension(std::string_view ext) {
    for (const auto& t : kTypes)
        if (in_list(t.extensions, ext)) return t.value;
    return std::nullopt;
}

std::string usual_extension(FileType t) {
    std::string ext;
    for_each_word(info(t).extensions, [&](std::string_view w) {
        if (ext.empty()) ext = w;
    });
    return ext;
}

// ".docx, .xlsx, .pptx"
std::string extensions_of(const std::vector<FileType>& types) {
    std::string s;
    for (FileType t : types) s += (s.empty() ? "." : ", .") + usual_extension(t);
    return s;
}

Error unsupported(const char* field, const std::string& message) {
    return Error{ErrorCode::UnsupportedMediaType, message, field};
}

// Picks the type among the sniffed candidates: by extension, else by the declared type, else the
// first (plain text) when the candidates are text.
Result<FileType> resolve(const Sniffed& s, const std::string& ext, const std::string& declared) {
    const auto& c = s.candidates;
    if (!ext.empty()) {
        if (auto by_name = type_with_extension(ext)) {
            if (std::find(c.begin(), c.end(), *by_name) != c.end()) return *by_name;
            return unsupported("filename", "the name says ." + ext + " but the content is " +
                                               std::string(info(c.front()).label.en) +
                                               (c.size() > 1 ? " (or a similar type)" : ""));
        }
    }
    if (c.size() == 1) return c.front();
    for (FileType t : c)
        if (!declared.empty() && declares(info(t), declared)) return t;
    if (c.front() == Text) return Text;
    return unsupported("filename", "the name needs its extension to tell the type (" + extensions_of(c) + ")");
}

} // namespace

std::span<const FileTypeInfo> file_types() { return kTypes; }

const FileTypeInfo& info(FileType type) {
    const auto i = static_cast<std::size_t>(type);
    assert(i < kTypes.size() && kTypes[i].value == type);
    return kTypes[i];
}

std::optional<FileType> file_type_from_code(std::string_view code) {
    for (const auto& t : kTypes)
        if (t.label.code == code) return t.value;
    return std::nullopt;
}

bool is_refused_extension(std::string_view ext) {
    return std::find(std::begin(kRefusedExtensions), std::end(kRefusedExtensions), ext) != std::end(kRefusedExtensions);
}

AcceptList AcceptList::all() {
    AcceptList list;
    for (const auto& t : kTypes) list.m_types.push_back(t.value);
    return list;
}

Result<AcceptList> AcceptList::parse(std::string_view config, std::string_view field) {
    std::vector<bool> chosen(kTypes.size(), false);
    const auto choose = [&](auto pred) {
        for (const auto& t : kTypes)
            if (pred(t)) chosen[static_cast<std::size_t>(t.value)] = true;
    };
    std::size_t start = 0;
    bool any = false;
    while (start <= config.size()) {
        const std::size_t comma = std::min(config.find(',', start), config.size());
        const std::string item = lower_trimmed(config.substr(start, comma - start));
        start = comma + 1;
        if (item.empty()) continue;
        any = true;
        if (item == "all") choose([](const auto&) { return true; });
        else if (item == "image") choose([](const auto& t) { return t.category == Category::Image; });
        else if (item == "video") choose([](const auto& t) { return t.category == Category::Video; });
        else if (item == "audio") choose([](const auto& t) { return t.category == Category::Audio; });
        else if (item == "text") choose([](const auto& t) { return t.category == Category::Text; });
        else if (item == "office")
            choose([](const auto& t) { return t.category == Category::Document && t.value != Pdf; });
        else if (auto type = file_type_from_code(item)) chosen[static_cast<std::size_t>(*type)] = true;
        else
            return Error::invalid(std::string(field), std::string(field) + " has an unknown file type: " + item);
    }
    if (!any) return Error::invalid(std::string(field), std::string(field) + " must name at least one file type");
    AcceptList list;
    for (const auto& t : kTypes)
        if (chosen[static_cast<std::size_t>(t.value)]) list.m_types.push_back(t.value);
    return list;
}

bool AcceptList::accepts(FileType type) const {
    return std::find(m_types.begin(), m_types.end(), type) != m_types.end();
}

Result<CheckedFile> check_upload(std::string_view file_name, std::string_view declared_media_type, ByteView head,
                                 bool whole_file, const AcceptList& accepted) {
    auto name = clean_file_name(file_name);
    if (!name) return name.error();
    if (head.empty()) return Error::invalid("file", "the file is empty");
    const std::string ext = extension(*name);
    if (is_refused_extension(ext))
        return unsupported("filename", "." + ext + " files are not accepted (programs, scripts, web pages and "
                                                   "documents with macros are refused)");
    const Sniffed sniffed = sniff(head, whole_file);
    if (sniffed.kind == Sniffed::Kind::Refused)
        return unsupported("file", "the content is a " + std::string(sniffed.what) + ", which is refused");
    if (sniffed.kind == Sniffed::Kind::Unknown)
        return unsupported("file", "the content (" + std::string(sniffed.what) + ") is not a type this system accepts");

    const std::string declared = declared_type(declared_media_type);
    auto type = resolve(sniffed, ext, declared);
    if (!type) return type.error();
    const FileTypeInfo& t = info(*type);
    if (!declared.empty() && !declares(t, declared))
        return unsupported("media_type", "the declared type " + declared + " does not match the content, which is " +
                                             std::string(t.label.en));
    if (!accepted.accepts(*type)) return unsupported("file", std::string(t.label.en) + " files are not accepted here");

    CheckedFile out{*type, std::string(t.media_type), std::move(*name)};
    if (!sniffed.charset.empty() && t.category == Category::Text) out.media_type += "; charset=" + std::string(sniffed.charset);
    // A name without an extension gets the usual one; an unusual one ("notes.dat") stays.
    if (ext.empty()) out.file_name = clean_file_name(out.file_name + "." + usual_extension(*type)).value_or(out.file_name);
    return out;
}

} // namespace mimamori::files
