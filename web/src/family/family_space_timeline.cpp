// FamilySpaceView: writing and reading memos. A memo is encrypted and signed here before it is
// sent; what arrives is decrypted and verified by the model, and a memo that fails either is
// shown as "cannot be verified", never as text. Reactions (見ました, ありがとう) are one tap.
// Photos and files go up encrypted (family_files.hpp) and are named by the memo, which carries
// their keys and a thumbnail; a photo opens large after it is fetched, decrypted and verified
// here -- a file that fails is "cannot be verified" and never decoded -- in the files layer's
// full view (files/image_viewer.hpp: zoom with buttons, the wheel or two fingers, a drag pans).
// The team shares upcoming visits as schedule memos, listed for the family under 「これからの予定」.
#include "family/family_space_view.hpp"

#include <algorithm>

#include "family/family_files.hpp"
#include "family/family_space_api.hpp"
#include "family/family_text.hpp"
#include "files/image_viewer.hpp"
#include "imgui.h"
#include "imgui_stdlib.h"
#include "mimamori/common/date.hpp"
#include "mimamori/common/family_crypto/secret.hpp"
#include "mimamori/common/japan_time.hpp"
#include "mimamori/common/permissions.hpp"
#include "platform/frames.hpp"
#include "platform/clock.hpp"
#include "test_hook/test_hook.hpp"
#include "ui/form.hpp"
#include "ui/profession_icon.hpp"
#include "vocabulary_text.hpp"

namespace mimamori::web::family {
namespace {

// A multi-line field with its caption above, described to the test hook by the caption.
void text_area(const char* caption, const char* id, std::string& value, float lines) {
    ui::text(caption);
    const std::string key = std::string("##") + id;
    // Width 0: the item width, which in a card is the card's inner width (ui::begin_card).
    ImGui::InputTextMultiline(key.c_str(), &value,
                              ImVec2(0.0f, lines * ImGui::GetTextLineHeightWithSpacing() +
                                               2.0f * ImGui::GetStyle().FramePadding.y));
    test_hook::describe_last_item(test_hook::Kind::Input, value, caption);
}

// Who wrote: the profession for the team, the relation for the family.
std::string writer_label(Lang lang, const ShownMember* m) {
    if (m == nullptr) return "?";
    std::string role = m->kind == "staff" ? profession_text(lang, m->profession)
                                          : (m->relation.empty() ? std::string(tr(lang, T::Family)) : m->relation);
    std::string out = "【" + role + "】 " + m->name;
    if (!m->current) out += tr(lang, T::Former);
    return out;
}

// "12月3日（木） 10:00" / "Thu 3 Dec 10:00".
std::string when_text(Lang lang, const fc::ScheduleEntry& e) {
    const auto date = parse_date(e.date);
    if (!date) return e.date + " " + e.time;
    // 1970-01-01 was a Thursday.
    const auto weekday = static_cast<std::size_t>(((date->days_since_epoch() % 7) + 7 + 4) % 7);
    std::string names = tr(lang, T::Weekdays);
    std::vector<std::string> days;
    for (std::size_t at = 0; at <= names.size();) {
        const auto comma = std::min(names.find(',', at), names.size());
        days.push_back(names.substr(at, comma - at));
        at = comma + 1;
    }
    const std::string day = weekday < days.size() ? days[weekday] : "";
    static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    if (lang == Lang::En)
        return day + " " + std::to_string(date->day) + " " + months[date->month - 1] + "  " + e.time;
    return std::to_string(date->month) + "月" + std::to_string(date->day) + "日（" + day + "）  " + e.time;
}

} // namespace

bool FamilySpaceView::may_share_schedule(const fc::MemberIdentity& me) const {
    if (!m_model || !m_model->can_write()) return false;
    const ShownMember* self = m_model->member(me.account_id);
    perm::Target target;
    target.patient_id = m_patient;
    target.team_member = self != nullptr && self->current && self->kind == "staff";
    target.consent_recorded = true; // the space is open to this member: both are true
    target.family_scope = true;
    target.team_locked = m_model->locked();
    return perm::decide(m_state.session.principal, perm::Action::FamilyScheduleShare, target).allowed;
}

void FamilySpaceView::draw_schedule() {
    const Lang lang = m_state.lang;
    const auto entries = m_model->upcoming_schedule(clock::unix_seconds());
    ui::begin_card();
    ui::heading(tr(lang, T::ScheduleTitle));
    if (entries.empty()) ui::text_muted(tr(lang, T::ScheduleNone));
    const float scale = ImGui::GetFontSize() / ImGui::GetFont()->FontSize; // 1.2 on a family's home
    ImGui::SetWindowFontScale(scale * 1.15f);
    for (const auto& e : entries) {
        const std::string line = when_text(lang, e) + "  " + e.what;
        ui::text(line);
        test_hook::describe_last_item(test_hook::Kind::Text, line, "schedule " + e.what);
    }
    ImGui::SetWindowFontScale(scale);
    ui::end_card();
}

void FamilySpaceView::draw_schedule_composer(const fc::MemberIdentity& me) {
    const Lang lang = m_state.lang;
    m_sched_post.poll(
        [this](const Json&) {
            m_sched_date.clear(), m_sched_time.clear(), m_sched_what.clear();
            m_notice = tr(m_state.lang, T::ScheduleShared);
            m_memos = get_memos(m_patient);
            m_loaded_stage = 2;
        },
        [this](const api::Failure& f) {
            m_problem = std::string(tr(m_state.lang, T::SendFailed)) + ": " + ui::describe(m_state.lang, f);
        });
    if (!ImGui::CollapsingHeader((std::string(tr(lang, T::ScheduleShareTitle)) + "###family-schedule-share").c_str()))
        return;
    ui::begin_card();
    ui::form_text(tr(lang, T::ScheduleDate), "schedule.date", m_sched_date, m_sched_errors);
    ui::form_text(tr(lang, T::ScheduleTime), "schedule.time", m_sched_time, m_sched_errors);
    ui::form_text(tr(lang, T::ScheduleWhat), "schedule.what", m_sched_what, m_sched_errors);
    if (ui::submit_button(lang, tr(lang, T::ScheduleShare), "family-schedule-send", m_sched_post.busy(), true)) {
        m_sched_errors.clear();
        auto entry = fc::make_schedule_entry(m_sched_date, m_sched_time, m_sched_what);
        if (!entry) {
            m_sched_errors.set(entry.error().field, entry.error().message);
        } else {
            fc::FamilyMemoContent content;
            content.schedule = std::move(entry).value();
            auto envelope = m_model->seal(me, content, clock::unix_seconds() * 1000);
            if (envelope) m_sched_post.start(post_memo(m_patient, std::move(envelope).value()));
            else m_problem = envelope.error().message;
        }
    }
    ui::end_card();
}

void FamilySpaceView::draw_composer(const fc::MemberIdentity& me) {
    const Lang lang = m_state.lang;
    m_post.poll(
        [this](const Json&) {
            fc::wipe(m_text);
            m_text.clear();
            m_uploads.clear(); // sent: the files belong to the memo now
            m_problem.clear();
            m_memos = get_memos(m_patient);
            m_loaded_stage = 2;
        },
        [this](const api::Failure& f) {
            m_problem = std::string(tr(m_state.lang, T::SendFailed)) + ": " + ui::describe(m_state.lang, f);
            if (f.http_status == 409) reload(); // a new epoch meanwhile: reload the keys, keep the text
        });
    if (!m_uploads_ready) {
        m_uploads.set_encoder_factory(file_encoder_factory());
        m_uploads_ready = true;
    }
    ui::begin_card();
    text_area(tr(lang, T::Compose), "family-compose", m_text, 3.0f);
    files::draw_attach_button(m_uploads, m_patient);
    files::draw_progress(m_uploads);
    auto attachments = attachments_of(m_uploads);
    if (!attachments && !m_uploads.busy()) {
        ui::text_muted(tr(lang, T::FilePreparing));
        frames::request_in(0.2);
    }
    const bool has_files = attachments && !attachments->empty();
    const bool ready = (!m_text.empty() || has_files) && attachments && !m_uploads.busy() && !m_post.busy();
    if (ui::submit_button(lang, tr(lang, T::Send), "family-send", m_post.busy(), ready)) {
        fc::FamilyMemoContent content;
        content.text = m_text;
        content.attachments = std::move(attachments).value();
        auto envelope = m_model->seal(me, content, clock::unix_seconds() * 1000);
        fc::wipe(content.text);
        if (envelope) {
            m_post.start(post_memo(m_patient, std::move(envelope).value()));
        } else {
            m_problem = envelope.error().message;
        }
    }
    ui::end_card();
}

void FamilySpaceView::draw_timeline(const fc::MemberIdentity& me) {
    const Lang lang = m_state.lang;
    m_react.poll([this](const api::Nothing&) { m_memos = get_memos(m_patient), m_loaded_stage = 2; },
                 [this](const api::Failure& f) { m_problem = ui::describe(m_state.lang, f); });
    if (ui::secondary_button(tr(lang, T::Refresh), "family-refresh")) reload();
    const auto& memos = m_model->memos();
    if (memos.empty()) return ui::text_muted(tr(lang, T::NoMemos));
    // Cards of differing heights (ImGuiListClipper wants one height): the newest ones, and more
    // on request -- all were decrypted and verified already, drawing is what is limited.
    const std::size_t shown = std::min(memos.size(), m_shown_memos);
    for (std::size_t i = 0; i < shown; ++i) {
        ImGui::PushID(static_cast<int>(memos[i].seq));
        draw_memo(memos[i], me);
        ImGui::PopID();
    }
    if (shown < memos.size() && ui::secondary_button(tr(lang, T::More), "family-more")) m_shown_memos += kMemosPerPage;
}

void FamilySpaceView::draw_memo(const ShownMemo& memo, const fc::MemberIdentity& me) {
    (void)me;
    const Lang lang = m_state.lang;
    ui::begin_card();
    const ShownMember* author = m_model->member(memo.author_account_id);
    if (author != nullptr && author->kind == "staff") { // the writer's profession at a glance
        ui::profession_icon(author->profession, lang, 1.5f);
        ImGui::SameLine();
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (1.5f * ui::em() - ImGui::GetTextLineHeight()) * 0.5f);
    }
    ui::text(writer_label(lang, author));
    ui::text_muted(clock::local_time_at(memo.time_ms / 1000));
    if (memo.readable) {
        if (memo.schedule) {
            ui::status_line(ui::Tone::Ok, std::string(tr(lang, T::ScheduleEntry)) + "：" +
                                              when_text(lang, *memo.schedule) + "  " + memo.schedule->what);
        }
        if (!memo.text.empty()) ui::text(memo.text);
        if (!memo.attachments.empty()) draw_attachments(memo);
    } else {
        ui::status_line(ui::Tone::Error, tr(lang, T::Unverifiable));
        ui::text_muted(tr(lang, T::UnverifiableHelp));
    }
    const bool can_react = !m_model->locked() && !memo.memo_id.empty() && !m_react.busy();
    const std::string seen = std::string(tr(lang, T::Seen)) + " " + std::to_string(memo.seen);
    const std::string thanks = std::string(tr(lang, T::Thanks)) + " " + std::to_string(memo.thanks);
    if (ui::toggle(seen.c_str(), "seen", memo.seen_by_me) && can_react)
        m_react.start(react(m_patient, memo.memo_id, "seen", !memo.seen_by_me));
    // Side by side when both fit (a phone in large text has room for one: the next goes below).
    const ImGuiStyle& style = ImGui::GetStyle();
    const float thanks_width = ImGui::CalcTextSize(thanks.c_str()).x + 2 * style.FramePadding.x + style.ItemSpacing.x;
    ImGui::SameLine();
    if (ImGui::GetContentRegionAvail().x < thanks_width + ui::em()) ImGui::NewLine();
    if (ui::toggle(thanks.c_str(), "thanks", memo.thanked_by_me) && can_react)
        m_react.start(react(m_patient, memo.memo_id, "thanks", !memo.thanked_by_me));
    ui::end_card();
}

} // namespace mimamori::web::family

namespace mimamori::web::family {

void FamilySpaceView::draw_attachments(const ShownMemo& memo) {
    const Lang lang = m_state.lang;
    const float side = 10 * ui::em(); // large, for elderly readers and fingers
    for (std::size_t i = 0; i < memo.attachments.size(); ++i) {
        const fc::MemoAttachment& a = memo.attachments[i];
        ImGui::PushID(static_cast<int>(i));
        const std::string key = memo.memo_id + "/" + std::to_string(i);
        Thumb* thumb = nullptr;
        if (!a.thumbnail.empty()) {
            thumb = &m_thumbs[key];
            if (thumb->image.texture == 0 && !thumb->failed) {
                if (thumb->loading.not_started()) thumb->loading = browser_files::load_image_bytes(a.thumbnail, 320);
                if (thumb->loading.done()) thumb->image = thumb->loading.value(), thumb->loading.reset();
                else if (thumb->loading.failed()) thumb->failed = true, thumb->loading.reset();
            }
        }
        bool open = false;
        const bool image = a.media_type.starts_with("image/");
        if (thumb != nullptr && thumb->image.texture != 0) {
            const float w = static_cast<float>(thumb->image.width), h = static_cast<float>(thumb->image.height);
            const float k = side / std::max(w, h);
            const ImVec2 size(w * k, h * k);
            const ImVec2 at = ImGui::GetCursorScreenPos();
            open = ImGui::InvisibleButton("photo", size);
            ImGui::GetWindowDrawList()->AddImage(files::texture_id(thumb->image), at, ImVec2(at.x + size.x, at.y + size.y));
            test_hook::describe_last_item(test_hook::Kind::Button, a.name, std::string("photo ") + a.name);
        } else if (image) {
            open = ui::secondary_button((std::string(tr(lang, T::PhotoOpen)) + "  " + a.name).c_str(), "photo-open");
        } else {
            // Documents, audio, video: decrypted and verified here, then saved under their name.
            ui::text(a.name + "  (" + files::format_size(a.size) + ")");
            ImGui::SameLine();
            if (ui::secondary_button(tr(lang, T::FileSave), "file-save", !m_saving.plain.in_flight())) {
                m_saving = Saving{a.name, a.media_type, fetch_and_decrypt(a.file_id, a.key)};
                frames::request();
            }
            if (m_saving.name == a.name && m_saving.plain.finished()) {
                if (m_saving.plain.done()) {
                    save_file(m_saving.plain.value(), m_saving.name, m_saving.media_type);
                    m_saving = Saving{}; // saved once
                    m_notice = tr(lang, T::FileSaved);
                } else {
                    const bool unverifiable = m_saving.plain.error().code == ErrorCode::InvalidInput;
                    m_problem = unverifiable ? std::string(tr(lang, T::FileUnverifiable)) : m_saving.plain.error().message;
                    m_saving = Saving{};
                }
            }
        }
        if (open) {
            close_photo_view();
            m_photo.open = true;
            m_photo.name = a.name;
            m_photo.plain = fetch_and_decrypt(a.file_id, a.key);
            frames::request();
        }
        ImGui::PopID();
    }
}

void FamilySpaceView::close_photo_view() {
    browser_files::free_image(m_photo.image);
    m_photo = PhotoView{};
}

void FamilySpaceView::draw_photo_view() {
    if (!m_photo.open) return;
    const Lang lang = m_state.lang;
    if (m_photo.plain.done() && m_photo.decoding.not_started()) {
        m_photo.decoding = browser_files::load_image_bytes(m_photo.plain.value(), 2048);
    } else if (m_photo.plain.failed() && !m_photo.unverifiable) {
        const auto& e = m_photo.plain.error();
        m_photo.unverifiable = e.code == ErrorCode::InvalidInput; // authentication failed, or cut short
        m_photo.problem = e.message;
    }
    if (m_photo.decoding.done() && m_photo.image.texture == 0) m_photo.image = m_photo.decoding.value();
    files::begin_full_view("##mimamori-family-photo");
    bool close = ui::button(tr(lang, T::FileClose), "family-photo-close");
    const bool shown = m_photo.image.texture != 0;
    if (shown) {
        ImGui::SameLine();
        files::draw_zoom_buttons(m_photo.zoom);
    }
    ImGui::SameLine();
    ui::text(m_photo.name);
    if (m_photo.unverifiable) {
        ui::status_line(ui::Tone::Error, tr(lang, T::FileUnverifiable));
        ui::text(tr(lang, T::FileUnverifiableHelp));
        test_hook::describe_last_item(test_hook::Kind::Text, tr(lang, T::FileUnverifiable), "photo unverifiable");
    } else if (!m_photo.problem.empty() || m_photo.decoding.failed()) {
        ui::error_text(m_photo.problem.empty() ? std::string(tr(lang, T::LoadFailed)) : m_photo.problem);
    } else if (!shown) {
        ui::text_muted(tr(lang, T::FileOpening));
    } else {
        files::draw_zoomable_image(m_photo.zoom, m_photo.image, m_photo.name);
    }
    if (ImGui::IsKeyPressed(ImGuiKey_Escape)) close = true;
    files::end_full_view();
    if (close) close_photo_view();
}

} // namespace mimamori::web::family
