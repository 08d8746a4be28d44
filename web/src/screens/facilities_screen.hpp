#pragma once
// Route "/facilities" and below (the secretariat's 事業所一覧): the list with a search by name or
// kana and a filter by type; "/facilities/new" registers one, "/facilities/{id}" shows one
// (FacilityDetail), "/facilities/{id}/edit" edits it (FacilityForm).

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "api/master_api.hpp"
#include "app_state.hpp"
#include "screens/facility_detail.hpp"
#include "screens/facility_form.hpp"

namespace mimamori::web {

class FacilitiesScreen {
public:
    explicit FacilitiesScreen(AppState& state) : m_state(state), m_detail(state), m_form(state) {}

    // `parts`: the route's segments, "facilities" first.
    void draw(std::span<const std::string_view> parts);

private:
    void draw_list();
    void draw_table(const std::vector<api::Facility>& facilities);
    void draw_one(perm::Id id, bool edit);
    void draw_new();
    // The facility `id` as last loaded, loading it when needed; nullptr until it is there.
    api::Facility* current(perm::Id id);

    AppState& m_state;
    api::FacilityQuery m_query;
    api::Call<std::vector<api::Facility>> m_list;
    bool m_list_stale = true;
    api::Call<api::Facility> m_loading;
    perm::Id m_loading_id = 0;
    std::optional<api::Facility> m_current;
    FacilityDetail m_detail;
    FacilityForm m_form;
};

} // namespace mimamori::web
