#pragma once
// Fee-rule evidence (route "/fee-evidence", issue 5, DESIGN.md §6), for the staff of clinics and
// nursing homes (perm FeeEvidenceView) and the secretariat's administrator: a month, and for one
// facility each patient's 在宅医療情報連携加算 — claimable, or which condition is missing with
// the findings that show why (each opens the memo it is about); for a nursing home, which
// residents lack this month's record (協力医療機関連携加算). Both as CSV downloads. A facility's
// manager edits its special relationships (特別の関係: institutions that do not count as linked).

#include <optional>
#include <string>
#include <vector>

#include "api/fee_evidence_api.hpp"
#include "api/master_api.hpp"
#include "app_state.hpp"
#include "ui/csv_download.hpp"
#include "ui/form.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web {

class FeeEvidenceScreen {
public:
    explicit FeeEvidenceScreen(AppState& state) : m_state(state) {}
    void draw();

private:
    struct Choice {
        perm::Id id = 0;
        std::string name;
        bool nursing_home = false;
    };
    std::vector<Choice> facilities() const;
    void load();
    void draw_home_care(const api::HomeCareEvidence& evidence);
    void draw_cooperation(const api::CooperationEvidence& evidence);
    void draw_special_relationships();

    AppState& m_state;
    ui::Appearance m_appearance;
    std::string m_facility_code; // the chosen facility's id as text
    std::string m_admin_facility; // the administrator types a facility id
    std::string m_month;          // YYYY-MM
    ui::FieldErrors m_errors;
    perm::Id m_loaded_facility = 0;
    bool m_nursing_home = false;
    api::Call<api::HomeCareEvidence> m_home_care;
    api::Call<api::CooperationEvidence> m_cooperation;
    ui::CsvDownload m_home_care_csv;
    ui::CsvDownload m_cooperation_csv;

    api::Call<api::Facilities> m_special;
    std::string m_special_query;
    api::Call<std::vector<api::Facility>> m_special_search;
    api::Job<api::Facilities> m_special_save;
    std::string m_special_problem;
};

} // namespace mimamori::web
