#pragma once
// "Download CSV" with the choice of encoding: UTF-8 with a byte order mark (what Excel opens
// correctly today, the default) or Shift_JIS for older Excel. The browser downloads the API's
// URL itself (the session cookie goes with it).

#include <functional>
#include <string>

#include "api/records_api.hpp"
#include "mimamori/common/vocabulary.hpp"

namespace mimamori::web::ui {

class CsvDownload {
public:
    // `id` keeps the widgets of two of these on one screen apart.
    void draw(Lang lang, const char* id, const std::function<std::string(api::CsvEncoding)>& url_for);

private:
    api::CsvEncoding m_encoding = api::CsvEncoding::Utf8;
};

} // namespace mimamori::web::ui
