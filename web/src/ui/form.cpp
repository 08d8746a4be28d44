#include "ui/form.hpp"

#include "imgui.h"
#include "imgui_internal.h"

#include "mimamori/common/text.hpp"

namespace mimamori::web::ui {
namespace {
using i18n::Msg;

// The messages this app gives for the fields of its forms (the local checks use the same).
struct FieldMessage {
    std::string_view field;
    Msg msg;
};
constexpr FieldMessage kFieldMessages[] = {
    {"name", Msg::ErrName},          {"name_kana", Msg::ErrKana},   {"login", Msg::ErrLogin},
    {"email", Msg::ErrEmail},        {"phone", Msg::ErrPhone},      {"postal_code", Msg::ErrPostalCode},
    {"address", Msg::ErrAddress},    {"type", Msg::ErrChoose},      {"plan", Msg::ErrChoose},
    {"profession", Msg::ErrChoose},  {"birth_date", Msg::ErrBirthDate}, {"sex", Msg::ErrChoose},
    {"status", Msg::ErrChoose},      {"relation", Msg::ErrRelation}, {"facility_id", Msg::ErrChoose},
    {"team_role", Msg::ErrChoose},   {"signature", Msg::ErrNoSignature}, {"strokes", Msg::ErrNoSignature},
    {"document", Msg::ErrUnreadableUpload}, {"content_base64", Msg::ErrUnreadableUpload},
    {"starts_on", Msg::ErrDate},     {"ends_on", Msg::ErrPeriodEnd},
};

std::string_view last_segment(std::string_view field) {
    const auto dot = field.rfind('.');
    return dot == std::string_view::npos ? field : field.substr(dot + 1);
}

} // namespace

void FieldErrors::set(std::string_view field, std::string message) {
    if (find(field) == nullptr) m_errors.emplace_back(std::string(field), std::move(message));
}

const std::string* FieldErrors::find(std::string_view field) const {
    for (const auto& [name, message] : m_errors) {
        if (name == field) return &message;
    }
    return nullptr;
}

bool FieldErrors::check(std::string_view field, const Result<std::string>& validated, std::string& out,
                        const char* message) {
    if (!validated) {
        set(field, message);
        return false;
    }
    out = validated.value();
    return true;
}

void field_error(const char* field, const FieldErrors& errors) {
    const std::string* problem = errors.find(field);
    if (problem == nullptr) return;
    if (errors.take_reveal()) ImGui::SetScrollHereY(0.3f); // its field just above it, in view
    error_text(*problem);
}

bool form_text(const char* caption, const char* field, std::string& value, const FieldErrors& errors,
               const InputOptions& options) {
    const bool changed = input_text(caption, field, value, options);
    field_error(field, errors);
    return changed;
}

bool form_select(const char* caption, const char* field, std::span<const Label> options, std::string& code,
                 Lang lang, const FieldErrors& errors) {
    const bool changed = select(caption, field, options, code, lang, i18n::tr(lang, Msg::ChooseOne));
    field_error(field, errors);
    return changed;
}

std::string describe(Lang lang, const api::Failure& f) {
    if (f.unreachable()) return i18n::tr(lang, Msg::ErrUnreachable);
    switch (f.http_status) {
    case 401: return i18n::tr(lang, Msg::ErrSessionEnded);
    case 403: return i18n::tr(lang, Msg::ErrForbidden);
    case 413: return i18n::tr(lang, Msg::ErrTooLarge);
    case 429: return i18n::tr(lang, Msg::ErrRateLimited);
    default: break;
    }
    if (f.http_status >= 500) return i18n::tr(lang, Msg::ErrServer);
    return f.message;
}

std::string field_problem(Lang lang, const api::Failure& f) {
    const std::string_view field = last_segment(f.field);
    if (f.http_status == 409 && field == "login") return i18n::tr(lang, Msg::ErrLoginTaken);
    if (f.http_status == 400) {
        for (const FieldMessage& m : kFieldMessages) {
            if (m.field == field) return i18n::tr(lang, m.msg);
        }
    }
    return f.message;
}

void apply_failure(Lang lang, const api::Failure& f, FieldErrors& errors, std::string& problem,
                   const std::function<std::string(const std::string&)>& form_field) {
    if (f.field.empty()) {
        problem = describe(lang, f);
        return;
    }
    errors.set(form_field ? form_field(f.field) : f.field, field_problem(lang, f));
    errors.reveal();
    problem = i18n::tr(lang, Msg::ErrSeeFields);
}

std::string postal_code(std::string_view typed) {
    std::string digits;
    for (const char c : text::fold_fullwidth_ascii(text::trim(typed))) {
        if (c >= '0' && c <= '9') {
            digits += c;
        } else if (c != '-') {
            return {};
        }
    }
    return digits.size() == 7 ? digits.substr(0, 3) + "-" + digits.substr(3) : std::string();
}

std::string six_digit_code(std::string_view typed) {
    std::string digits;
    for (const char c : text::fold_fullwidth_ascii(typed)) {
        if (c >= '0' && c <= '9') {
            digits += c;
        } else if (c != ' ' && c != '-') {
            return {};
        }
    }
    return digits.size() == 6 ? digits : std::string();
}

bool enter_pressed() {
    const ImGuiContext& g = *GImGui;
    const bool editing = g.ActiveId != 0 && g.ActiveId == g.InputTextState.ID;
    return editing && (ImGui::IsKeyPressed(ImGuiKey_Enter, false) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter, false));
}

bool submit_button(Lang lang, const char* text, const char* id, bool busy, bool ready, bool enter) {
    const bool pressed = button(text, id, ready && !busy) || (enter && ready && !busy);
    if (busy) {
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        text_muted(i18n::tr(lang, Msg::Sending));
    }
    return pressed;
}

} // namespace mimamori::web::ui
