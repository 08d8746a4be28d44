#include "screens/start_screen.hpp"

#include <string>

#include "imgui.h"

#include "i18n/i18n.hpp"
#include "mimamori/common/text.hpp"
#include "mimamori/common/version.hpp"
#include "platform/frames.hpp"
#include "platform/router.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;
// A failed or degraded check is repeated after this long, so the screen recovers by itself when
// the server or the database comes back.
constexpr double kRetrySeconds = 10.0;
constexpr float kLabelWidthEm = 10.0f;
} // namespace

void StartScreen::draw() {
    draw_health();
    ui::space(1.0f);
    draw_input_check();
    ui::space(1.0f);
    if (ui::link(i18n::tr(m_state.lang, Msg::NavAbout), "nav-about")) router::navigate("/about");
    ImGui::SameLine(0.0f, 2.0f * ui::em());
    if (ui::link(i18n::tr(m_state.lang, Msg::BackHome), "nav-home")) router::navigate("/");
}

void StartScreen::draw_health() {
    const Lang lang = m_state.lang;
    HealthCheck& health = m_state.health;
    const double now = ImGui::GetTime();

    const bool degraded = health.request.failed() || (health.request.done() && !health.request.value().db_ok());
    if (health.request.not_started() || (degraded && now - health.finished_at >= kRetrySeconds)) {
        health.request = api::fetch_health();
    }
    if (health.request.finished() && health.finished_at == 0.0) health.finished_at = now;
    if (health.request.in_flight()) health.finished_at = 0.0;

    ui::begin_card();
    ui::heading(i18n::tr(lang, Msg::StatusTitle));
    ui::space(0.25f);
    switch (health.request.status()) {
    case Status::NotStarted:
    case Status::InFlight:
        ui::status_line(ui::Tone::Pending, i18n::tr(lang, Msg::StatusChecking));
        break;
    case Status::Failed: {
        const bool unreachable = health.request.error().code == ErrorCode::Unavailable;
        ui::status_line(ui::Tone::Error,
                        std::string(i18n::tr(lang, Msg::StatusServer)) + ": " +
                            i18n::tr(lang, unreachable ? Msg::StatusServerUnreachable : Msg::StatusServerError));
        ui::text_muted(i18n::tr(lang, Msg::StatusRetrying));
        break;
    }
    case Status::Done: {
        const api::Health& h = health.request.value();
        ui::status_line(ui::Tone::Ok,
                        std::string(i18n::tr(lang, Msg::StatusServer)) + ": " + i18n::tr(lang, Msg::StatusOk));
        ui::status_line(h.db_ok() ? ui::Tone::Ok : ui::Tone::Error,
                        std::string(i18n::tr(lang, Msg::StatusDatabase)) + ": " +
                            i18n::tr(lang, h.db_ok() ? Msg::StatusOk : Msg::StatusDatabaseDown));
        if (!h.db_ok()) ui::text_muted(i18n::tr(lang, Msg::StatusRetrying));
        ui::space(0.25f);
        ui::field_row(i18n::tr(lang, Msg::StatusServerVersion), h.version, kLabelWidthEm);
        if (h.schema_version) {
            ui::field_row(i18n::tr(lang, Msg::StatusSchemaVersion), std::to_string(*h.schema_version), kLabelWidthEm);
        }
        break;
    }
    }
    ui::field_row(i18n::tr(lang, Msg::StatusAppVersion), kVersion, kLabelWidthEm);
    ui::space(0.25f);
    if (ui::secondary_button(i18n::tr(lang, Msg::StatusRecheck), "recheck", !health.request.in_flight())) {
        health.request = api::fetch_health();
    }
    ui::end_card();

    if (degraded && health.finished_at > 0.0) frames::request_in(health.finished_at + kRetrySeconds - now);
}

void StartScreen::draw_input_check() {
    const Lang lang = m_state.lang;
    ui::begin_card();
    ui::heading(i18n::tr(lang, Msg::InputTitle));
    ui::space(0.25f);
    ui::text_muted(i18n::tr(lang, Msg::InputHelp));
    ui::space(0.25f);
    ui::input_text(i18n::tr(lang, Msg::InputLabel), "input-check", m_state.input_check, i18n::tr(lang, Msg::InputHint));
    ui::text_muted(std::to_string(text::length(m_state.input_check)) + " " + i18n::tr(lang, Msg::InputCharacters));
    ui::end_card();
}

} // namespace mimamori::web
