#include "api/csv_download.hpp"

#include <ctime>

#include "mimamori/common/encoding.hpp"
#include "mimamori/common/japan_time.hpp"
#include "services/exports.hpp"

namespace mimamori::api {

std::string japan_today() { return japan_date(static_cast<UnixSeconds>(std::time(nullptr))).to_string(); }

Result<http::Response> csv_download(const http::Request& request, const CsvFile& file) {
    const std::string encoding = http::to_lower(request.query_param("encoding").value_or(""));
    const bool utf8 = encoding.empty() || encoding == "utf-8" || encoding == "utf8";
    const bool cp932 = encoding == "shift_jis" || encoding == "cp932" || encoding == "sjis" || encoding == "windows-31j";
    if (!utf8 && !cp932) return Error::invalid("encoding", "encoding must be utf-8 or shift_jis");

    http::Response r;
    if (utf8) {
        r.body = file.utf8_text;
        r.headers.set("Content-Type", "text/csv; charset=utf-8");
    } else {
        auto converted = services::to_cp932(file.utf8_text);
        r.body = std::move(converted.bytes);
        r.headers.set("Content-Type", "text/csv; charset=Shift_JIS");
        r.headers.set("X-Unconvertible-Characters", std::to_string(converted.replaced));
    }
    r.headers.set("Content-Disposition", "attachment; filename=\"" + file.ascii_name +
                                             "\"; filename*=UTF-8''" + encoding::percent_encode(file.name));
    // Personal data: not kept by the browser's or a proxy's cache.
    r.headers.set("Cache-Control", "no-store");
    return r;
}

} // namespace mimamori::api
