#include "screens/memo_composer.hpp"

#include <vector>

#include "i18n/i18n.hpp"
#include "imgui.h"
#include "imgui_stdlib.h"
#include "mimamori/common/date.hpp"
#include "mimamori/common/japan_time.hpp"
#include "platform/clock.hpp"
#include "screens/memo_row.hpp"
#include "test_hook/test_hook.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;

// The API's field name of a problem found in the form: the structured fields keep their names.
std::string form_field(const std::string& field) { return field.starts_with("attachments") ? "text" : field; }

std::optional<std::string> opt_text(const std::string& s) {
    if (s.empty()) return std::nullopt;
    return s;
}

} // namespace

bool multiline_text(const char* caption, const char* id, std::string& value, float lines) {
    ui::text(caption);
    const std::string key = std::string("##") + id;
    // Width 0: the item width, which in a card is the card's inner width (ui::begin_card).
    const bool changed = ImGui::InputTextMultiline(key.c_str(), &value,
                                                   ImVec2(0.0f, lines * ImGui::GetTextLineHeightWithSpacing() +
                                                                        2.0f * ImGui::GetStyle().FramePadding.y));
    test_hook::describe_last_item(test_hook::Kind::Input, value, caption);
    return changed;
}

void MemoComposer::clear() {
    m_edit_id = 0;
    m_kind = "visit_record";
    m_text.clear();
    m_next_visit_date.clear();
    m_policy_changed = false;
    m_policy_change_summary.clear();
    m_care_points.clear();
    m_acp_wishes.clear();
    m_emergency_policy.clear();
    m_kept_attachments.clear();
    m_errors.clear();
    m_problem.clear();
    m_notice.clear();
    m_uploads.clear();
}

void MemoComposer::reset_new(perm::Id patient_id) {
    clear();
    m_patient_id = patient_id;
}

void MemoComposer::reset_edit(const api::Memo& memo) {
    clear();
    m_patient_id = memo.patient_id;
    m_edit_id = memo.id;
    m_kind = memo.kind;
    auto draft = memo.draft();
    if (!draft) {
        m_text = memo.text;
        return;
    }
    const MemoDraft& d = *draft;
    m_text = d.text;
    if (d.fields.next_visit_date) m_next_visit_date = d.fields.next_visit_date->to_string();
    m_policy_changed = d.fields.policy_changed.value_or(false);
    m_policy_change_summary = d.fields.policy_change_summary.value_or("");
    m_care_points = d.fields.care_points.value_or("");
    m_acp_wishes = d.fields.acp_wishes.value_or("");
    m_emergency_policy = d.fields.emergency_policy.value_or("");
    for (const api::MemoFile& f : memo.attachments) m_kept_attachments.push_back(std::to_string(f.id));
}

std::optional<MemoDraft> MemoComposer::build_draft(const std::string& kind_code) {
    const Lang lang = m_state.lang;
    m_errors.clear();
    m_problem.clear();
    const auto kind = memo_kind_from_code(kind_code);
    if (!kind) {
        m_errors.set("kind", i18n::tr(lang, Msg::MemoKindMissing));
        return std::nullopt;
    }
    MemoDraft draft;
    draft.kind = *kind;
    draft.text = m_text;
    auto rule = [&](MemoField f) { return field_rule(*kind, f); };
    if (rule(MemoField::NextVisitDate) != FieldRule::Refused && !m_next_visit_date.empty()) {
        auto date = parse_date(m_next_visit_date, "next_visit_date");
        if (!date) {
            m_errors.set("next_visit_date", i18n::tr(lang, Msg::MemoDateInvalid));
            m_errors.reveal();
            return std::nullopt;
        }
        draft.fields.next_visit_date = *date;
    }
    // "No change of policy" is said explicitly by a doctor (the fee rule asks for it on their
    // record); on others' memos it would only be noise.
    if (rule(MemoField::PolicyChanged) == FieldRule::Optional && (m_policy_changed || writer_is_doctor()))
        draft.fields.policy_changed = m_policy_changed;
    if (rule(MemoField::PolicyChangeSummary) != FieldRule::Refused && m_policy_changed)
        draft.fields.policy_change_summary = opt_text(m_policy_change_summary);
    if (rule(MemoField::CarePoints) != FieldRule::Refused) draft.fields.care_points = opt_text(m_care_points);
    if (rule(MemoField::AcpWishes) != FieldRule::Refused) draft.fields.acp_wishes = opt_text(m_acp_wishes);
    if (rule(MemoField::EmergencyPolicy) != FieldRule::Refused) draft.fields.emergency_policy = opt_text(m_emergency_policy);
    draft.attachments = m_kept_attachments;
    for (std::string& id : m_uploads.finished_upload_ids()) draft.attachments.push_back(std::move(id));
    const Date today = japan_date(clock::unix_seconds());
    auto normalised = normalise(std::move(draft), MemoParseOptions{today});
    if (!normalised) {
        const std::string field = form_field(normalised.error().field);
        std::string message = normalised.error().message;
        if (field == "text") message = i18n::tr(lang, Msg::MemoTextProblem) + (" (" + message + ")");
        if (field == "next_visit_date") message = i18n::tr(lang, Msg::MemoDateInvalid) + (" (" + message + ")");
        m_errors.set(field.empty() ? "text" : field, std::move(message));
        m_errors.reveal();
        return std::nullopt;
    }
    return std::move(normalised).value();
}

void MemoComposer::send(const MemoDraft& draft) {
    m_notice.clear();
    m_job.start(m_edit_id != 0 ? api::edit_memo(m_edit_id, draft) : api::post_memo(m_patient_id, draft));
}

std::optional<api::Memo> MemoComposer::poll() {
    const Lang lang = m_state.lang;
    std::optional<api::Memo> stored;
    m_job.poll(
        [&](const api::Memo& memo) {
            stored = memo;
            const bool was_edit = m_edit_id != 0;
            if (!was_edit) {
                reset_new(m_patient_id);
                m_notice = i18n::tr(lang, Msg::MemoPosted);
            }
            m_uploads.clear();
        },
        [&](const api::Failure& failure) { ui::apply_failure(lang, failure, m_errors, m_problem, form_field); });
    return stored;
}

bool MemoComposer::has_draft() const {
    return !m_text.empty() || !m_next_visit_date.empty() || !m_policy_change_summary.empty() || !m_care_points.empty() ||
           !m_acp_wishes.empty() || !m_emergency_policy.empty() || !m_uploads.empty() || m_job.busy();
}

void MemoComposer::draw_no_change_button(bool busy) {
    // One tap for a stable patient: a no_change memo with its default text.
    if (ui::secondary_button(i18n::tr(m_state.lang, Msg::MemoNoChangeButton), "memo-no-change", !busy)) {
        m_errors.clear();
        m_problem.clear();
        auto draft = normalise(MemoDraft{MemoKind::NoChange, "", {}, {}, {}});
        if (draft) send(*draft);
    }
}

std::optional<api::Memo> MemoComposer::draw_closed() {
    std::optional<api::Memo> stored = poll();
    draw_no_change_button(m_job.busy());
    if (!m_problem.empty()) ui::error_text(m_problem);
    if (!m_notice.empty()) ui::status_line(ui::Tone::Ok, m_notice);
    return stored;
}

std::optional<api::Memo> MemoComposer::draw(const std::vector<api::TeamPerson>& members) {
    const Lang lang = m_state.lang;
    std::optional<api::Memo> stored = poll();
    const bool enter = false; // Enter adds a line in a memo: only the button sends
    if (!editing()) {
        const std::vector<Label> kinds = memo_kind_labels();
        ui::select(i18n::tr(lang, Msg::MemoKind), "memo-kind", kinds, m_kind, lang, nullptr, 16.0f);
        ui::field_error("kind", m_errors);
    } else if (const auto kind = memo_kind_from_code(m_kind)) {
        ui::field_row(i18n::tr(lang, Msg::MemoKind), std::string(label(*kind).in(lang)), 8.0f);
    }
    multiline_text(i18n::tr(lang, Msg::MemoText), "memo-text", m_text, 4.0f);
    ui::field_error("text", m_errors);
    draw_mention_picker(members);
    draw_fields();
    if (!editing()) { // a photo or a document with a new memo (an edit keeps the memo's files)
        files::draw_attach_button(m_uploads, m_patient_id);
        files::draw_progress(m_uploads);
    }
    draw_record_gaps();
    if (!m_problem.empty()) ui::error_text(m_problem);
    const bool busy = m_job.busy() || m_uploads.busy(); // sent once every file has arrived
    if (ui::submit_button(lang, i18n::tr(lang, editing() ? Msg::MemoSaveEdit : Msg::MemoPost),
                          editing() ? "memo-save" : "memo-post", busy, true, enter)) {
        if (auto draft = build_draft(m_kind)) send(*draft);
    }
    if (!editing()) {
        ImGui::SameLine();
        draw_no_change_button(busy);
    }
    if (!m_notice.empty()) ui::status_line(ui::Tone::Ok, m_notice);
    return stored;
}

bool MemoComposer::writer_is_doctor() const {
    return m_state.session.me && m_state.session.me->account.profession == "doctor";
}

void MemoComposer::draw_record_gaps() {
    // A doctor's home-visit record: what 在宅医療情報連携加算 still needs, said before posting
    // (the memo may be posted anyway and completed by an edit).
    const auto kind = memo_kind_from_code(m_kind);
    if (!kind || !writer_is_doctor()) return;
    MemoFields fields;
    if (auto date = parse_date(m_next_visit_date, "next_visit_date")) fields.next_visit_date = *date;
    if (field_rule(*kind, MemoField::PolicyChanged) != FieldRule::Refused) fields.policy_changed = m_policy_changed;
    if (m_policy_changed && !m_policy_change_summary.empty()) fields.policy_change_summary = m_policy_change_summary;
    std::string gaps;
    for (MemoField f : record_gaps(*kind, fields)) gaps += (gaps.empty() ? "" : "、") + std::string(label(f).in(m_state.lang));
    if (!gaps.empty()) ui::status_line(ui::Tone::Warning, i18n::fmt(i18n::tr(m_state.lang, Msg::MemoRecordGaps), {gaps}));
}

void MemoComposer::draw_fields() {
    const Lang lang = m_state.lang;
    const auto kind = memo_kind_from_code(m_kind);
    if (!kind) return;
    auto shown = [&](MemoField f) {
        const FieldRule r = field_rule(*kind, f);
        return r == FieldRule::Optional || r == FieldRule::Required || r == FieldRule::WhenPolicyChanged;
    };
    auto caption = [&](MemoField f) {
        std::string c(label(f).in(lang));
        if (field_rule(*kind, f) == FieldRule::Required) c += i18n::tr(lang, Msg::MemoRequiredMark);
        return c;
    };
    if (shown(MemoField::NextVisitDate)) {
        ui::form_text(caption(MemoField::NextVisitDate).c_str(), "next_visit_date", m_next_visit_date, m_errors,
                      {.hint = "2026-12-01", .width_em = 12.0f});
    }
    if (shown(MemoField::PolicyChanged)) {
        ui::checkbox(caption(MemoField::PolicyChanged).c_str(), "policy_changed", m_policy_changed);
        ui::field_error("policy_changed", m_errors);
        if (m_policy_changed) {
            multiline_text(caption(MemoField::PolicyChangeSummary).c_str(), "policy_change_summary",
                           m_policy_change_summary, 2.0f);
            ui::field_error("policy_change_summary", m_errors);
        }
    }
    struct TextField {
        MemoField field;
        const char* id;
        std::string* value;
    };
    const TextField texts[] = {{MemoField::CarePoints, "care_points", &m_care_points},
                               {MemoField::AcpWishes, "acp_wishes", &m_acp_wishes},
                               {MemoField::EmergencyPolicy, "emergency_policy", &m_emergency_policy}};
    for (const TextField& t : texts) {
        if (!shown(t.field)) continue;
        multiline_text(caption(t.field).c_str(), t.id, *t.value, 2.0f);
        ui::field_error(t.id, m_errors);
    }
}

void MemoComposer::draw_mention_picker(const std::vector<api::TeamPerson>& members) {
    const Lang lang = m_state.lang;
    if (members.empty()) return;
    if (ui::secondary_button(i18n::tr(lang, Msg::MemoMention), "memo-mention")) ImGui::OpenPopup("mention-picker");
    if (!ImGui::BeginPopup("mention-picker")) return;
    ui::text_muted(i18n::tr(lang, Msg::MemoMentionHelp));
    const perm::Id me = m_state.session.me ? m_state.session.me->account.id : 0;
    for (const api::TeamPerson& m : members) {
        if (!m.active || m.account_id == me) continue;
        ImGui::PushID(static_cast<int>(m.account_id));
        const bool has_login = !m.login.empty();
        const std::string text = m.name + (has_login ? "  @" + m.login : "");
        if (ui::secondary_button(text.c_str(), "mention-member", has_login)) {
            if (!m_text.empty() && m_text.back() != ' ' && m_text.back() != '\n') m_text += ' ';
            m_text += "@" + m.login + " ";
            ImGui::CloseCurrentPopup();
        }
        ImGui::PopID();
    }
    ImGui::EndPopup();
}

} // namespace mimamori::web
