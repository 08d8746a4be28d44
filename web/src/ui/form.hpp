#pragma once
// What every form of the app shares: the problems of its fields (found before sending by
// common's validators, or named by the server's "field"), fields that show their problem under
// them, a failed call said in words a person can act on, and Enter to submit.

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include <vector>

#include "api/call.hpp"
#include "i18n/i18n.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web::ui {

// The problems of a form's fields, by the API's field name ("name", "representative.login").
class FieldErrors {
public:
    void clear() { m_errors.clear(); }
    // Keeps the first problem of a field.
    void set(std::string_view field, std::string message);
    const std::string* find(std::string_view field) const;
    bool empty() const { return m_errors.empty(); }

    // Validates with one of common's validators (validate::name, ...): on success `out` gets the
    // normalised value; on failure the field gets `message`. Returns whether it passed.
    bool check(std::string_view field, const Result<std::string>& validated, std::string& out, const char* message);

    // Scrolls the form to its first problem the next time it is drawn (after a submission).
    void reveal() { m_reveal = true; }
    // For field_error(): true once, for the first problem drawn after reveal().
    bool take_reveal() const { return std::exchange(m_reveal, false); }

private:
    std::vector<std::pair<std::string, std::string>> m_errors;
    mutable bool m_reveal = false;
};

// A text field (caption above) with its problem, if any, in the error colour below it. `field`
// is also the widget's id.
bool form_text(const char* caption, const char* field, std::string& value, const FieldErrors& errors,
               const InputOptions& options = {});
// A drop-down list (ui::select) with its problem below it.
bool form_select(const char* caption, const char* field, std::span<const Label> options, std::string& code,
                 Lang lang, const FieldErrors& errors);
// The problem of `field` alone (for fields drawn otherwise).
void field_error(const char* field, const FieldErrors& errors);

// A failed call in the person's language: the server unreachable, the session over, not
// allowed, locked out, or else the server's own message.
std::string describe(Lang lang, const api::Failure& failure);

// What a screen shows of a call that loads its content: "loading" while it runs, the failure in
// words (with a "try again" button when `retry_id` is given), or, once there, draw(value).
// True when the person asked to try again.
template <typename T, typename Draw>
bool loaded(Lang lang, const api::Call<T>& call, Draw&& draw, const char* retry_id = nullptr) {
    if (call.in_flight()) {
        status_line(Tone::Pending, i18n::tr(lang, i18n::Msg::Loading));
    } else if (call.failed()) {
        status_line(Tone::Error, describe(lang, call.error()));
        return retry_id != nullptr && secondary_button(i18n::tr(lang, i18n::Msg::Retry), retry_id);
    } else if (call.done()) {
        draw(call.value());
    }
    return false;
}

// The text for a problem the server found with a field it named: this app's wording for the
// fields it knows (what the local check would have said), else the server's message.
std::string field_problem(Lang lang, const api::Failure& failure);

// A postal code as typed ("9100004", "910-0004", "９１０－０００４") as "910-0004", or "" when it
// is not seven digits.
std::string postal_code(std::string_view typed);

// A one-time code as typed ("123 456", "１２３４５６") as its 6 digits, or "" when it is not 6
// digits.
std::string six_digit_code(std::string_view typed);

// Shows a failed submission: the server's problem next to the field it names (`form_field`
// maps the server's field name to the form's, when they differ) with `problem` pointing there,
// or, naming no field, the failure in words in `problem`.
void apply_failure(Lang lang, const api::Failure& failure, FieldErrors& errors, std::string& problem,
                   const std::function<std::string(const std::string&)>& form_field = {});

// True in the frame Enter is pressed in an active text field: call before drawing the form's
// fields (the field lets go of the key in the same frame).
bool enter_pressed();

// A form's primary button; while its call runs it is disabled and "sending" shows beside it.
// `ready`: what the form holds can be sent; `enter`: enter_pressed() of this frame, which also
// submits. True when the form is to be sent.
bool submit_button(Lang lang, const char* text, const char* id, bool busy, bool ready = true, bool enter = false);

} // namespace mimamori::web::ui
