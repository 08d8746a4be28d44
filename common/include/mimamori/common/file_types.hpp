#pragma once
// The kinds of file the team shares (issue 7), told by their leading bytes, not by their name:
// photos, video, audio, Office documents, PDF, plain text and CSV. Programs and scripts are
// refused whatever they are called, a name or a declared Content-Type that disagrees with the
// content is refused, and which types a deployment accepts is configurable.
//
// What the leading bytes can and cannot tell (the server passes the first sniff_bytes bytes):
//   - JPEG, PNG, GIF, WebP, WAV, PDF, OGG, MP3 (ID3 tag or an MPEG layer III frame header),
//     WebM/Matroska (EBML DocType), and ISO media by their ftyp brands: HEIC/HEIF (heic, heix,
//     mif1 …), QuickTime (qt), M4A (M4A, M4B), MP4 (isom, mp41, mp42, avc1, 3gp …).
//   - OOXML (docx/xlsx/pptx) is a ZIP archive. The local file headers within the bytes read are
//     walked: [Content_Types].xml makes it OOXML, an entry under word/, xl/ or ppt/ says which;
//     when those entries lie past the bytes read (or sizes are deferred to a data descriptor),
//     the name's extension decides among the three. A ZIP that is not OOXML is refused as
//     unknown; a JAR (META-INF/MANIFEST.MF) or an APK (AndroidManifest.xml, classes.dex) as a
//     program; OOXML with a VBA project (vbaProject.bin) as a document with macros.
//   - Legacy Office (doc/xls/ppt) is an OLE2 compound file: its header is the same for all three
//     (and for .msi installers, refused by name), so the name's extension decides.
//   - Text: no NUL or other control bytes but tab, CR, LF and form feed, and valid UTF-8 (a
//     character cut at the end of the bytes read is allowed) or valid Shift_JIS (CP932, what
//     Excel writes for a Japanese CSV), or a UTF-16 byte order mark; .csv makes it CSV, anything
//     else plain text. Text that opens with HTML or SVG markup (<!DOCTYPE html, <html, <script,
//     <svg, <?xml … <svg …) is refused: a browser would run its scripts.
//   - Refused programs: ELF, Windows PE/MZ, Mach-O, Java class, WebAssembly, Android DEX, Windows
//     shortcuts, and any script starting with #!.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "mimamori/common/bytes.hpp"
#include "mimamori/common/result.hpp"
#include "mimamori/common/vocabulary.hpp"

namespace mimamori::files {

inline constexpr std::size_t sniff_bytes = 8192; // how much of a file's start check_upload() wants

enum class FileType {
    Jpeg, Png, Gif, Webp, Heic,
    Mp4, Mov, Webm, Mkv,
    Mp3, M4a, Wav, Ogg,
    Pdf, Docx, Xlsx, Pptx, Doc, Xls, Ppt,
    Text, Csv,
};

enum class Category { Image, Video, Audio, Document, Text };

// How the app previews a type (DESIGN.md §2.2): in an <img>, a media element, the browser's PDF
// viewer, or not at all (download). The server sends Content-Disposition: inline only for types
// with a preview, attachment for the rest (content_disposition.hpp).
enum class Preview { None, Image, Video, Audio, Pdf };

struct FileTypeInfo {
    FileType value;
    Label label;                  // code: the id used in configuration and the API ("jpeg")
    std::string_view media_type;  // the Content-Type sent with the file
    std::string_view extensions;  // space-separated, lower case, the first is the usual one
    std::string_view aliases;     // other media types that clients declare for it, space-separated
    Category category;
    Preview preview;
};

std::span<const FileTypeInfo> file_types();
const FileTypeInfo& info(FileType type);
std::optional<FileType> file_type_from_code(std::string_view code);

// What the leading bytes say.
struct Sniffed {
    enum class Kind {
        Known,   // one of `candidates` (several when only the name can tell them apart)
        Refused, // a program, a script or active markup: `what` says which
        Unknown, // nothing this system accepts: `what` says what it seems to be, if anything
    };
    Kind kind = Kind::Unknown;
    std::vector<FileType> candidates;
    std::string_view what;    // "ELF program", "HTML document", "ZIP archive" …
    std::string_view charset; // for text: "utf-8", "shift_jis", "utf-16le", "utf-16be"
};

// Sniffs the start of a file. `whole_file` says that `head` is all of it (so a character cut at
// its end is a real error, not the end of the bytes read).
Sniffed sniff(ByteView head, bool whole_file);

// The types a deployment accepts: a comma-separated list of type codes ("jpeg,png,pdf") and
// groups ("image", "video", "audio", "office" = docx xlsx pptx doc xls ppt, "text" = txt csv,
// "all"); spaces around items allowed. InvalidInput naming `field` for an unknown item or an
// empty list.
class AcceptList {
public:
    static AcceptList all();
    static Result<AcceptList> parse(std::string_view config, std::string_view field = "accepted_file_types");
    bool accepts(FileType type) const;
    const std::vector<FileType>& types() const { return m_types; }

private:
    std::vector<FileType> m_types; // in FileType order, no repeats
};

// An upload that passed check_upload().
struct CheckedFile {
    FileType type;
    std::string media_type; // what to send: the type's, with "; charset=…" for text
    std::string file_name;  // clean_file_name(), with the usual extension added when it had none
};

// Decides whether an upload may be stored, from its name, the media type the client declared
// (empty or application/octet-stream: none) and its first bytes. In order:
//   InvalidInput ("filename")          the name is refused by clean_file_name()
//   InvalidInput ("file")              the file is empty
//   UnsupportedMediaType ("filename")  the extension is one of programs, scripts, installers,
//                                      web pages, SVG or macro-enabled Office (.exe .bat .cmd .ps1
//                                      .sh .js .vbs .jar .apk .msi .html .svg .docm …)
//   UnsupportedMediaType ("file")      the content is a program or script, or of no accepted kind
//   UnsupportedMediaType ("filename")  the extension names another type than the content
//                                      ("photo.jpg" holding a PDF), or the name is needed to tell
//                                      docx/xlsx/pptx or doc/xls/ppt apart and has no extension
//   UnsupportedMediaType ("media_type") the declared type disagrees with the content
//   UnsupportedMediaType ("file")      the type is not in `accepted`
Result<CheckedFile> check_upload(std::string_view file_name, std::string_view declared_media_type, ByteView head,
                                 bool whole_file, const AcceptList& accepted);

// True for extensions that are always refused (see check_upload), given in lower case.
bool is_refused_extension(std::string_view extension);

} // namespace mimamori::files
