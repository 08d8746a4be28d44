#pragma once
// File names as people give them (issue 7): Japanese kept, anything that could escape a folder,
// hide a file, fool the eye or break on another system cleaned or refused.

#include <cstddef>
#include <string>
#include <string_view>

#include "mimamori/common/result.hpp"

namespace mimamori::files {

inline constexpr std::size_t max_file_name_bytes = 255; // ext4, NTFS and APFS all allow this much

// A file name made safe to store, show and hand back in a download.
//   Refused (InvalidInput naming `field`): not valid UTF-8; a path separator ('/' or '\'); a
//   control character (C0, DEL, C1, and the bidi overrides that can make "gpj.exe" read as
//   "exe.jpg"); a name that is empty, "." or ".." or nothing but dots and spaces.
//   Cleaned: leading and trailing white space (U+3000 included); leading dots (no hidden files);
//   trailing dots and spaces (Windows drops them); the characters Windows forbids < > : " | ? *
//   become '_'; a Windows device name as the stem (CON, PRN, AUX, NUL, COM1-9, LPT1-9, any case,
//   with or without an extension) gets a leading '_'; kana with combining voicing marks from
//   macOS are composed (か+゛ -> が); a name over 255 bytes of UTF-8 is shortened at a character
//   boundary, keeping its extension.
Result<std::string> clean_file_name(std::string_view name, std::string_view field = "filename");

// The extension of `name` in lower case ASCII, without the dot ("JPG" -> "jpg"); empty when
// there is none (no dot, a dot only at the start, or more than 16 bytes after the last dot).
std::string extension(std::string_view name);

} // namespace mimamori::files
