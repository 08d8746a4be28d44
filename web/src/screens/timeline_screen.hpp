#pragma once
// A patient's timeline (在宅患者メモ, routes "/patients/{id}/memos" and "/patients/{id}/memos/{memo}",
// issue 5): the composer for every kind of memo, filters (kind, profession, writer, dates) and a
// search within the patient, and the memos newest first, paged by next_before as the list is
// scrolled down and laid out by ImGuiListClipper. Memos shown on screen are recorded as read
// (batched). Live events for this patient merge the memo they name (or reload after a
// "resync"), so the open timeline follows what the team writes without a reload.
//
// One memo (the second route, timeline_detail.cpp): its whole text and fields, older
// versions struck through, who read it and when, the acknowledgement of an instruction with the
// list of who has not acknowledged, and for the writer edit and retract (with a reason).

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "api/memos_api.hpp"
#include "app_state.hpp"
#include "screens/memo_composer.hpp"
#include "ui/form.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web {

class TimelineScreen {
public:
    explicit TimelineScreen(AppState& state) : m_state(state), m_composer(state), m_editor(state) {}

    // `memo_id`: the memo to show whole, or nullopt for the list.
    void draw(perm::Id patient_id, std::optional<perm::Id> memo_id);

private:
    void open(perm::Id patient_id);
    void reload();
    void load_more();
    void poll_page();
    void apply_live();
    void poll_fetches();
    void merge(const api::Memo& memo, bool insert);
    void queue_read(const api::Memo& memo);
    void flush_reads();

    void draw_list_view();
    void draw_filters();
    void draw_list();
    void draw_detail(perm::Id memo_id);
    void draw_detail_memo(const api::Memo& memo);
    void draw_versions(const api::Memo& memo);
    void draw_receipts(const api::Memo& memo);
    void draw_acknowledgement(const api::Memo& memo);
    void draw_writer_actions(const api::Memo& memo);
    const api::Memo* find(perm::Id memo_id) const;
    bool filtered() const;

    AppState& m_state;
    perm::Id m_patient_id = 0;
    api::Call<api::TimelinePatient> m_patient;
    ui::Appearance m_appearance;
    MemoComposer m_composer;
    bool m_composer_open = false; // folded away when the timeline is opened (unless a draft is in it)
    bool m_filters_open = false;  // kind, profession, writer and dates (the search is always there)

    // Filters as edited, and as applied to the list.
    api::MemoQuery m_filters;
    std::string m_writer_code; // the writer filter's select value (account id as text)
    api::MemoQuery m_applied;
    ui::FieldErrors m_filter_errors;

    std::vector<api::Memo> m_memos; // newest first
    std::optional<perm::Id> m_next_before;
    bool m_end = false;
    api::Call<api::MemoPage> m_page;
    bool m_page_replaces = false; // the page in flight is a first page (a reload)
    bool m_new_elsewhere = false;  // a memo arrived that the filters may hide: offer a reload

    std::int64_t m_live_seq = 0;
    std::vector<api::Call<api::Memo>> m_fetches; // memos named by live events
    std::set<perm::Id> m_read_sent;   // asked once per memo
    std::vector<perm::Id> m_read_queue;
    api::Job<std::vector<perm::Id>> m_reads;
    double m_reads_due = 0.0;

    // The memo shown whole.
    perm::Id m_detail_id = 0;
    api::Call<api::Memo> m_detail;
    MemoComposer m_editor;
    bool m_editing = false;
    std::string m_retract_reason;
    bool m_retracting = false;
    ui::FieldErrors m_detail_errors;
    std::string m_detail_problem;
    std::string m_detail_notice;
    api::Job<api::Memo> m_detail_job;
};

} // namespace mimamori::web
