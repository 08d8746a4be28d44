// TimelineScreen: one memo shown whole (route "/patients/{id}/memos/{memo}").

#include "files/attachments.hpp"
#include "i18n/i18n.hpp"
#include "imgui.h"
#include "mimamori/common/text.hpp"
#include "platform/clock.hpp"
#include "platform/router.hpp"
#include "screens/memo_row.hpp"
#include "screens/timeline_screen.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;

constexpr std::size_t kMaxReasonChars = 500;

std::string people_line(const std::vector<api::Person>& people, bool with_time) {
    std::string out;
    for (const api::Person& p : people) {
        if (!out.empty()) out += "、";
        out += p.name;
        if (with_time && !p.at.empty()) out += "（" + clock::local_time(p.at) + "）";
    }
    return out;
}

} // namespace

void TimelineScreen::draw_detail(perm::Id memo_id) {
    const Lang lang = m_state.lang;
    if (m_detail_id != memo_id) {
        m_detail_id = memo_id;
        m_detail = api::fetch_memo(memo_id);
        m_editing = false;
        m_retracting = false;
        m_retract_reason.clear();
        m_detail_errors.clear();
        m_detail_problem.clear();
        m_detail_notice.clear();
    }
    m_detail_job.poll(
        [&](const api::Memo& memo) {
            auto [call, complete] = api::Call<api::Memo>::start();
            complete.succeed(memo);
            m_detail = call;
            merge(memo, false);
        },
        [&](const api::Failure& failure) { ui::apply_failure(lang, failure, m_detail_errors, m_detail_problem); });
    if (ui::link(i18n::tr(lang, Msg::TimelineBack), "memo-back")) {
        m_detail_id = 0;
        return router::navigate("/patients/" + std::to_string(m_patient_id) + "/memos");
    }
    const bool retry = ui::loaded(lang, m_detail, [&](const api::Memo& memo) { draw_detail_memo(memo); }, "memo-retry");
    if (retry) m_detail = api::fetch_memo(memo_id);
}

void TimelineScreen::draw_detail_memo(const api::Memo& memo) {
    const Lang lang = m_state.lang;
    if (memo.patient_id != m_patient_id) return ui::text_muted(i18n::tr(lang, Msg::NotFoundBody));
    queue_read(memo);
    ui::begin_card();
    draw_memo_byline(lang, memo);
    ui::space(0.3f);
    if (memo.retracted) {
        ui::status_line(ui::Tone::Error, i18n::fmt(i18n::tr(lang, Msg::MemoRetractedBy),
                                                   {memo.retracted_by.name, clock::local_time(memo.retracted_by.at),
                                                    memo.retraction_reason}));
    }
    if (m_editing) {
        if (auto stored = m_editor.draw(m_patient.done() ? m_patient.value().members : std::vector<api::TeamPerson>{})) {
            auto [call, complete] = api::Call<api::Memo>::start();
            complete.succeed(*stored);
            m_detail = call;
            merge(*stored, false);
            m_editing = false;
            m_detail_notice = i18n::tr(lang, Msg::MemoEditSaved);
        }
        if (ui::secondary_button(i18n::tr(lang, Msg::Cancel), "memo-edit-cancel")) m_editing = false;
        ui::end_card();
        return;
    }
    ui::text(memo.text);
    draw_memo_fields(lang, memo.content, false);
    if (!memo.record_gaps.empty()) {
        std::string gaps;
        for (const std::string& code : memo.record_gaps) {
            for (const MemoFieldInfo& f : memo_fields())
                if (f.label.code == code) gaps += (gaps.empty() ? "" : "、") + std::string(f.label.in(lang));
        }
        ui::status_line(ui::Tone::Warning, i18n::fmt(i18n::tr(lang, Msg::MemoRecordGaps), {gaps}));
    }
    if (!memo.mentions.empty()) ui::text_muted(i18n::fmt(i18n::tr(lang, Msg::MemoMentions), {people_line(memo.mentions, false)}));
    if (!memo.attachments.empty()) { // thumbnails and viewers: issue 7's file layer
        Json raw = Json::array();
        for (const api::MemoFile& f : memo.attachments) raw.push_back(f.raw);
        if (auto stored = files::read_stored_files(raw)) {
            files::draw_attachment_strip(*stored, "memo-" + std::to_string(memo.id));
        } else {
            for (const api::MemoFile& f : memo.attachments) ui::text_muted(i18n::fmt(i18n::tr(lang, Msg::MemoAttachment), {f.name}));
        }
    }
    if (!m_detail_notice.empty()) ui::status_line(ui::Tone::Ok, m_detail_notice);
    ui::end_card();
    draw_acknowledgement(memo);
    draw_receipts(memo);
    draw_versions(memo);
    draw_writer_actions(memo);
}

void TimelineScreen::draw_versions(const api::Memo& memo) {
    const Lang lang = m_state.lang;
    if (memo.versions.size() < 2) return;
    ui::space(0.5f);
    ui::heading(i18n::tr(lang, Msg::MemoVersions));
    // Oldest first from the server; the current one is shown above, older ones struck through.
    for (auto it = memo.versions.rbegin(); it != memo.versions.rend(); ++it) {
        if (it->number == memo.version) continue;
        ImGui::PushID(it->number);
        ui::text_muted(i18n::fmt(i18n::tr(lang, Msg::MemoVersionLine),
                                 {std::to_string(it->number), it->editor.name, clock::local_time(it->editor.at)}));
        const auto text = it->content.find("text");
        struck_text(text != it->content.end() && text->is_string() ? text->get<std::string>() : std::string());
        draw_memo_fields(lang, it->content, true);
        ImGui::PopID();
        ui::space(0.3f);
    }
}

void TimelineScreen::draw_receipts(const api::Memo& memo) {
    const Lang lang = m_state.lang;
    ui::space(0.5f);
    if (memo.read_by.empty()) return ui::text_muted(i18n::tr(lang, Msg::MemoReadByNobody));
    ui::text_muted(i18n::fmt(i18n::tr(lang, Msg::MemoReadBy), {people_line(memo.read_by, true)}));
}

void TimelineScreen::draw_acknowledgement(const api::Memo& memo) {
    const Lang lang = m_state.lang;
    if (!memo.acknowledgement) return;
    const api::Acknowledgement& ack = *memo.acknowledgement;
    ui::space(0.5f);
    ui::begin_card();
    ui::heading(i18n::tr(lang, Msg::MemoAckTitle));
    if (!ack.acknowledged_by.empty())
        ui::text(i18n::fmt(i18n::tr(lang, Msg::MemoAckBy), {people_line(ack.acknowledged_by, true)}));
    if (ack.pending.empty()) {
        ui::status_line(ui::Tone::Ok, i18n::tr(lang, Msg::MemoAckAll));
    } else {
        ui::status_line(ui::Tone::Warning, i18n::fmt(i18n::tr(lang, Msg::MemoAckPending), {people_line(ack.pending, false)}));
    }
    const perm::Id me = m_state.session.me ? m_state.session.me->account.id : 0;
    if (ack.acknowledged_by_me) {
        ui::status_line(ui::Tone::Ok, i18n::tr(lang, Msg::MemoAckDone));
    } else if (memo.author_id != me && !memo.retracted) {
        if (ui::button(i18n::tr(lang, Msg::MemoAcknowledge), "memo-acknowledge", !m_detail_job.busy()))
            m_detail_job.start(api::acknowledge_memo(memo.id, ack.version));
    }
    if (!m_detail_problem.empty() && !m_retracting) ui::error_text(m_detail_problem);
    ui::end_card();
}

void TimelineScreen::draw_writer_actions(const api::Memo& memo) {
    const Lang lang = m_state.lang;
    const perm::Id me = m_state.session.me ? m_state.session.me->account.id : 0;
    if (memo.author_id != me || memo.retracted) return;
    ui::space(0.5f);
    if (!m_retracting) {
        if (ui::secondary_button(i18n::tr(lang, Msg::Edit), "memo-edit")) {
            m_editor.reset_edit(memo);
            m_editing = true;
            m_detail_notice.clear();
        }
        ImGui::SameLine();
        if (ui::danger_button(i18n::tr(lang, Msg::MemoRetract), "memo-retract")) {
            m_retracting = true;
            m_detail_errors.clear();
            m_detail_problem.clear();
        }
        return;
    }
    ui::begin_card();
    ui::text(i18n::tr(lang, Msg::MemoRetractHelp));
    ui::form_text(i18n::tr(lang, Msg::MemoRetractReason), "reason", m_retract_reason, m_detail_errors);
    if (!m_detail_problem.empty()) ui::error_text(m_detail_problem);
    if (ui::danger_button(i18n::tr(lang, Msg::MemoRetract), "memo-retract-confirm", !m_detail_job.busy())) {
        m_detail_errors.clear();
        m_detail_problem.clear();
        const std::string reason(text::trim(m_retract_reason));
        if (reason.empty() || reason.find('\n') != std::string::npos || text::length(reason) > kMaxReasonChars) {
            m_detail_errors.set("reason", i18n::tr(lang, Msg::MemoRetractReasonNeeded));
        } else {
            m_detail_job.start(api::retract_memo(memo.id, reason));
            m_retracting = false;
        }
    }
    ImGui::SameLine();
    if (ui::secondary_button(i18n::tr(lang, Msg::Cancel), "memo-retract-cancel")) m_retracting = false;
    ui::end_card();
}

} // namespace mimamori::web
