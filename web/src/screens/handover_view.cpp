#include "screens/handover_view.hpp"

#include "i18n/i18n.hpp"
#include "platform/clock.hpp"
#include "ui/form.hpp"
#include "ui/password_fields.hpp"
#include "ui/qr_view.hpp"
#include "ui/widgets.hpp"

namespace mimamori::web {
namespace {
using i18n::Msg;
constexpr float kQrSizeEm = 14.0f;

// "https://host/#/invite/TOKEN" -> "https://host/#/invite": where the code is typed.
std::string code_entry_url(const std::string& url) {
    const auto at = url.find("#/invite");
    return at == std::string::npos ? url : url.substr(0, at) + "#/invite";
}

} // namespace

void HandoverView::forget() {
    if (m_shown) {
        ui::wipe(m_shown->code);
        ui::wipe(m_shown->url);
    }
    m_shown.reset();
    m_qr.reset();
    m_handover.reset();
}

void HandoverView::reset() {
    forget();
    m_account = 0;
    m_closed = false;
}

bool HandoverView::draw(perm::Id account_id, const std::string& patient_name) {
    const Lang lang = m_state.lang;
    if (account_id != m_account) {
        reset();
        m_account = account_id;
        m_handover = api::hand_over(account_id);
    }
    if (m_closed) return true; // until the screen moves on
    if (m_handover.done()) {
        m_shown = m_handover.value();
        m_handover.reset();
        if (auto code = qr::encode_text(m_shown->url, {.ecc = qr::Ecc::M})) m_qr = *code;
    }
    ui::begin_card();
    ui::heading(i18n::tr(lang, Msg::HandoverTitle));
    ui::text(i18n::fmt(i18n::tr(lang, Msg::HandoverFor), {patient_name}));
    ui::space(0.25f);
    if (m_handover.in_flight()) {
        ui::status_line(ui::Tone::Pending, i18n::tr(lang, Msg::Loading));
    } else if (m_handover.failed()) {
        ui::status_line(ui::Tone::Error, ui::describe(lang, m_handover.error()));
    } else if (m_shown) {
        ui::text(i18n::tr(lang, Msg::HandoverScan));
        if (m_qr) ui::qr_code(*m_qr, kQrSizeEm, "handover-qr");
        ui::space(0.5f);
        ui::text(i18n::fmt(i18n::tr(lang, Msg::HandoverType), {code_entry_url(m_shown->url)}));
        ui::display_text(m_shown->code);
        ui::space(0.25f);
        ui::status_line(ui::Tone::Warning,
                        i18n::fmt(i18n::tr(lang, Msg::HandoverExpires), {clock::local_time(m_shown->expires_at)}));
        ui::text_muted(i18n::tr(lang, Msg::HandoverOnce));
    }
    ui::space(0.5f);
    if (ui::button(i18n::tr(lang, Msg::HandoverDone), "handover-done")) {
        forget();
        m_closed = true;
    }
    ui::end_card();
    return m_closed;
}

} // namespace mimamori::web
