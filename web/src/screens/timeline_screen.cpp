#include "screens/timeline_screen.hpp"

#include <algorithm>

#include "i18n/i18n.hpp"
#include "imgui.h"
#include "mimamori/common/date.hpp"
#include "mimamori/common/search_text.hpp"
#include "platform/frames.hpp"
#include "platform/router.hpp"
#include "screens/memo_row.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;

constexpr int kPageSize = 50;
constexpr double kReadBatchSeconds = 0.8; // memos shown within this time go in one request
constexpr std::size_t kMaxReadBatch = 200;  // the server's limit per request

std::vector<Label> profession_labels() {
    std::vector<Label> out;
    for (const ProfessionInfo& p : professions()) out.push_back(p.label);
    return out;
}

std::string timeline_route(perm::Id patient_id) { return "/patients/" + std::to_string(patient_id) + "/memos"; }

} // namespace

void TimelineScreen::draw(perm::Id patient_id, std::optional<perm::Id> memo_id) {
    if (patient_id != m_patient_id) open(patient_id);
    // Opened to read: the memos first, the composer one tap away (a draft keeps it open).
    if (m_appearance.just_shown() && !m_composer.has_draft()) m_composer_open = false;
    poll_page();
    poll_fetches();
    apply_live();
    flush_reads();
    if (memo_id) return draw_detail(*memo_id);
    draw_list_view();
}

void TimelineScreen::open(perm::Id patient_id) {
    m_patient_id = patient_id;
    m_patient = api::fetch_timeline_patient(patient_id);
    m_composer.reset_new(patient_id);
    m_filters = {};
    m_writer_code.clear();
    m_live_seq = m_state.live.last_seq();
    m_read_sent.clear();
    m_read_queue.clear();
    m_detail_id = 0;
    m_detail.reset();
    m_fetches.clear();
    m_applied = {};
    reload();
}

void TimelineScreen::reload() {
    m_new_elsewhere = false;
    m_end = false;
    api::MemoQuery q = m_applied;
    q.limit = kPageSize;
    q.before.reset();
    m_page_replaces = true;
    m_page = api::list_memos(m_patient_id, q);
}

void TimelineScreen::load_more() {
    if (m_page.in_flight() || m_end || !m_next_before) return;
    api::MemoQuery q = m_applied;
    q.limit = kPageSize;
    q.before = m_next_before;
    m_page_replaces = false;
    m_page = api::list_memos(m_patient_id, q);
}

void TimelineScreen::poll_page() {
    if (!m_page.done()) return;
    api::MemoPage page = m_page.value();
    m_page.reset();
    if (m_page_replaces) m_memos.clear();
    for (api::Memo& m : page.memos) merge(m, true);
    m_next_before = page.next_before;
    m_end = !page.next_before.has_value();
}

bool TimelineScreen::filtered() const {
    return !m_applied.kind.empty() || !m_applied.profession.empty() || m_applied.writer || !m_applied.from.empty() ||
           !m_applied.to.empty() || !m_applied.q.empty();
}

const api::Memo* TimelineScreen::find(perm::Id memo_id) const {
    for (const api::Memo& m : m_memos)
        if (m.id == memo_id) return &m;
    return nullptr;
}

// Replaces the memo in the list, or inserts it in id order.
void TimelineScreen::merge(const api::Memo& memo, bool insert) {
    const auto it = std::find_if(m_memos.begin(), m_memos.end(), [&](const api::Memo& m) { return m.id == memo.id; });
    if (it != m_memos.end()) {
        *it = memo;
        return;
    }
    if (!insert) return;
    const auto pos = std::find_if(m_memos.begin(), m_memos.end(), [&](const api::Memo& m) { return m.id < memo.id; });
    m_memos.insert(pos, memo);
}

void TimelineScreen::apply_live() {
    const LiveFeed& live = m_state.live;
    const perm::Id me = m_state.session.me ? m_state.session.me->account.id : 0;
    bool resync = false;
    live.each_after(m_live_seq, [&](const LiveEvent& e) {
        if (e.type == "resync") {
            resync = true;
            return;
        }
        if (e.patient_id != m_patient_id || e.memo_id == 0) return;
        if (e.type == "memo.read" && e.account_id == me) return; // my own receipt: already known here
        const bool shown = find(e.memo_id) != nullptr || m_detail_id == e.memo_id;
        if (e.type == "memo.created") {
            if (filtered()) {
                m_new_elsewhere = true;
                return;
            }
        } else if (!shown) {
            return;
        }
        m_fetches.push_back(api::fetch_memo(e.memo_id));
    });
    m_live_seq = live.last_seq();
    if (resync) {
        reload();
        if (m_detail_id != 0) m_detail = api::fetch_memo(m_detail_id);
    }
}

void TimelineScreen::poll_fetches() {
    for (auto it = m_fetches.begin(); it != m_fetches.end();) {
        if (!it->finished()) {
            ++it;
            continue;
        }
        if (it->done() && it->value().patient_id == m_patient_id) {
            const api::Memo& memo = it->value();
            // A new memo joins the top of an unfiltered list; others only replace what is shown.
            merge(memo, !filtered() && (m_memos.empty() || memo.id > m_memos.front().id || find(memo.id)));
            if (m_detail_id == memo.id) m_detail = *it; // with its versions
        }
        it = m_fetches.erase(it);
    }
}

void TimelineScreen::queue_read(const api::Memo& memo) {
    if (memo.read_by_me || m_read_sent.contains(memo.id)) return;
    m_read_sent.insert(memo.id);
    if (m_read_queue.empty()) m_reads_due = ImGui::GetTime() + kReadBatchSeconds;
    m_read_queue.push_back(memo.id);
    frames::request_in(kReadBatchSeconds);
}

void TimelineScreen::flush_reads() {
    m_reads.poll(
        [&](const std::vector<perm::Id>&) {},
        [&](const api::Failure&) {}); // a receipt that could not be sent is asked again when shown again
    if (m_read_queue.empty() || m_reads.busy()) return;
    if (ImGui::GetTime() < m_reads_due && m_read_queue.size() < kMaxReadBatch) {
        frames::request_in(m_reads_due - ImGui::GetTime());
        return;
    }
    std::vector<perm::Id> batch(m_read_queue.begin(),
                                m_read_queue.begin() + static_cast<std::ptrdiff_t>(std::min(kMaxReadBatch, m_read_queue.size())));
    m_read_queue.erase(m_read_queue.begin(), m_read_queue.begin() + static_cast<std::ptrdiff_t>(batch.size()));
    for (api::Memo& m : m_memos)
        if (std::find(batch.begin(), batch.end(), m.id) != batch.end()) m.read_by_me = true;
    m_reads.start(api::record_reads(m_patient_id, batch));
}

void TimelineScreen::draw_list_view() {
    const Lang lang = m_state.lang;
    if (ui::link(i18n::tr(lang, Msg::BackToPatient), "timeline-back")) router::navigate("/patients/" + std::to_string(m_patient_id));
    const std::string name = m_patient.done() ? m_patient.value().name : std::string();
    // A patient's name may hold any kanji; the heading font carries only the UI's own characters.
    if (name.empty()) ui::heading(i18n::tr(lang, Msg::TimelineTitle));
    else ui::name_heading(i18n::fmt(i18n::tr(lang, Msg::TimelineTitleOf), {name}));
    if (!m_state.live.connected()) ui::text_muted(i18n::tr(lang, Msg::TimelineLiveOffline));

    if (m_patient.done() && m_patient.value().locked) {
        ui::status_line(ui::Tone::Error, i18n::tr(lang, Msg::PatientLockedNotice)); // read-only
    } else {
        ui::begin_card();
        if (ui::toggle(i18n::tr(lang, Msg::MemoComposerTitle), "memo-composer-toggle", m_composer_open))
            m_composer_open = !m_composer_open;
        if (m_composer_open) {
            static const std::vector<api::TeamPerson> kNobody;
            const auto& members = m_patient.done() ? m_patient.value().members : kNobody;
            if (auto stored = m_composer.draw(members)) merge(*stored, true);
        } else {
            ImGui::SameLine();
            if (auto stored = m_composer.draw_closed()) merge(*stored, true);
        }
        ui::end_card();
    }
    ui::space(0.5f);
    draw_filters();
    ui::space(0.5f);
    draw_list();
}

void TimelineScreen::draw_filters() {
    const Lang lang = m_state.lang;
    const bool enter = ui::enter_pressed();
    const std::vector<Label> kinds = memo_kind_labels();
    const std::vector<Label> profs = profession_labels();
    // The writer filter: the team's members (their ids as codes).
    std::vector<std::string> writer_codes;
    std::vector<std::string> writer_names;
    if (m_patient.done()) {
        for (const api::TeamPerson& p : m_patient.value().members) {
            if (std::find(writer_codes.begin(), writer_codes.end(), std::to_string(p.account_id)) != writer_codes.end()) continue;
            writer_codes.push_back(std::to_string(p.account_id));
            writer_names.push_back(p.name);
        }
    }
    std::vector<Label> writers;
    for (std::size_t i = 0; i < writer_codes.size(); ++i) writers.push_back({writer_codes[i], writer_names[i], writer_names[i]});
    // Filters in use stay in view; otherwise they are one tap away.
    const bool in_use = !m_filters.kind.empty() || !m_filters.profession.empty() || !m_writer_code.empty() ||
                        !m_filters.from.empty() || !m_filters.to.empty() || m_filter_errors.find("from") != nullptr ||
                        m_filter_errors.find("to") != nullptr;
    if (!in_use && ui::toggle(i18n::tr(lang, Msg::MemoFiltersToggle), "timeline-filters-toggle", m_filters_open))
        m_filters_open = !m_filters_open;
    {
        ui::FieldRow row;
        if (m_filters_open || in_use) {
            row.next();
            ui::select(i18n::tr(lang, Msg::MemoKind), "filter-kind", kinds, m_filters.kind, lang,
                       i18n::tr(lang, Msg::All), 10.0f);
            row.next();
            ui::select(i18n::tr(lang, Msg::Profession), "filter-profession", profs, m_filters.profession, lang,
                       i18n::tr(lang, Msg::All), 10.0f);
            row.next();
            ui::select(i18n::tr(lang, Msg::MemoWriter), "filter-writer", writers, m_writer_code, lang,
                       i18n::tr(lang, Msg::All), 10.0f);
            row.next();
            ui::form_text(i18n::tr(lang, Msg::MemoFrom), "from", m_filters.from, m_filter_errors,
                          {.hint = "2026-11-01", .width_em = 9.0f});
            row.next();
            ui::form_text(i18n::tr(lang, Msg::MemoTo), "to", m_filters.to, m_filter_errors,
                          {.hint = "2026-11-30", .width_em = 9.0f});
        }
        row.next();
        ui::form_text(i18n::tr(lang, Msg::MemoSearch), "q", m_filters.q, m_filter_errors,
                      {.hint = i18n::tr(lang, Msg::MemoSearchHint), .width_em = 14.0f});
    }
    bool apply = ui::button(i18n::tr(lang, Msg::Search), "timeline-search") || enter;
    ImGui::SameLine();
    if (ui::secondary_button(i18n::tr(lang, Msg::MemoClearFilters), "timeline-clear")) {
        m_filters = {};
        m_writer_code.clear();
        apply = true;
    }
    if (!apply) return;
    // The same checks as the server's (memo_filter): dates, and search terms of 2+ characters.
    m_filter_errors.clear();
    if (!m_filters.from.empty() && !parse_date(m_filters.from, "from")) m_filter_errors.set("from", i18n::tr(lang, Msg::MemoDateInvalid));
    if (!m_filters.to.empty() && !parse_date(m_filters.to, "to")) m_filter_errors.set("to", i18n::tr(lang, Msg::MemoDateInvalid));
    if (!m_filters.q.empty() && !search::parse_query(m_filters.q, "q")) m_filter_errors.set("q", i18n::tr(lang, Msg::MemoSearchTooShort));
    if (!m_filter_errors.empty()) return;
    m_applied = m_filters;
    m_applied.writer.reset();
    if (!m_writer_code.empty()) m_applied.writer = std::stoll(m_writer_code);
    reload();
}

void TimelineScreen::draw_list() {
    const Lang lang = m_state.lang;
    if (m_new_elsewhere) {
        ui::status_line(ui::Tone::Warning, i18n::tr(lang, Msg::TimelineNewMemos));
        ImGui::SameLine();
        if (ui::secondary_button(i18n::tr(lang, Msg::Reload), "timeline-reload")) reload();
    }
    if (m_page.failed()) {
        ui::status_line(ui::Tone::Error, ui::describe(lang, m_page.error()));
        if (ui::secondary_button(i18n::tr(lang, Msg::Retry), "timeline-retry")) reload();
        return;
    }
    if (m_page.in_flight() && m_page_replaces && m_memos.empty()) {
        ui::status_line(ui::Tone::Pending, i18n::tr(lang, Msg::Loading));
        return;
    }
    if (m_memos.empty()) {
        ui::text_muted(i18n::tr(lang, filtered() ? Msg::TimelineNoMatch : Msg::TimelineEmpty));
        return;
    }
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(m_memos.size()), memo_row_height());
    std::optional<perm::Id> open;
    int last_shown = -1;
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const api::Memo& memo = m_memos[static_cast<std::size_t>(i)];
            ImGui::PushID(static_cast<int>(memo.id));
            const ImVec2 top = ImGui::GetCursorScreenPos();
            if (draw_memo_row(lang, memo, false).open) open = memo.id;
            // Shown on screen (not only laid out by the clipper): counts as read.
            if (ImGui::IsRectVisible(top, ImVec2(top.x + 1.0f, top.y + memo_row_height() * 0.5f))) {
                queue_read(memo);
                last_shown = i;
            }
            ImGui::PopID();
        }
    }
    clipper.End();
    // Near the end of what is loaded: the next page.
    if (last_shown >= static_cast<int>(m_memos.size()) - 5) load_more();
    if (m_page.in_flight()) {
        ui::status_line(ui::Tone::Pending, i18n::tr(lang, Msg::Loading));
    } else if (!m_end && ui::secondary_button(i18n::tr(lang, Msg::TimelineMore), "timeline-more")) {
        load_more();
    }
    if (open) router::navigate(timeline_route(m_patient_id) + "/" + std::to_string(*open));
}

} // namespace mimamori::web
