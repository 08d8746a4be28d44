#pragma once
// The form of a memo (在宅患者メモ): its kind, text and the structured fields the kind carries
// (common/memo.hpp's table decides which), checked with common's normalise() before it is sent,
// so a wrong field is named under it and nothing is posted. Used to post a new memo on the
// timeline (with attachments and the mention picker) and to edit one's own memo (the same kind,
// the whole new content).

#include <optional>
#include <string>
#include <vector>

#include "api/memos_api.hpp"
#include "app_state.hpp"
#include "files/attachments.hpp"
#include "ui/form.hpp"

namespace mimamori::web {

class MemoComposer {
public:
    explicit MemoComposer(AppState& state) : m_state(state) {}

    // Starts empty for `patient_id` (a new memo), or with `memo`'s content (an edit).
    void reset_new(perm::Id patient_id);
    void reset_edit(const api::Memo& memo);

    // Draws the form; `members`: whom the mention picker offers. Returns the memo once the server
    // stored it (posted or edited), in the frame its answer arrived.
    std::optional<api::Memo> draw(const std::vector<api::TeamPerson>& members);
    // The composer folded away: only the one-tap 「変化なし」 (and what the last post said).
    // Returns the memo stored, as draw() does.
    std::optional<api::Memo> draw_closed();
    // Something typed, attached or being sent: what folding the composer away would hide.
    bool has_draft() const;

    bool editing() const { return m_edit_id != 0; }

private:
    void clear();
    std::optional<api::Memo> poll(); // the post's or edit's answer, when it arrived
    void draw_no_change_button(bool busy);
    // The draft from the form's fields, or the fields' problems in m_errors.
    std::optional<MemoDraft> build_draft(const std::string& kind);
    void send(const MemoDraft& draft);
    void draw_fields();
    void draw_record_gaps();
    bool writer_is_doctor() const;
    void draw_mention_picker(const std::vector<api::TeamPerson>& members);

    AppState& m_state;
    perm::Id m_patient_id = 0;
    perm::Id m_edit_id = 0; // 0: a new memo
    std::string m_kind = "visit_record";
    std::string m_text;
    std::string m_next_visit_date;
    bool m_policy_changed = false;
    std::string m_policy_change_summary;
    std::string m_care_points;
    std::string m_acp_wishes;
    std::string m_emergency_policy;
    std::vector<std::string> m_kept_attachments; // an edit keeps the memo's files
    ui::FieldErrors m_errors;
    std::string m_problem;
    std::string m_notice;
    api::Job<api::Memo> m_job;
    files::UploadQueue m_uploads; // a new memo's files (issue 7's upload layer)
};

// A multi-line text field: caption above, `lines` lines tall, reported to the test hook as an
// input with the caption as its label.
bool multiline_text(const char* caption, const char* id, std::string& value, float lines);

} // namespace mimamori::web
