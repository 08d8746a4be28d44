#pragma once
// Handing a family account's invitation over at a home visit (route
// "/patients/{id}/handover/{account}"): a new one-time code, shown in very large type to be typed
// on the family's own device at "#/invite", and the invitation link as a QR code (drawn with
// common's encoder) for a phone's camera, with their expiry. The code lives only in this view and
// is overwritten when it closes; opening the view again makes a new code (the old one stops
// working).

#include <optional>
#include <string>

#include "api/family_api.hpp"
#include "app_state.hpp"
#include "mimamori/common/qr.hpp"

namespace mimamori::web {

class HandoverView {
public:
    explicit HandoverView(AppState& state) : m_state(state) {}
    ~HandoverView() { reset(); }

    // Draws the handover of family account `account_id` of the patient `patient_name` (asking for
    // a code the first time); true once the person closed it.
    bool draw(perm::Id account_id, const std::string& patient_name);
    // Overwrites the code and the link; the next draw asks for a new code. The screen calls it
    // whenever the handover is not on screen.
    void reset();

private:
    void forget();

    AppState& m_state;
    perm::Id m_account = 0;
    bool m_closed = false;
    api::Call<api::Handover> m_handover;
    std::optional<api::Handover> m_shown;
    std::optional<qr::QrCode> m_qr;
};

} // namespace mimamori::web
