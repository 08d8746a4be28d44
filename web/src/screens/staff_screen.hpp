#pragma once
// Route "/staff" and below (スタッフ一覧): the staff of one facility ("/staff/{facility}"), of
// the whole region for the secretariat administrator, or of the secretariat for a secretariat
// user; registering ("/staff/{facility}/new"), un-affiliating (所属解除) and re-sending an
// invitation (スタッフ登録再依頼), each shown only when perm::decide allows it for that
// facility; the staff CSV for the secretariat administrator.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "api/master_api.hpp"
#include "app_state.hpp"
#include "screens/staff_form.hpp"
#include "ui/confirm.hpp"
#include "ui/csv_download.hpp"

namespace mimamori::web {

class StaffScreen {
public:
    explicit StaffScreen(AppState& state) : m_state(state), m_form(state) {}

    // `parts`: the route's segments, "staff" first.
    void draw(std::span<const std::string_view> parts);

private:
    // The facilities this person may pick from, as (id, name).
    struct Choice {
        std::string code; // the id as text, "" for "all" / the secretariat
        std::string name;
    };
    void update_choices();
    std::optional<perm::Id> default_facility() const;
    std::string facility_name(perm::Id id) const;
    void draw_scope(std::optional<perm::Id> facility);
    void draw_actions(std::optional<perm::Id> facility);
    void draw_table(std::optional<perm::Id> facility, const std::vector<api::Staff>& staff);
    void apply_confirmed(std::optional<perm::Id> facility);
    void poll_jobs();

    AppState& m_state;
    std::optional<perm::Id> m_loaded_for;
    bool m_loaded = false;
    std::string m_query;
    api::Call<std::vector<api::Staff>> m_list;
    api::Call<std::vector<api::Facility>> m_facilities; // the administrator's choice of facility
    std::vector<Choice> m_choices;
    std::vector<Label> m_choice_labels; // views into m_choices
    StaffForm m_form;
    ui::ConfirmDialog m_confirm;
    ui::CsvDownload m_csv;
    api::Job<api::Nothing> m_unaffiliate;
    api::Job<std::string> m_reinvite;
    std::string m_notice;
    std::string m_problem;
};

} // namespace mimamori::web
