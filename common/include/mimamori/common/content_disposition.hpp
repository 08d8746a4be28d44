#pragma once
// Content-Disposition for downloads (RFC 6266) with the file's Japanese name intact (RFC 8187,
// formerly 5987): every browser reads filename*, and filename="..." is an ASCII fallback for the
// few clients that do not.
//
//   content_disposition(Disposition::Attachment, "褥瘡の写真 2024.jpg")
//   -> attachment; filename="2024.jpg"; filename*=UTF-8''%E8%A4%A5%E7%98%A1%E3%81%AE%E5%86%99%E7%9C%9F%202024.jpg
//
// The fallback (ascii_fallback_name): non-ASCII runs, quotes, backslashes, control characters,
// '/', '%' and ';' become '_'; runs of '_' and spaces are squeezed, and those at the start of the
// name dropped; a name left without a letter or digit before its extension becomes "file" plus
// the extension. filename* is added when the fallback differs from the name.
// The name should already have been cleaned when the file was stored (file_types.hpp); anything
// that would break the header (CR, LF, quotes) is replaced here regardless.

#include <string>
#include <string_view>

namespace mimamori::http {

enum class Disposition {
    Attachment, // save the file
    Inline,     // show it in the browser (images, media, PDF previews)
};

// The whole header value.
std::string content_disposition(Disposition disposition, std::string_view filename);

// The plain-ASCII stand-in for `filename` used in filename="...".
std::string ascii_fallback_name(std::string_view filename);

} // namespace mimamori::http
