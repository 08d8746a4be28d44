#include "screens/fees_screen.hpp"

#include <string>
#include <vector>

#include "i18n/i18n.hpp"
#include "platform/clock.hpp"
#include "ui/form.hpp"
#include "ui/table.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web {
namespace {
constexpr int kYearsShown = 5; // this year and the four before
} // namespace

void FeesScreen::draw() {
    using i18n::Msg;
    const Lang lang = m_state.lang;
    const int this_year = clock::current_year();
    if (m_year == 0) m_year = this_year;
    if (m_table_year != m_year) {
        m_table = api::fetch_fee_report_table(m_year);
        m_table_year = m_year;
    }

    ui::heading(i18n::tr(lang, Msg::NavFees));
    ui::space(0.25f);
    ui::text_muted(i18n::tr(lang, Msg::FeesHelp));
    ui::space(0.25f);
    // The year, as a drop-down of the recent years.
    std::vector<std::string> years;
    std::vector<std::string> japanese; // "2026年"
    for (int y = this_year; y > this_year - kYearsShown; --y) {
        years.push_back(std::to_string(y));
        japanese.push_back(years.back() + "年");
    }
    std::vector<Label> labels; // views into the two lists above
    for (std::size_t i = 0; i < years.size(); ++i) labels.push_back({years[i], japanese[i], years[i]});
    std::string chosen = std::to_string(m_year);
    if (ui::select(i18n::tr(lang, Msg::Year), "fees-year", labels, chosen, lang, nullptr, 8.0f)) m_year = std::stoi(chosen);
    ui::space(0.25f);
    const int year = m_year;
    m_csv.draw(lang, "fees-csv", [year](api::CsvEncoding e) { return api::fee_report_csv_url(year, e); });
    ui::space(0.5f);

    const bool retry = ui::loaded(
        lang, m_table,
        [lang](const api::CsvTable& table) {
            if (table.rows.empty()) return ui::text(i18n::tr(lang, Msg::FeesEmpty));
            ui::text_table("fees", table.header, table.rows);
        },
        "fees-retry");
    if (retry) m_table_year = 0;
}

} // namespace mimamori::web
