#pragma once
// The answer that downloads a CSV file (Excel). `?encoding=` picks the bytes: absent or "utf-8"
// gives the UTF-8 text with its byte order mark; "shift_jis" (or "cp932", "sjis") gives CP932,
// where a character CP932 lacks becomes '?' and X-Unconvertible-Characters says how many (see
// services/exports.hpp). Content-Disposition names the file twice (RFC 6266 / RFC 8187): an
// ASCII filename for old clients and the Japanese name in filename*.

#include <string>
#include <string_view>

#include "http/request.hpp"
#include "http/response.hpp"

namespace mimamori::api {

struct CsvFile {
    std::string utf8_text;   // from common's csv::Writer (BOM, CRLF)
    std::string ascii_name;  // "staff-2026-11-26.csv"
    std::string name;        // "スタッフ一覧_2026-11-26.csv"
};

Result<http::Response> csv_download(const http::Request& request, const CsvFile& file);

// Today's date in Japan, "2026-11-26", for file names.
std::string japan_today();

} // namespace mimamori::api
