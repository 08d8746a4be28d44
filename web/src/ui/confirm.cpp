#include "ui/confirm.hpp"

#include <algorithm>
#include <cfloat>
#include <utility>

#include "i18n/i18n.hpp"
#include "imgui.h"
#include "ui/widgets.hpp"

namespace mimamori::web::ui {
namespace {
constexpr const char* kPopupId = "###confirm";
constexpr float kWidthEm = 26.0f;
} // namespace

void ConfirmDialog::ask(Question question, PendingAction action) {
    m_question = std::move(question);
    m_asked = action;
    m_open_requested = true;
}

std::optional<PendingAction> ConfirmDialog::take() { return std::exchange(m_confirmed, std::nullopt); }

void ConfirmDialog::draw(Lang lang) {
    if (!m_question) return;
    if (m_open_requested) {
        ImGui::OpenPopup(kPopupId);
        m_open_requested = false;
    }
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    // A fixed width (the text wraps in it) and the height of the content.
    const float width = std::min(kWidthEm * em(), vp->Size.x - 2.0f * em());
    ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0.0f), ImVec2(width, vp->Size.y));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(1.5f * em(), 1.25f * em()));
    const bool open = ImGui::BeginPopupModal(kPopupId, nullptr,
                                             ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove |
                                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::PopStyleVar();
    if (!open) { // closed by other means (Escape)
        m_question.reset();
        return;
    }
    ImGui::PushTextWrapPos(0.0f);
    text(m_question->title);
    space(0.25f);
    text_muted(m_question->body);
    ImGui::PopTextWrapPos();
    space(0.5f);
    bool close = false;
    if (secondary_button(i18n::tr(lang, i18n::Msg::Cancel), "confirm-cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape)) {
        close = true;
    }
    ImGui::SameLine();
    const bool yes = m_question->destructive ? danger_button(m_question->confirm.c_str(), "confirm-yes")
                                             : button(m_question->confirm.c_str(), "confirm-yes");
    if (yes) {
        m_confirmed = m_asked;
        close = true;
    }
    if (close) {
        ImGui::CloseCurrentPopup();
        m_question.reset();
    }
    ImGui::EndPopup();
}

} // namespace mimamori::web::ui
