#include "app.hpp"

#include <algorithm>
#include <string>

#include "imgui.h"
#include "imgui_internal.h" // SetNextWindowScroll

#include "family/family_space_view.hpp"
#include "family/family_vault.hpp"
#include "files/attachments.hpp"

#include "i18n/i18n.hpp"
#include "menu.hpp"
#include "platform/error_report.hpp"
#include "platform/http.hpp"
#include "platform/router.hpp"
#include "platform/settings.hpp"
#include "route.hpp"
#include "screens/about_screen.hpp"
#include "screens/account_screen.hpp"
#include "screens/audit_screen.hpp"
#include "screens/facilities_screen.hpp"
#include "screens/fee_evidence_screen.hpp"
#include "screens/consents_screen.hpp"
#include "screens/family_home_screen.hpp"
#include "screens/fees_screen.hpp"
#include "screens/home_screen.hpp"
#include "screens/invitation_screen.hpp"
#include "screens/invite_code_screen.hpp"
#include "screens/my_memos_screen.hpp"
#include "screens/my_patients_screen.hpp"
#include "screens/not_found_screen.hpp"
#include "screens/outbox_screen.hpp"
#include "screens/password_screen.hpp"
#include "screens/patient_screen.hpp"
#include "screens/patients_screen.hpp"
#include "screens/signin_screen.hpp"
#include "screens/staff_screen.hpp"
#include "screens/start_screen.hpp"
#include "screens/team_links_screen.hpp"
#include "screens/team_screen.hpp"
#include "screens/timeline_screen.hpp"
#include "session/session.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web {

// Every screen, made anew for each session.
struct Screens {
    explicit Screens(AppState& s)
        : start(s), about(s), not_found(s), sign_in(s), invitation(s), invite_code(s), password(s), account(s), home(s),
          my_patients(s), family_home(s), facilities(s), staff(s), patients(s), patient(s), consents(s), team_links(s),
          team(s), audit(s), outbox(s), fees(s), timeline(s), my_memos(s), fee_evidence(s), family_space(s) {}
    StartScreen start;
    AboutScreen about;
    NotFoundScreen not_found;
    SignInScreen sign_in;
    InvitationScreen invitation;
    InviteCodeScreen invite_code;
    PasswordScreen password;
    AccountScreen account;
    HomeScreen home;
    MyPatientsScreen my_patients;
    FamilyHomeScreen family_home;
    FacilitiesScreen facilities;
    StaffScreen staff;
    PatientsScreen patients;
    PatientScreen patient;
    ConsentsScreen consents;
    TeamLinksScreen team_links;
    TeamScreen team;
    AuditScreen audit;
    OutboxScreen outbox;
    FeesScreen fees;
    TimelineScreen timeline;
    MyMemosScreen my_memos;
    FeeEvidenceScreen fee_evidence;
    family::FamilySpaceView family_space; // a patient's family space, for its care team
};

namespace {
using i18n::Msg;
constexpr float kFormColumnEm = 44.0f; // a readable line length on wide screens
constexpr float kListColumnEm = 76.0f; // lists and tables
constexpr const char* kLanguageSetting = "lang";

// Lists and tables get the wide column: the menu's screens (and the patients and teams below
// them), and "my patients", the home of staff who join care teams.
bool is_list_route(const std::string& route, const Session& session) {
    if (menu_entry_for(route) != nullptr || route.starts_with("/teams/") || route == "/my/patients") return true;
    if (route == "/my/memos" || (route.starts_with("/patients/") && route.find("/memos") != std::string::npos)) return true;
    return route == "/" && session.signed_in() && home_is_my_patients(session.principal);
}

} // namespace

App::App() {
    // Japanese unless this device was switched to English before.
    if (settings::load(kLanguageSetting) == "en") m_state.lang = Lang::En;
}

App::~App() = default;

void App::build_fonts(ImFontAtlas& atlas, float px_per_css_px) { m_fonts.build(atlas, px_per_css_px); }

void App::apply_style(float px_per_css_px) { ui::apply_theme(px_per_css_px); }

bool App::interactive() const {
    if (!m_fonts.loaded() || m_state.session.phase == Session::Phase::Checking || !m_screens) return false;
    const auto parts = route::segments(router::current());
    if (!parts.empty() && parts[0] == "health") return m_screens->start.ready();
    if (parts.size() == 2 && parts[0] == "invite") return m_screens->invitation.ready();
    return true;
}

void App::load_font() {
    // The bundle's font (preloaded by index.html). Without it nothing Japanese can be drawn: the
    // page then asks to be reloaded.
    m_font_requested = true;
    http::send({.url = "mimamori-ja.ttf"}, [this](Result<http::Response> response) {
        if (!response || response->status != 200) {
            fail(response ? "font: HTTP " + std::to_string(response->status) : response.error().message, "font");
            return;
        }
        m_fonts.set_data(std::move(response->body));
        runtime::request_font_rebuild();
    });
}

void App::draw() {
    if (!m_font_requested) load_font();
    session::update(m_state);
    m_state.live.update(m_state.session);
    if (m_state.live.take_refused() && m_state.session.signed_in()) session::refresh(m_state); // a 401 ends it
    family::vault().update(m_state); // the family space keys of an ended session are wiped first
    if (m_screens_generation != m_state.session.generation) {
        m_screens.reset(); // the old screens' texts are overwritten by their destructors first
        m_screens = std::make_unique<Screens>(m_state);
        m_screens_generation = m_state.session.generation;
    }

    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->Pos);
    ImGui::SetNextWindowSize(vp->Size);
    constexpr ImGuiWindowFlags kRootFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                            ImGuiWindowFlags_NoSavedSettings |
                                            ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0.0f, 0.0f));
    ImGui::Begin("##root", nullptr, kRootFlags);
    ImGui::PopStyleVar();
    m_header.draw();

    // The screen, in a centred column that scrolls on its own when it is taller than the window.
    const std::string route = router::current();
    const float em = ui::em();
    const float margin = 1.0f * em;
    const float column = std::min(vp->Size.x - 2.0f * margin, (is_list_route(route, m_state.session) ? kListColumnEm : kFormColumnEm) * em);
    ImGui::SetCursorScreenPos(ImVec2(vp->Pos.x + (vp->Size.x - column) * 0.5f, ImGui::GetCursorScreenPos().y));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0.0f, 1.5f * em));
    if (route != m_last_route) { // another screen starts at its top
        ImGui::SetNextWindowScroll(ImVec2(0.0f, 0.0f));
        m_last_route = route;
    }
    ImGui::BeginChild("##screen", ImVec2(column, 0.0f), ImGuiChildFlags_AlwaysUseWindowPadding);
    draw_screen(route);
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::End();
    files::draw_overlays(m_state.lang); // a file's full view or player, closed when its screen is gone
}

void App::draw_screen(const std::string& route) {
    if (draw_public_screen(route)) return;
    const Session& s = m_state.session;
    if (s.phase == Session::Phase::Checking) {
        ui::status_line(ui::Tone::Pending, i18n::tr(m_state.lang, Msg::Loading));
        return;
    }
    if (s.signed_in()) {
        draw_signed_in_screen(route);
        return;
    }
    if (route == "/signin") {
        m_screens->sign_in.draw();
        return;
    }
    // Signed out: to the sign-in, and back here after it, unless the last person signed out or
    // was locked out here (the next person on a shared terminal starts at home).
    const bool same_person = s.last_end == SessionEnd::None || s.last_end == SessionEnd::Expired;
    if (route != "/" && same_person) m_state.session.return_to = route;
    router::redirect("/signin");
}

bool App::draw_public_screen(const std::string& route) {
    const auto parts = route::segments(route);
    if (parts.empty()) return false;
    if (parts[0] == "health" && parts.size() == 1) {
        m_screens->start.draw();
    } else if (parts[0] == "about" && parts.size() == 1) {
        m_screens->about.draw();
    } else if (parts[0] == "invite" && parts.size() == 2) {
        m_screens->invitation.draw(std::string(parts[1]));
    } else if (parts[0] == "invite" && parts.size() == 1) {
        m_screens->invite_code.draw();
    } else {
        return false;
    }
    return true;
}

void App::draw_signed_in_screen(const std::string& route) {
    const api::Me& me = *m_state.session.me;
    const auto parts = route::segments(route);
    const std::string_view first = parts.empty() ? std::string_view() : parts[0];
    // What must come first: the initial password, then two-factor sign-in where it is required.
    if (me.must_change_password && first != "password") return router::redirect("/password");
    if (!me.must_change_password && me.two_factor_required && !me.two_factor_enabled && first != "account") {
        return router::redirect("/account");
    }
    if (first == "signin") return router::redirect("/");

    if (first.empty()) return draw_home();
    if (first == "password") {
        if (!me.must_change_password) return router::redirect("/"); // done (or never needed)
        return m_screens->password.draw();
    }
    if (first == "account") return m_screens->account.draw();
    const perm::Principal& principal = m_state.session.principal;
    if (route == "/my/patients") {
        if (!home_is_my_patients(principal)) return m_screens->not_found.draw(true);
        return m_screens->my_patients.draw();
    }
    // A patient's family space (issue 6), for the members of its care team; the server decides.
    if (first == "patients" && parts.size() == 3 && parts[2] == "family-space" && opens_patient_screens(principal)) {
        if (const auto id = route::id(parts[1])) return m_screens->family_space.draw_for_team(*id);
    }
    if (route == "/my/memos") {
        if (!home_is_my_patients(principal)) return m_screens->not_found.draw(true);
        return m_screens->my_memos.draw();
    }
    // A patient's timeline ("/patients/{id}/memos[/{memo}]"): its members; the server decides.
    if (first == "patients" && parts.size() >= 3 && parts[2] == "memos" && opens_patient_screens(principal)) {
        const auto patient = route::id(parts[1]);
        const auto memo = parts.size() == 4 ? route::id(parts[3]) : std::nullopt;
        if (patient && parts.size() <= 4 && (parts.size() == 3 || memo)) return m_screens->timeline.draw(*patient, memo);
    }
    // One patient or team: reached by members of its care team as well as from the menu's lists,
    // so each action there is decided on the patient's own facts.
    if (first == "patients" && parts.size() >= 2 && opens_patient_screens(principal)) return m_screens->patient.draw(parts);
    if (first == "teams" && parts.size() == 2 && opens_patient_screens(principal)) {
        if (const auto id = route::id(parts[1])) return m_screens->team.draw(*id);
    }
    const MenuEntry* entry = menu_entry_for(route);
    if (entry == nullptr) return m_screens->not_found.draw();
    if (!menu_allows(principal, *entry)) return m_screens->not_found.draw(true);
    if (first == "facilities") return m_screens->facilities.draw(parts);
    if (first == "staff") return m_screens->staff.draw(parts);
    if (first == "patients") return m_screens->patients.draw();
    if (first == "consents") return m_screens->consents.draw();
    if (first == "team-links") return m_screens->team_links.draw();
    if (first == "audit") return m_screens->audit.draw();
    if (first == "outbox") return m_screens->outbox.draw();
    if (first == "fees") return m_screens->fees.draw();
    if (first == "fee-evidence") return m_screens->fee_evidence.draw();
    m_screens->not_found.draw();
}

void App::draw_home() {
    const perm::Principal& principal = m_state.session.principal;
    if (principal.family) return m_screens->family_home.draw(); // a family's space, not a staff screen
    if (!home_is_my_patients(principal)) return m_screens->home.draw();
    // The memo search and the notifications (mentions of me), with the count of new ones.
    const int unseen = m_state.live.new_mentions();
    const std::string memos = unseen > 0 ? i18n::fmt(i18n::tr(m_state.lang, Msg::NavMyMemosNew), {std::to_string(unseen)})
                                         : std::string(i18n::tr(m_state.lang, Msg::NavMyMemos));
    if (ui::secondary_button(memos.c_str(), "home-my-memos")) router::navigate("/my/memos"); // not a menu entry (nav-*)
    m_screens->my_patients.draw();
    m_screens->home.draw_notices();
}

} // namespace mimamori::web
