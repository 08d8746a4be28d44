// sniff(): the leading-byte signatures of file_types.hpp.
#include <algorithm>
#include <array>
#include <cstdint>

#include "mimamori/common/file_types.hpp"
#include "mimamori/common/text.hpp"

namespace mimamori::files {
namespace {

using Kind = Sniffed::Kind;

Sniffed known(std::vector<FileType> types, std::string_view charset = {}) {
    return Sniffed{Kind::Known, std::move(types), {}, charset};
}
Sniffed refused(std::string_view what) { return Sniffed{Kind::Refused, {}, what, {}}; }
Sniffed unknown(std::string_view what) { return Sniffed{Kind::Unknown, {}, what, {}}; }

bool starts_with(ByteView b, std::string_view prefix, std::size_t at = 0) {
    if (b.size() < at + prefix.size()) return false;
    return std::equal(prefix.begin(), prefix.end(), b.begin() + static_cast<std::ptrdiff_t>(at),
                      [](char p, std::uint8_t c) { return static_cast<std::uint8_t>(p) == c; });
}

std::uint32_t le16(ByteView b, std::size_t at) { return b[at] | (static_cast<std::uint32_t>(b[at + 1]) << 8); }
std::uint32_t le32(ByteView b, std::size_t at) { return le16(b, at) | (le16(b, at + 2) << 16); }
std::uint32_t be32(ByteView b, std::size_t at) {
    return (static_cast<std::uint32_t>(b[at]) << 24) | (static_cast<std::uint32_t>(b[at + 1]) << 16) |
           (static_cast<std::uint32_t>(b[at + 2]) << 8) | b[at + 3];
}

std::string_view as_text(ByteView b) { return {reinterpret_cast<const char*>(b.data()), b.size()}; }

std::optional<Sniffed> program(ByteView b) {
    if (starts_with(b, "\x7F" "ELF")) return refused("ELF program");
    if (starts_with(b, "MZ")) return refused("Windows program (MZ/PE)");
    if (starts_with(b, "\xFE\xED\xFA\xCE") || starts_with(b, "\xFE\xED\xFA\xCF") || starts_with(b, "\xCE\xFA\xED\xFE") ||
        starts_with(b, "\xCF\xFA\xED\xFE"))
        return refused("macOS program (Mach-O)");
    if (starts_with(b, "\xCA\xFE\xBA\xBE")) return refused("Java class or macOS universal program");
    if (starts_with(b, "#!")) return refused("script (#!)");
    if (starts_with(b, std::string_view("\0asm", 4))) return refused("WebAssembly module");
    if (starts_with(b, "dex\n")) return refused("Android program (DEX)");
    if (starts_with(b, std::string_view("\x4C\0\0\0\x01\x14\x02\0", 8))) return refused("Windows shortcut");
    return std::nullopt;
}

// Markup a browser would render with its scripts: HTML, SVG, XML that holds either.
std::optional<Sniffed> markup(ByteView b) {
    std::string_view s = as_text(b.first(std::min<std::size_t>(b.size(), 1024)));
    if (s.starts_with("\xEF\xBB\xBF")) s.remove_prefix(3);
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
    if (s.empty() || s.front() != '<') return std::nullopt;
    std::string lower(s);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; });
    if (lower.find("<svg") != std::string::npos) return refused("SVG image (can hold scripts)");
    for (std::string_view tag : {"<!doctype html", "<html", "<head", "<body", "<script", "<iframe", "<!--"})
        if (lower.starts_with(tag)) return refused("HTML document");
    if (lower.find("<html") != std::string::npos || lower.find("<script") != std::string::npos)
        return refused("HTML document");
    if (lower.starts_with("<?xml")) return unknown("XML document");
    return std::nullopt;
}

// ISO base media (MP4, QuickTime, HEIF): the ftyp box's major and compatible brands.
std::optional<Sniffed> iso_media(ByteView b) {
    if (!starts_with(b, "ftyp", 4)) {
        // Old QuickTime files start with another top-level atom.
        for (std::string_view atom : {"moov", "mdat", "wide", "free", "skip", "pnot"})
            if (starts_with(b, atom, 4)) return known({FileType::Mov});
        return std::nullopt;
    }
    const std::size_t box_end = std::min<std::size_t>(b.size(), std::max<std::uint32_t>(be32(b, 0), 16));
    std::vector<std::string_view> brands;
    if (b.size() >= 12) brands.push_back(as_text(b.subspan(8, 4))); // major
    for (std::size_t at = 16; at + 4 <= box_end; at += 4) brands.push_back(as_text(b.subspan(at, 4)));
    // Decide by the major brand first (a HEIC names mif1 among its compatible brands, an MP4 may
    // name many), then by the first compatible brand that says something.
    static constexpr std::array<std::string_view, 10> heif = {"heic", "heix", "hevc", "hevx", "heim",
                                                              "heis", "hevm", "hevs", "mif1", "msf1"};
    static constexpr std::array<std::string_view, 2> audio = {"M4A ", "M4B "};
    static constexpr std::array<std::string_view, 1> quicktime = {"qt  "};
    static constexpr std::array<std::string_view, 22> mp4 = {
        "isom", "iso2", "iso3", "iso4", "iso5", "iso6", "mp41", "mp42", "mp71", "avc1", "dash",
        "M4V ", "M4VH", "M4VP", "f4v ", "MSNV", "NDAS", "3gp4", "3gp5", "3gp6", "3g2a", "mmp4"};
    const auto in = [](const auto& set, std::string_view brand) {
        return std::find(set.begin(), set.end(), brand) != set.end();
    };
    const auto is = [&](const auto& set) { return !brands.empty() && in(set, brands.front()); };
    const auto any = [&](const auto& set) {
        return std::any_of(brands.begin(), brands.end(), [&](auto brand) { return in(set, brand); });
    };
    if (is(heif)) return known({FileType::Heic});
    if (is(audio)) return known({FileType::M4a});
    if (is(quicktime)) return known({FileType::Mov});
    if (is(mp4)) return known({FileType::Mp4});
    if (any(heif)) return known({FileType::Heic});
    if (any(audio)) return known({FileType::M4a});
    if (any(quicktime)) return known({FileType::Mov});
    if (any(mp4)) return known({FileType::Mp4});
    return unknown("ISO media of an unknown brand");
}

// An MPEG-1/2 audio layer III frame header (an MP3 without an ID3 tag).
bool mp3_frame(ByteView b) {
    if (b.size() < 4 || b[0] != 0xFF || (b[1] & 0xE0) != 0xE0) return false;
    const int version = (b[1] >> 3) & 3; // 1 is reserved
    const int layer = (b[1] >> 1) & 3;   // 1 is layer III
    const int bitrate = b[2] >> 4;       // 0 free, 15 bad
    const int rate = (b[2] >> 2) & 3;    // 3 reserved
    return version != 1 && layer == 1 && bitrate != 0 && bitrate != 15 && rate != 3;
}

// Walks the ZIP local file headers within the bytes read (see the header for the limits).
Sniffed zip(ByteView b) {
    bool content_types = false;
    bool manifest = false;
    std::optional<FileType> office;
    std::size_t at = 0;
    while (at + 30 <= b.size() && starts_with(b, "PK\x03\x04", at)) {
        const std::uint32_t flags = le16(b, at + 6);
        const std::uint32_t compressed = le32(b, at + 18);
        const std::size_t name_length = le16(b, at + 26);
        const std::size_t extra_length = le16(b, at + 28);
        if (at + 30 + name_length > b.size()) break;
        const std::string_view name = as_text(b.subspan(at + 30, name_length));
        if (name == "[Content_Types].xml") content_types = true;
        else if (name == "META-INF/MANIFEST.MF") manifest = true;
        else if (name == "AndroidManifest.xml" || name == "classes.dex") return refused("Android app (APK)");
        else if (name.ends_with("vbaProject.bin")) return refused("Office document with macros");
        else if (name.starts_with("word/")) office = FileType::Docx;
        else if (name.starts_with("xl/")) office = FileType::Xlsx;
        else if (name.starts_with("ppt/")) office = FileType::Pptx;
        if ((flags & 0x08) != 0 && compressed == 0) break; // size only in a data descriptor
        if (compressed == 0xFFFFFFFF) break;               // ZIP64: not followed here
        at += 30 + name_length + extra_length + compressed;
    }
    if (content_types || office) {
        if (office) return known({*office});
        return known({FileType::Docx, FileType::Xlsx, FileType::Pptx});
    }
    if (manifest) return refused("Java archive (JAR)");
    return unknown("ZIP archive");
}

// Shift_JIS as Windows writes it (CP932): lead bytes 81-9F and E0-FC take a trail byte 40-7E or
// 80-FC; A1-DF are half-width katakana.
bool valid_shift_jis(ByteView b, bool whole_file) {
    for (std::size_t i = 0; i < b.size(); ++i) {
        const std::uint8_t c = b[i];
        if (c < 0x80 || (c >= 0xA1 && c <= 0xDF)) continue;
        if (!((c >= 0x81 && c <= 0x9F) || (c >= 0xE0 && c <= 0xFC))) return false;
        if (i + 1 == b.size()) return !whole_file;
        const std::uint8_t t = b[++i];
        if (!((t >= 0x40 && t <= 0x7E) || (t >= 0x80 && t <= 0xFC))) return false;
    }
    return true;
}

// UTF-8, allowing one character cut off by the end of the bytes read.
bool valid_utf8_head(ByteView b, bool whole_file) {
    std::string_view s = as_text(b);
    if (text::is_valid_utf8(s)) return true;
    if (whole_file) return false;
    for (std::size_t cut = 1; cut <= 3 && cut < s.size(); ++cut) {
        const auto lead = static_cast<unsigned char>(s[s.size() - cut]);
        if ((lead & 0xC0) == 0xC0) return text::is_valid_utf8(s.substr(0, s.size() - cut));
        if ((lead & 0xC0) != 0x80) return false;
    }
    return false;
}

std::optional<Sniffed> plain_text(ByteView b, bool whole_file) {
    if (starts_with(b, "\xFF\xFE")) return known({FileType::Text, FileType::Csv}, "utf-16le");
    if (starts_with(b, "\xFE\xFF")) return known({FileType::Text, FileType::Csv}, "utf-16be");
    for (std::uint8_t c : b)
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F) return std::nullopt;
    if (valid_utf8_head(b, whole_file)) return known({FileType::Text, FileType::Csv}, "utf-8");
    if (valid_shift_jis(b, whole_file)) return known({FileType::Text, FileType::Csv}, "shift_jis");
    return std::nullopt;
}

} // namespace

Sniffed sniff(ByteView b, bool whole_file) {
    if (b.empty()) return unknown("empty file");
    if (auto p = program(b)) return *p;
    if (auto m = markup(b)) return *m;
    if (starts_with(b, "\xFF\xD8\xFF")) return known({FileType::Jpeg});
    if (starts_with(b, "\x89PNG\r\n\x1A\n")) return known({FileType::Png});
    if (starts_with(b, "GIF87a") || starts_with(b, "GIF89a")) return known({FileType::Gif});
    if (starts_with(b, "RIFF") && starts_with(b, "WEBP", 8)) return known({FileType::Webp});
    if (starts_with(b, "RIFF") && starts_with(b, "WAVE", 8)) return known({FileType::Wav});
    if (starts_with(b, "RIFF")) return unknown("RIFF media (AVI or other)");
    if (b.size() >= 8)
        if (auto iso = iso_media(b)) return *iso;
    if (starts_with(b, "\x1A\x45\xDF\xA3")) {
        const std::string_view head = as_text(b.first(std::min<std::size_t>(b.size(), 64)));
        return known({head.find("webm") != std::string_view::npos ? FileType::Webm : FileType::Mkv});
    }
    if (starts_with(b, "ID3") || mp3_frame(b)) return known({FileType::Mp3});
    if (starts_with(b, "OggS")) return known({FileType::Ogg});
    if (starts_with(b, "fLaC")) return unknown("FLAC audio");
    if (starts_with(b, "%PDF-")) return known({FileType::Pdf});
    if (starts_with(b, "PK\x03\x04")) return zip(b);
    if (starts_with(b, "PK\x05\x06")) return unknown("empty ZIP archive");
    if (starts_with(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return known({FileType::Doc, FileType::Xls, FileType::Ppt});
    if (auto t = plain_text(b, whole_file)) return *t;
    return unknown("binary data");
}

} // namespace mimamori::files
