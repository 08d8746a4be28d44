#include "ui/csv_download.hpp"

#include "i18n/i18n.hpp"
#include "imgui.h"
#include "platform/page.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web::ui {

void CsvDownload::draw(Lang lang, const char* id, const std::function<std::string(api::CsvEncoding)>& url_for) {
    using i18n::Msg;
    ImGui::PushID(id);
    if (secondary_button(i18n::tr(lang, Msg::CsvDownload), "csv-download")) page::download(url_for(m_encoding));
    ImGui::SameLine(0.0f, 1.0f * em());
    ImGui::AlignTextToFramePadding();
    text_muted(i18n::tr(lang, Msg::CsvEncoding));
    ImGui::SameLine();
    if (toggle("UTF-8", "csv-utf8", m_encoding == api::CsvEncoding::Utf8)) m_encoding = api::CsvEncoding::Utf8;
    ImGui::SameLine(0.0f, 0.3f * em());
    if (toggle("Shift_JIS", "csv-sjis", m_encoding == api::CsvEncoding::ShiftJis)) {
        m_encoding = api::CsvEncoding::ShiftJis;
    }
    if (m_encoding == api::CsvEncoding::ShiftJis) text_muted(i18n::tr(lang, Msg::CsvShiftJisNote));
    ImGui::PopID();
}

} // namespace mimamori::web::ui
